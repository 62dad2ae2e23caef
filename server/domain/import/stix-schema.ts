import { z } from 'zod';
import { isCalendarDate } from '../../../shared/calendar-date.js';
import { dateProperties, entityKinds, kindProperties, relationshipTypes, stances } from '../model.js';
import { isStixId, stixIdPattern, typeOfStixId } from '../stix/ids.js';
import { urlField } from './url-field.js';
import { sizeLimits } from './validate-document.js';
import { stixEvidenceFields } from '../sources/stix-evidence.js';

export { isStixId, typeOfStixId };

// STIX timestamps are date-times; a bare date is accepted too, because hand-written bundles use them.
const timestamp = z
  .string()
  .refine(
    (text) =>
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text) &&
      isCalendarDate(text.slice(0, 10)) &&
      !Number.isNaN(Date.parse(text)),
    'must be a STIX timestamp such as 2023-12-25T08:00:00Z',
  );
const ref = z
  .string({ error: 'must be a STIX id (type--uuid)' })
  .regex(stixIdPattern, { error: (issue) => `"${String(issue.input)}" is not a STIX id (type--uuid)` });
const refs = z.array(ref);
const texts = z.array(z.string());
const id = z.string().trim().min(1, 'must not be empty').max(sizeLimits.idLength, `is longer than ${sizeLimits.idLength} characters`);

const externalReference = z.looseObject({
  source_name: z.string().optional(),
  description: z.string().optional(),
  url: urlField.optional(),
  external_id: z.string().optional(),
});
export type StixExternalReference = z.infer<typeof externalReference>;

const isoDate = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');
const nullableText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
/**
 * Our export's exact source records and citations, which survive a round trip better than external_references.
 * Loose: fields the Source record gains (issue 14's reliability, origin, ...) travel too.
 */
const ourSource = z.looseObject({
  id,
  title: z.string().min(1, 'must not be empty'),
  publisher: nullableText,
  url: urlField.nullish().transform((value) => value ?? null),
  published: isoDate.nullish().transform((value) => value ?? null),
  excerpt: nullableText,
  ...stixEvidenceFields,
});

/** Our kind-specific properties may also arrive as `x_ae_<snake_case>` (x_ae_iso_code, x_ae_first_seen, ...). */
export const propertyOverrides = new Map(
  [...new Set(Object.values(kindProperties).flat())].map((name) => [
    name,
    `x_ae_${name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`,
  ]),
);
const propertyOverrideFields = Object.fromEntries(
  [...propertyOverrides].map(([name, field]) => [field, (dateProperties.has(name) ? timestamp : z.string()).optional()]),
) as Record<string, z.ZodOptional<z.ZodString>>;

/** Fields that must be present for an object of that type to mean anything. */
const requiredByType: Record<string, string[]> = {
  relationship: ['relationship_type', 'source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
  report: ['object_refs'],
  note: ['content', 'object_refs'],
  opinion: ['opinion', 'object_refs'],
};
const periods = [
  ['start_time', 'stop_time'],
  ['first_seen', 'last_seen'],
  ['x_ae_since', 'x_ae_until'],
] as const;

/**
 * One loose schema for every object: it checks only the fields the mapping reads and keeps the rest, so
 * custom `x_` properties survive. `crossFieldProblems` adds the checks that span fields.
 */
export const stixObjectSchema = z.looseObject({
  type: z.string().min(1, 'must not be empty'),
  id: ref,
  name: z.string().trim().min(1, 'must not be empty').optional(),
  description: z.string().optional(),
  aliases: texts.optional(),
  labels: texts.optional(),
  confidence: z.number().int('must be a whole number').min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100').optional(),
  external_references: z.array(externalReference).optional(),
  revoked: z.boolean().optional(),
  identity_class: z.string().optional(),
  sectors: texts.optional(),
  roles: texts.optional(),
  country: z.string().optional(),
  abstract: z.string().trim().min(1, 'must not be empty').optional(),
  content: z.string().optional(),
  explanation: z.string().optional(),
  opinion: z.string().optional(),
  relationship_type: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, such as attributed-to')
    .optional(),
  source_ref: ref.optional(),
  target_ref: ref.optional(),
  sighting_of_ref: ref.optional(),
  where_sighted_refs: refs.optional(),
  object_refs: refs.optional(),
  published: timestamp.optional(),
  first_seen: timestamp.optional(),
  last_seen: timestamp.optional(),
  start_time: timestamp.optional(),
  stop_time: timestamp.optional(),
  x_ae_id: id.optional(),
  x_ae_kind: z.enum(entityKinds, { error: `must be one of ${entityKinds.join(', ')}` }).optional(),
  x_ae_type: z.enum(relationshipTypes, { error: `must be one of ${relationshipTypes.join(', ')}` }).optional(),
  x_ae_stance: z.enum(stances, { error: `must be one of ${stances.join(', ')}` }).optional(),
  x_ae_date: timestamp.optional(),
  x_ae_author: id.optional(),
  x_ae_disputed_by: z.array(id).optional(),
  x_ae_name: z.string().trim().min(1, 'must not be empty').optional(),
  x_ae_description: z.string().optional(),
  x_ae_aliases: texts.optional(),
  x_ae_sources: z.array(ourSource).optional(),
  x_ae_since: timestamp.optional(),
  x_ae_until: timestamp.optional(),
  x_ae_rendered: z.boolean().optional(),
  x_ae_external_ids: texts.optional(),
  x_ae_deprecated: z.boolean().optional(),
  x_ae_count: z.number().int().min(0).optional(),
  /** On an analyst's note from our export: the id of the entity or relationship the note is about. */
  x_ae_note_subject: id.optional(),
  authors: texts.optional(),
  count: z.number().int('must be a whole number').min(0, 'must not be negative').optional(),
  created_by_ref: ref.optional(),
  ...propertyOverrideFields,
});

/**
 * Checks that span fields: the id's type, per-type required fields, time order. Run on the raw object
 * beside the schema (not as a refinement, which zod skips once a field fails) so every problem is listed.
 */
export function crossFieldProblems(object: Record<string, unknown>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const type = typeof object.type === 'string' ? object.type : '';
  if (isStixId(object.id) && type && typeOfStixId(object.id) !== type) {
    problems.push({ field: 'id', message: `names type "${typeOfStixId(object.id)}" but the object's type is "${type}"` });
  }
  for (const field of requiredByType[type] ?? []) {
    if (object[field] === undefined) problems.push({ field, message: `is required on a ${type}` });
  }
  for (const [start, end] of periods) {
    const [from, to] = [object[start], object[end]];
    if (typeof from === 'string' && typeof to === 'string' && Date.parse(to) < Date.parse(from)) {
      problems.push({ field: end, message: `(${to}) is before ${start} (${from})` });
    }
  }
  return problems;
}
export type StixObject = z.infer<typeof stixObjectSchema>;

export const bundleSchema = z.object({
  type: z.literal('bundle', { error: 'must be "bundle"' }),
  id: z.string().regex(/^bundle--[0-9a-f-]{36}$/i, 'must be a bundle id (bundle--uuid)'),
  objects: z.array(z.unknown(), { error: 'must be a list of STIX objects' }),
});

/** A STIX timestamp as our calendar date: the date as written, without moving it to another time zone. */
export function toDate(timestampText: string | undefined | null): string | null {
  return timestampText ? timestampText.slice(0, 10) : null;
}
