import { BadUserInputError } from '../../errors.js';
import type { ReadTransaction, WriteTransaction } from '../../graph/run.js';
import { defaultMinScore, externalIdsOfEntity, scoreAgainstGraph } from '../duplicates/find-candidates.js';
import type { MatchFacts } from '../duplicates/score-pair.js';
import { entityToImport } from '../edit/citations.js';
import { findEntitiesIn } from '../list-entities.js';
import { mergeInTransaction, uniteAliases, uniteCitations, uniteMarkings } from '../merge/merge-entities.js';
import { resolveMergedIds } from '../merge/resolve-merged.js';
import { compareTimestamps } from '../stix/ids.js';
import type { ImportDocument, ImportEntity } from './document.js';

/** What an import does about entities that may already be in the graph under another id. */
export type ImportMatching = 'NONE' | 'SUGGEST' | 'AUTO';
/** AUTO merges a new entity into an existing one from this score up. */
export const autoMergeScore = 0.9;

export interface ImportMatch {
  entityId: string;
  existingId: string;
  score: number;
  reasons: string[];
  merged: boolean;
}

/** Entities read per statement when an import compares itself with the graph. */
const chunk = 1_000;

/** The document with ids merged away replaced by their survivor's, wherever it names them. */
export async function resolveMergedReferences(tx: ReadTransaction, document: ImportDocument): Promise<ImportDocument> {
  const ids = [
    ...document.entities.map((entity) => entity.id),
    ...document.relationships.flatMap((relationship) => [relationship.from, relationship.to, ...relationship.disputedBy]),
  ];
  const resolved = await resolveMergedIds(tx, [...new Set(ids)]);
  const now = (id: string) => resolved.get(id) ?? id;
  if (![...resolved].some(([id, current]) => id !== current)) return document;
  return {
    ...document,
    entities: document.entities.map((entity) => ({ ...entity, id: now(entity.id) })),
    relationships: document.relationships.map((relationship) => ({
      ...relationship,
      from: now(relationship.from),
      to: now(relationship.to),
      disputedBy: relationship.disputedBy.map(now),
    })),
  };
}

/**
 * An import that updates a curated entity never drops curation: aliases, external ids, markings and citations
 * (with their excerpts and credibility) are united. A differing name, kind, description, date or field keeps the
 * stored value, unless the import's copy is newer (its STIX `modified` is later than the stored one's): then the
 * import's value is taken, a replaced name stays an alias, and the old values stay in the audit history. Either
 * way the report lists every conflict.
 */
export async function keepCuration(
  tx: ReadTransaction,
  document: ImportDocument,
): Promise<{ document: ImportDocument; conflicts: string[] }> {
  const ids = document.entities.map((entity) => entity.id);
  const existing = new Map<string, { stored: ImportEntity; modified: string | null }>();
  for (let start = 0; start < ids.length; start += chunk) {
    for (const record of await findEntitiesIn(tx, ids.slice(start, start + chunk)))
      existing.set(record.id, { stored: entityToImport(record), modified: record.modified });
  }
  const conflicts: string[] = [];
  const united = document.entities.map((incoming): ImportEntity => {
    const found = existing.get(incoming.id);
    if (!found) return incoming;
    const { stored } = found;
    const newer = Boolean(incoming.modified && found.modified && compareTimestamps(incoming.modified, found.modified) > 0);
    const pick = <T>(field: string, kept: T, given: T): T => {
      const absent = (value: T) => value === null || value === undefined || value === '';
      if (absent(kept)) return given;
      if (absent(given) || JSON.stringify(given) === JSON.stringify(kept)) return kept;
      if (newer) {
        conflicts.push(
          `${incoming.id}: ${field} took the newer import's ${JSON.stringify(given)} (modified ${incoming.modified}, after ${found.modified}); it was ${JSON.stringify(kept)}`,
        );
        return given;
      }
      conflicts.push(`${incoming.id}: ${field} kept ${JSON.stringify(kept)}; the import says ${JSON.stringify(given)}`);
      return kept;
    };
    const properties = { ...incoming.properties };
    for (const [key, value] of Object.entries(stored.properties)) properties[key] = pick(key, value, incoming.properties[key] ?? null);
    const name = pick('name', stored.name, incoming.name);
    // Every name either side knows it by stays: the one not chosen becomes an alias.
    const aliases = uniteAliases({ name, aliases: [] }, [stored, incoming]);
    return {
      ...incoming,
      kind: pick('kind', stored.kind, incoming.kind),
      name,
      aliases,
      description: pick('description', stored.description, incoming.description),
      date: pick('date', stored.date, incoming.date),
      properties,
      sources: uniteCitations(stored.sources, incoming.sources),
      extra: stored.extra || incoming.extra ? { ...(incoming.extra ?? {}), ...(stored.extra ?? {}) } : null,
      externalIds: uniteMarkings(stored.externalIds, incoming.externalIds),
      markings: uniteMarkings(stored.markings, incoming.markings),
    };
  });
  return { document: { ...document, entities: united }, conflicts };
}

