import { z } from 'zod';
import { entityKinds, reliabilityGrades, relationshipTypes, stances } from '../model.js';
import { isCalendarDate } from '../../../shared/calendar-date.js';
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
const citations = z.array(citation).min(1, 'needs at least one source citation');

const sourceSchema = z.object({
  id,
  title: z.string().min(1, 'must not be empty'),
  publisher: optionalText,
  url: urlField.nullish().transform((value) => value ?? null),
  published: optionalDate,
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
});

const relationshipSchema = z.object({
  id,
  type: z.enum(relationshipTypes),
  from: id,
  to: id,
  stance: z.enum(stances),
  confidence: z.number().int('must be a whole number').min(0).max(100),
  since: optionalDate,
  until: optionalDate,
  description: optionalText,
  sources: citations,
  disputedBy: z.array(id).default([]),
  extra: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((value) => value ?? null),
});

const documentSchema = z.object({
  format: z.literal('attribution-explorer'),
  version: z.literal(1),
  sources: z.array(sourceSchema).default([]),
  entities: z.array(entitySchema).default([]),
  relationships: z.array(relationshipSchema).default([]),
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
  const { entities, relationships } = parsed.data;
  // Evidence fields left out stay out, so a source without them fingerprints as it did before they existed.
  const sources = parsed.data.sources.map(({ reliability, origin, derivedFrom, ...source }) => ({
    ...source,
    ...(reliability ? { reliability } : {}),
    ...(origin ? { origin } : {}),
    ...(derivedFrom?.length ? { derivedFrom } : {}),
  }));
  return { document: { sources, entities, relationships }, problems: [] };
}
