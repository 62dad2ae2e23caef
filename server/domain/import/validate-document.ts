import { dateProperties, kindProperties } from '../model.js';
import { shownValue as shown } from '../text-policy.js';
import { isCalendarDate } from '../../../shared/calendar-date.js';
import type { ImportDocument, ImportProblem, ImportSource } from './document.js';
import { textAndUrlProblems } from './validate-text.js';

/**
 * Sizes Neo4j's indexes can hold, checked here because every write (imports and edits) passes this way:
 * ids sit in range indexes (about 8 KB a key), names and aliases in text indexes (32 KB). Beyond them the
 * write would fail inside its transaction with a database error instead of a problem the user can fix.
 */
/** Why a source's publication-date fields do not hold together (an inferred date needs a date), or null. */
export function inferredDateProblem(source: Pick<ImportSource, 'published' | 'publishedInferred'>): string | null {
  return source.publishedInferred && !source.published
    ? 'says its publication date is inferred (publishedInferred) but gives no date'
    : null;
}

export const sizeLimits = { idLength: 300, nameLength: 1_000, aliasesLength: 3_000, noteLength: 20_000, authorLength: 200 } as const;

/**
 * Checks a parsed document as a whole: well-formed text and safe URLs, unique ids, kind-specific properties,
 * date order, and that every reference resolves either inside the document or among `existing` ids already
 * in the graph.
 */
export function validateDocument(
  document: ImportDocument,
  existing: { entityIds: ReadonlySet<string>; sourceIds: ReadonlySet<string>; noteSubjectIds?: ReadonlySet<string> },
): ImportProblem[] {
  const problems: ImportProblem[] = textAndUrlProblems(document);
  const seen = new Map<string, string>();
  const claim = (kind: string, id: string) => {
    const key = `${kind}:${id}`;
    if (seen.has(key)) problems.push({ location: `${kind} ${shown(id)}`, message: 'id is used twice in this import' });
    seen.set(key, id);
    if (id.trim().length === 0 || id.length > sizeLimits.idLength) {
      problems.push({
        location: `${kind} ${shown(id)}`,
        message: `id must hold 1 to ${sizeLimits.idLength} characters (it has ${id.length})`,
      });
    }
  };
  document.sources.forEach((source) => claim('source', source.id));
  document.entities.forEach((entity) => claim('entity', entity.id));
  document.relationships.forEach((relationship) => claim('relationship', relationship.id));
  document.notes?.forEach((note) => claim('note', note.id));

  const entityIds = new Set(document.entities.map((entity) => entity.id));
  const sourceIds = new Set(document.sources.map((source) => source.id));
  const entityExists = (id: string) => entityIds.has(id) || existing.entityIds.has(id);
  const sourceExists = (id: string) => sourceIds.has(id) || existing.sourceIds.has(id);
  const checkCitations = (location: string, cited: { source: string; credibility?: number | null }[]) => {
    for (const citation of cited) {
      if (!sourceExists(citation.source)) problems.push({ location, message: `cites unknown source "${citation.source}"` });
      const credibility = citation.credibility;
      if (credibility != null && !(Number.isInteger(credibility) && credibility >= 1 && credibility <= 6)) {
        problems.push({ location, message: `gives credibility ${credibility} to "${citation.source}"; credibility is 1 to 6` });
      }
    }
  };
  for (const source of document.sources) {
    const problem = inferredDateProblem(source);
    if (problem) problems.push({ location: `source ${shown(source.id)}`, message: problem });
    for (const other of source.derivedFrom ?? []) {
      if (other === source.id) problems.push({ location: `source ${shown(source.id)}`, message: 'is derived from itself' });
      else if (!sourceExists(other) && !document.lenientDerivations) {
        problems.push({ location: `source ${shown(source.id)}`, message: `is derived from unknown source "${other}"` });
      }
    }
  }

  for (const entity of document.entities) {
    const location = `entity ${shown(entity.id)}`;
    if (entity.name.length > sizeLimits.nameLength) {
      problems.push({ location, message: `name must hold at most ${sizeLimits.nameLength} characters (it has ${entity.name.length})` });
    }
    const aliasesLength = entity.aliases.join(' | ').length;
    if (aliasesLength > sizeLimits.aliasesLength) {
      problems.push({
        location,
        message: `aliases must hold at most ${sizeLimits.aliasesLength} characters together (they have ${aliasesLength})`,
      });
    }
    const allowed = kindProperties[entity.kind];
    for (const [key, value] of Object.entries(entity.properties)) {
      if (!allowed.includes(key)) {
        problems.push({ location, message: `property "${key}" is not one of ${entity.kind}'s (${allowed.join(', ') || 'none'})` });
      } else if (dateProperties.has(key) && value !== null && !isCalendarDate(value)) {
        // The project JSON's free-form `properties` map is the one way in that no parser checks.
        problems.push({ location, message: `property "${key}" must be a date written YYYY-MM-DD, got "${value}"` });
      }
    }
    checkCitations(location, entity.sources);
  }
  for (const relationship of document.relationships) {
    const location = `relationship ${shown(relationship.id)}`;
    if (!entityExists(relationship.from)) problems.push({ location, message: `refers to unknown entity "${relationship.from}" (from)` });
    if (!entityExists(relationship.to)) problems.push({ location, message: `refers to unknown entity "${relationship.to}" (to)` });
    for (const disputer of relationship.disputedBy) {
      if (!entityExists(disputer)) problems.push({ location, message: `is disputed by unknown entity "${disputer}"` });
    }
    if (relationship.since && relationship.until && relationship.since > relationship.until) {
      problems.push({ location, message: `since (${relationship.since}) is after until (${relationship.until})` });
    }
    checkCitations(location, relationship.sources);
  }
  problems.push(...noteProblems(document, existing.noteSubjectIds ?? new Set(), checkCitations));
  return problems;
}

