import { dateProperties, kindProperties } from '../model.js';
import type { ImportEntity } from './document.js';
import { stableId, type StixContext } from './stix-context.js';
import { extraOf } from './stix-extra.js';
import { entityKindOf } from './stix-mapping.js';
import { propertyOverrides, toDate, type StixObject } from './stix-schema.js';

/** Where each kind-specific property is found in STIX (first field present wins); `x_ae_<property>` beats all. */
const stixFields: Record<string, string[]> = {
  firstSeen: ['first_seen'],
  lastSeen: ['last_seen'],
  sector: ['sectors'],
  role: ['roles'],
  countryCode: ['country'],
  isoCode: ['country'],
  statement: ['content', 'explanation'],
};

/** The field the entity's date comes from, per STIX type, after `x_ae_date`. */
const dateFields: Record<string, string> = { report: 'published', incident: 'first_seen', campaign: 'first_seen' };

function read(object: StixObject, field: string, asDate: boolean): string | null {
  const raw = object[field] as string | string[] | undefined;
  if (raw === undefined) return null;
  if (Array.isArray(raw)) return raw.length > 0 ? raw.join(', ') : null;
  return asDate ? toDate(raw) : raw || null;
}

/** The entity a STIX domain object becomes, or null (and a warning) when the model has no kind for it. */
export function toEntity(object: StixObject, context: StixContext): ImportEntity | null {
  const kind = entityKindOf(object);
  if (!kind) {
    context.skip(
      object.type === 'course-of-action'
        ? 'skipped {n} course-of-action object{s}: only those with x_ae_kind (SANCTION, DIPLOMATIC_ACTION) map to an entity'
        : `skipped {n} ${object.type} object{s}: the model has no kind for them`,
    );
    return null;
  }
  const mapped = new Set(['name', 'description', 'aliases', 'object_refs']);
  const properties: Record<string, string> = {};
  for (const name of kindProperties[kind]) {
    const override = propertyOverrides.get(name)!;
    mapped.add(override);
    const isDate = dateProperties.has(name);
    const field =
      object[override] !== undefined ? override : stixFields[name]?.find((candidate) => read(object, candidate, isDate) !== null);
    const value = field ? read(object, field, isDate) : null;
    if (field && value) {
      properties[name] = value;
      mapped.add(field);
    }
  }
  // Our export writes x_ae_date whenever there is a date, so for its objects no x_ae_date means none.
  const dateField = object.x_ae_date || object.x_ae_kind ? 'x_ae_date' : dateFields[object.type];
  if (dateField) mapped.add(dateField);
  if (!object.x_ae_name && !object.name && object.abstract) mapped.add('abstract');
  // identity_class is in the kind unless an organization-like class (class, system, unknown) was folded into ORGANIZATION.
  if (kind !== 'ORGANIZATION' || (object.identity_class ?? 'organization') === 'organization') mapped.add('identity_class');
  return {
    id: stableId(object),
    kind,
    name: object.x_ae_name ?? object.name ?? object.abstract ?? `${object.type} ${object.id}`,
    aliases: object.x_ae_aliases ?? object.aliases ?? [],
    description: object.x_ae_description ?? object.description ?? null,
    date: dateField ? read(object, dateField, true) : null,
    properties,
    sources: context.sources.cite(object),
    extra: extraOf(object, mapped),
  };
}
