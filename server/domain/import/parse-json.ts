import { z } from 'zod';
import { entityKinds, reliabilityGrades, relationshipTypes, stances } from '../model.js';
import { isCalendarDate } from '../../../shared/calendar-date.js';
import { markingIdOf } from '../../../shared/markings.js';
import type { ImportDocument, ImportProblem } from './document.js';
import { urlField } from './url-field.js';
import { sizeLimits } from './validate-document.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a real date');
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
const optionalDate = isoDate.nullish().transform((value) => value ?? null);
const id = z.string().trim().min(1, 'must not be empty').max(sizeLimits.idLength, `is longer than ${sizeLimits.idLength} characters`);

const credibility = z.number().int('must be a whole number').min(1).max(6).nullish();
const citation = z
  .object({ source: id, excerpt: optionalText, credibility })
  .transform(({ credibility, ...rest }) => (credibility == null ? rest : { ...rest, credibility }));
// STIX timestamps (RFC 3339): when an element was created and last changed, which versions compare.
const timestamp = z
  .string()
  .refine((text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)), {
    message: 'must be a timestamp such as 2024-01-31T12:00:00.000Z',
  })
  .nullish()
  .transform((value) => value ?? null);
/** Marking-definition ids, or TLP names (TLP:RED is TLP 2.0's), as shared/markings.ts reads them. */
const markings = z
  .array(
    z.string().transform((text, context) => {
      const marking = markingIdOf(text);
      if (!marking) context.addIssue({ code: 'custom', message: `"${text}" is neither a marking-definition id nor a TLP name` });
      return marking ?? text;
    }),
  )
  .default([]);
/** STIX bookkeeping an element may carry (the project's exports write it): all optional. */
const bookkeeping = {
  created: timestamp,
  modified: timestamp,
  markings,
  revoked: z.boolean().default(false),
  deprecated: z.boolean().default(false),
  stix: z
    .looseObject({ type: z.string().min(1), id: z.string().min(1) })
    .nullish()
    .transform((value) => value ?? null),
};
const citations = z.array(citation).min(1, 'needs at least one source citation');

const sourceSchema = z.object({
  id,
  title: z.string().min(1, 'must not be empty'),
  publisher: optionalText,
  url: urlField.nullish().transform((value) => value ?? null),
  published: optionalDate,
  publishedInferred: z.boolean().optional(),
  publishedNote: z.string().trim().min(1, 'must not be empty when given').nullish(),
  reliability: z.enum(reliabilityGrades).nullish(),
  origin: z.string().trim().min(1, 'must not be empty when given').nullish(),
  derivedFrom: z.array(id).optional(),
});

const entitySchema = z.object({
  id,
  kind: z.enum(entityKinds),
  name: z.string().trim().min(1, 'must not be empty'),
  aliases: z.array(z.string().min(1)).default([]),
  description: optionalText,
  date: optionalDate,
  properties: z.record(z.string(), z.string().nullable()).default({}),
  sources: citations,
  extra: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((value) => value ?? null),
  externalIds: z.array(z.string().min(1)).default([]),
  ...bookkeeping,
});

const relationshipSchema = z.object({
  id,
  type: z.enum(relationshipTypes),
  from: id,
  to: id,
  stance: z.enum(stances),
  confidence: z.number().int('must be a whole number').min(0).max(100).nullable(),
  since: optionalDate,
  until: optionalDate,
  description: optionalText,
  sources: citations,
  disputedBy: z.array(id).default([]),
  extra: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((value) => value ?? null),
  count: z.number().int().min(0).nullish(),
  ...bookkeeping,
});

const markingDefinitionSchema = z.object({
  id: z.string().regex(/^marking-definition--[0-9a-f-]{36}$/i, 'must be a marking-definition id'),
  object: z.looseObject({ type: z.literal('marking-definition') }),
});

const documentSchema = z.object({
  format: z.literal('attribution-explorer'),
  version: z.literal(1),
  sources: z.array(sourceSchema).default([]),
  entities: z.array(entitySchema).default([]),
  relationships: z.array(relationshipSchema).default([]),
  markingDefinitions: z.array(markingDefinitionSchema).default([]),
});

/** Where a zod issue points, named by the object's id when it has one (e.g. `entities[3] (iran).kind`). */
function locate(raw: unknown, path: readonly PropertyKey[]): string {
  const [section, index, ...rest] = path;
  if (typeof section === 'string' && typeof index === 'number') {
    const item = (raw as Record<string, unknown[]> | null)?.[section]?.[index] as { id?: unknown } | undefined;
    const named = typeof item?.id === 'string' ? ` (${item.id})` : '';
    return `${section}[${index}]${named}${rest.length ? '.' + rest.map(String).join('.') : ''}`;
  }
  return path.map(String).join('.') || 'document';
}

/** Parses the project's own JSON format; returns the document or every problem found. */
export function parseProjectJson(content: string): { document?: ImportDocument; problems: ImportProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    return { problems: [{ location: 'file', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ location: locate(raw, issue.path), message: issue.message })) };
  }
  const { entities, relationships, markingDefinitions } = parsed.data;
  // Evidence fields left out stay out, so a source without them fingerprints as it did before they existed.
  const sources = parsed.data.sources.map(({ reliability, origin, derivedFrom, publishedInferred, publishedNote, ...source }) => ({
    ...source,
    ...(publishedInferred ? { publishedInferred } : {}),
    ...(publishedNote ? { publishedNote } : {}),
    ...(reliability ? { reliability } : {}),
    ...(origin ? { origin } : {}),
    ...(derivedFrom?.length ? { derivedFrom } : {}),
  }));
  const element = <T extends { stix: Record<string, unknown> | null }>({ stix, ...rest }: T) => ({ ...rest, stixObject: stix });
  return {
    document: {
      sources,
      entities: entities.map(element),
      relationships: relationships.map(element),
      markings: markingDefinitions,
    },
    problems: [],
  };
}
