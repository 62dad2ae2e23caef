import type { StixObject } from './stix-schema.js';

/** STIX bookkeeping that says nothing about the world (versioning, markings, the references that became sources). */
const bookkeeping = [
  'type',
  'spec_version',
  'id',
  'created',
  'modified',
  'created_by_ref',
  'object_marking_refs',
  'granular_markings',
  'external_references',
  'lang',
  'revoked',
];

/** The x_ae_ properties our own export sets, which the mapping reads rather than keeps. */
const ourFields = [
  'x_ae_id',
  'x_ae_kind',
  'x_ae_type',
  'x_ae_stance',
  'x_ae_date',
  'x_ae_author',
  'x_ae_disputed_by',
  'x_ae_name',
  'x_ae_description',
  'x_ae_aliases',
  'x_ae_sources',
  'x_ae_extra',
  'x_ae_since',
  'x_ae_until',
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What an element keeps in `extra`: its custom `x_` properties, and the standard STIX properties the model
 * has no field for (malware_types, objective, ...), so nothing is silently lost. An entity from our own
 * export (it has x_ae_kind) brings its extra in `x_ae_extra`; its standard properties are only what the
 * export had to fill in for STIX, so they are not kept. Null when nothing is left.
 */
export function extraOf(object: StixObject, mapped: Iterable<string>, added: Record<string, unknown> = {}): Record<string, unknown> | null {
  const consumed = new Set([...bookkeeping, ...ourFields, ...mapped]);
  const ours = object.x_ae_kind !== undefined;
  const carried = object.x_ae_extra;
  const extra: Record<string, unknown> = isRecord(carried) ? { ...carried } : carried === undefined ? {} : { x_ae_extra: carried };
  for (const [key, value] of Object.entries(object)) {
    if (!consumed.has(key) && (!ours || key.startsWith('x_'))) extra[key] = value;
  }
  for (const [key, value] of Object.entries(added)) if (value !== undefined && value !== null) extra[key] = value;
  return Object.keys(extra).length > 0 ? extra : null;
}