/** A note needs words, an author, and a subject in the document or the graph (an entity, link or hypothesis). */
function noteProblems(
  document: ImportDocument,
  existingSubjects: ReadonlySet<string>,
  checkCitations: (location: string, cited: { source: string; credibility?: number | null }[]) => void,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const defined = new Set([...document.entities, ...document.relationships].map((element) => element.id));
  for (const note of document.notes ?? []) {
    const location = `note ${shown(note.id)}`;
    const text = note.text.trim();
    if (!text || text.length > sizeLimits.noteLength) {
      problems.push({ location, message: `text must hold 1 to ${sizeLimits.noteLength} characters (it has ${text.length})` });
    }
    if (!note.author.trim() || note.author.length > sizeLimits.authorLength) {
      problems.push({ location, message: `author must hold 1 to ${sizeLimits.authorLength} characters` });
    }
    if (Number.isNaN(Date.parse(note.createdAt)))
      problems.push({ location, message: `createdAt "${shown(note.createdAt)}" is not a date-time` });
    if (!defined.has(note.subject) && !existingSubjects.has(note.subject)) {
      problems.push({
        location,
        message: `is about "${shown(note.subject)}", which is no entity, relationship or hypothesis here or in the graph`,
      });
    }
    checkCitations(location, note.sources);
  }
  return problems;
}

/** With lenient derivations, leaves out derivedFrom ids that name no source here or in the graph, and says so. */
export function dropUnknownDerivations(document: ImportDocument, existingSourceIds: ReadonlySet<string>): ImportDocument {
  if (!document.lenientDerivations) return document;
  const defined = new Set(document.sources.map((source) => source.id));
  let dropped = 0;
  const sources = document.sources.map((source) => {
    const kept = (source.derivedFrom ?? []).filter((id) => defined.has(id) || existingSourceIds.has(id));
    dropped += (source.derivedFrom?.length ?? 0) - kept.length;
    return kept.length === (source.derivedFrom?.length ?? 0) ? source : { ...source, derivedFrom: kept };
  });
  if (dropped === 0) return document;
  const warning = `left out ${dropped} derived-from reference${dropped === 1 ? '' : 's'} to sources neither in the bundle nor in the graph`;
  return { ...document, sources, warnings: [...(document.warnings ?? []), warning] };
}

/** Ids the document refers to but does not define: they must already be in the graph. */
export function externalReferences(document: ImportDocument): { entityIds: string[]; sourceIds: string[] } {
  const definedEntities = new Set(document.entities.map((entity) => entity.id));
  const definedSources = new Set(document.sources.map((source) => source.id));
  const entityIds = new Set<string>();
  const sourceIds = new Set<string>();
  for (const relationship of document.relationships) {
    for (const id of [relationship.from, relationship.to, ...relationship.disputedBy]) {
      if (!definedEntities.has(id)) entityIds.add(id);
    }
  }
  for (const element of [...document.entities, ...document.relationships, ...(document.notes ?? [])]) {
    for (const citation of element.sources) if (!definedSources.has(citation.source)) sourceIds.add(citation.source);
  }
  for (const source of document.sources) for (const other of source.derivedFrom ?? []) if (!definedSources.has(other)) sourceIds.add(other);
  return { entityIds: [...entityIds], sourceIds: [...sourceIds] };
}
