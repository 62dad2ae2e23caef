import { BadUserInputError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { findDuplicateCandidates } from '../duplicates/find-candidates.js';
import { entityToImport } from '../edit/citations.js';
import { findEntitiesByIds } from '../list-entities.js';
import { mergeEntities, uniteAliases, uniteCitations } from '../merge/merge-entities.js';
import { resolveMergedIds } from '../merge/resolve-merged.js';
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

/** The document with ids merged away replaced by their survivor's, wherever it names them. */
export async function resolveMergedReferences(graph: Graph, document: ImportDocument): Promise<ImportDocument> {
  const ids = [
    ...document.entities.map((entity) => entity.id),
    ...document.relationships.flatMap((relationship) => [relationship.from, relationship.to, ...relationship.disputedBy]),
  ];
  const resolved = await resolveMergedIds(graph, [...new Set(ids)]);
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
 * An import that updates a curated entity never drops curation: aliases and citations (with their excerpts)
 * are united; a differing name, kind, description, date or field keeps the stored value and is reported.
 */
export async function keepCuration(graph: Graph, document: ImportDocument): Promise<{ document: ImportDocument; conflicts: string[] }> {
  const existing = new Map((await findEntitiesByIds(graph, document.entities.map((entity) => entity.id).slice(0, 1_000))).map((entity) => [entity.id, entityToImport(entity)]));
  const conflicts: string[] = [];
  const united = document.entities.map((incoming): ImportEntity => {
    const stored = existing.get(incoming.id);
    if (!stored) return incoming;
    const pick = <T>(field: string, kept: T, given: T): T => {
      if (kept === null || kept === undefined || kept === '') return given;
      if (given !== null && given !== undefined && given !== '' && JSON.stringify(given) !== JSON.stringify(kept)) {
        conflicts.push(`${incoming.id}: ${field} kept ${JSON.stringify(kept)}; the import says ${JSON.stringify(given)}`);
      }
      return kept;
    };
    const properties = { ...incoming.properties };
    for (const [key, value] of Object.entries(stored.properties)) properties[key] = pick(key, value, incoming.properties[key] ?? null);
    return {
      ...incoming,
      kind: pick('kind', stored.kind, incoming.kind),
      name: pick('name', stored.name, incoming.name),
      aliases: uniteAliases(stored, [{ name: incoming.name, aliases: incoming.aliases }]),
      description: pick('description', stored.description, incoming.description),
      date: pick('date', stored.date, incoming.date),
      properties,
      sources: uniteCitations(stored.sources, incoming.sources),
      extra: stored.extra || incoming.extra ? { ...(incoming.extra ?? {}), ...(stored.extra ?? {}) } : null,
    };
  });
  return { document: { ...document, entities: united }, conflicts };
}

/**
 * After an import: the existing entities its new entities may duplicate (SUGGEST), merged into the existing one
 * from autoMergeScore up (AUTO, audited and undoable like any merge).
 */
export async function matchNewEntities(graph: Graph, createdIds: string[], matching: ImportMatching, actor: string): Promise<ImportMatch[]> {
  if (matching === 'NONE' || createdIds.length === 0) return [];
  const created = new Set(createdIds);
  const matches: ImportMatch[] = [];
  for (let start = 0; start < createdIds.length; start += 1_000) {
    const candidates = await findDuplicateCandidates(graph, createdIds.slice(start, start + 1_000), null, 1_000);
    for (const candidate of candidates) {
      const [entity, other] = created.has(candidate.a.id) ? [candidate.a, candidate.b] : [candidate.b, candidate.a];
      if (created.has(other.id) || matches.some((match) => match.entityId === entity.id)) continue;
      matches.push({ entityId: entity.id, existingId: other.id, score: candidate.score, reasons: candidate.reasons, merged: false });
    }
  }
  if (matching === 'AUTO') {
    for (const match of matches.filter((found) => found.score >= autoMergeScore)) {
      try {
        await mergeEntities(graph, match.existingId, [match.entityId], `merged on import: ${match.reasons[0]}`, actor);
        match.merged = true;
      } catch (error) {
        // A link between them says they are two: the match stays a suggestion.
        if (!(error instanceof BadUserInputError)) throw error;
      }
    }
  }
  return matches;
}