/**
 * What the duplicate finder knows of an import's new entities, from the document (they are not in the graph yet):
 * names, kind, dates, excerpts, the titles of the sources they cite, and the entities the document links them to.
 */
async function documentFacts(tx: ReadTransaction, document: ImportDocument, entities: ImportEntity[]): Promise<MatchFacts[]> {
  const inDocument = new Map(document.entities.map((entity) => [entity.id, entity]));
  const titles = new Map(document.sources.map((source) => [source.id, source.title]));
  const ends = new Map<string, { linked: Set<string>; sameAs: Set<string> }>(
    entities.map((entity) => [entity.id, { linked: new Set(), sameAs: new Set() }]),
  );
  for (const relationship of document.relationships) {
    for (const [one, other] of [
      [relationship.from, relationship.to],
      [relationship.to, relationship.from],
    ]) {
      const own = ends.get(one);
      if (own) (relationship.type === 'DUPLICATE_OF' ? own.sameAs : own.linked).add(other);
    }
  }
  const storedEnds = [...new Set([...ends.values()].flatMap((end) => [...end.linked]))].filter((id) => !inDocument.has(id));
  const storedNames = new Map<string, string>();
  for (let start = 0; start < storedEnds.length; start += chunk) {
    for (const record of await findEntitiesIn(tx, storedEnds.slice(start, start + chunk))) storedNames.set(record.id, record.name);
  }
  return entities.map((entity) => {
    const { linked, sameAs } = ends.get(entity.id)!;
    const sourceTitles = entity.sources.flatMap((citation) => titles.get(citation.source) ?? []);
    const text = (key: string) => entity.properties[key] ?? null;
    return {
      id: entity.id,
      kind: entity.kind,
      name: entity.name,
      aliases: entity.aliases,
      date: entity.date,
      sector: text('sector'),
      statement: text('statement'),
      firstSeen: text('firstSeen'),
      externalIds: externalIdsOfEntity(entity.externalIds ?? [], [
        entity.name,
        ...entity.aliases,
        entity.extra ? JSON.stringify(entity.extra) : '',
        ...sourceTitles,
      ]),
      excerpts: entity.sources.flatMap((citation) => (citation.excerpt ? [citation.excerpt] : [])),
      neighbours: [...linked].flatMap((id) => inDocument.get(id)?.name ?? storedNames.get(id) ?? []).slice(0, 40),
      linked: [...linked],
      sameAs: [...sameAs],
    };
  });
}

/**
 * For each entity the import creates, the existing entity it may be (the best candidate from the default least
 * score up), with score and reasons. Read before anything is written, so a dry run reports the same matches the
 * import makes.
 */
export async function findImportMatches(
  tx: ReadTransaction,
  document: ImportDocument,
  createdIds: readonly string[],
  matching: ImportMatching,
): Promise<ImportMatch[]> {
  if (matching === 'NONE' || createdIds.length === 0) return [];
  const created = new Set(createdIds);
  const probes = await documentFacts(
    tx,
    document,
    document.entities.filter((entity) => created.has(entity.id)),
  );
  const pairs = (await scoreAgainstGraph(tx, probes, defaultMinScore, (id) => created.has(id))).sort((x, y) => y.score - x.score);
  const matches = new Map<string, ImportMatch>();
  for (const pair of pairs) {
    const [entityId, existingId] = created.has(pair.a) ? [pair.a, pair.b] : [pair.b, pair.a];
    if (!matches.has(entityId)) matches.set(entityId, { entityId, existingId, score: pair.score, reasons: pair.reasons, merged: false });
  }
  return [...matches.values()];
}

/**
 * AUTO, after the import's writes and in its transaction: each new entity matched from autoMergeScore up is merged
 * into the existing one (audited and undoable like any merge), so the import and its merges commit together.
 */
export async function mergeMatches(tx: WriteTransaction, matches: ImportMatch[], actor: string): Promise<void> {
  for (const match of matches.filter((found) => found.score >= autoMergeScore)) {
    try {
      await mergeInTransaction(tx, match.existingId, [match.entityId], `merged on import: ${match.reasons[0]}`, actor);
      match.merged = true;
    } catch (error) {
      // A link between them says they are two: the match stays a suggestion.
      if (!(error instanceof BadUserInputError)) throw error;
    }
  }
}
