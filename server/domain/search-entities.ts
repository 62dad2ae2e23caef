import { BadUserInputError } from '../errors.js';
import type { Graph } from '../graph/run.js';
import { RecordBuilder } from './graph-records.js';
import { withKindFamilies, type EntityKindName } from './model.js';
import { checkRange } from './relationship-filter.js';
import type { Detail, EntityRecord } from './types.js';

/** Characters with a meaning in Lucene's query syntax; escaped so user text is only ever text. */
const luceneSpecial = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Builds a full-text query that matches every word as typed or as a word prefix. */
export function toLuceneQuery(text: string): string {
  // Lower case also keeps AND, OR and NOT from acting as operators; the analyzer lower-cases anyway.
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(luceneSpecial, (character) => `\\${character}`))
    .filter(Boolean);
  return words.map((word) => `(${word} OR ${word}*)`).join(' AND ');
}

/**
 * Entities matching names, aliases, external ids (ATT&CK's T0800) and descriptions; exact names first, then
 * aliases and external ids, prefixes, the rest. A revoked entity is answered by what replaces it, and revoked or
 * deprecated ones are left out unless `includeRetired`. A kind that stands for a family (THREAT_ACTOR: actors)
 * includes its family.
 */
export async function searchEntities(
  graph: Graph,
  text: string,
  kinds: EntityKindName[] | null | undefined,
  limit: number,
  detail: Detail = 'full',
  includeRetired = false,
): Promise<EntityRecord[]> {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new BadUserInputError('search text must hold 1 to 200 characters.');
  }
  checkRange(limit, 'limit', 1, 100);
  const rows = await graph.read('graph/search-entities', {
    query: toLuceneQuery(trimmed),
    text: trimmed.toLowerCase(),
    kinds: kinds && kinds.length > 0 ? withKindFamilies(kinds) : null,
    limit,
    candidates: Math.max(limit * 5, 50),
    summary: detail === 'summary',
    includeRetired,
  });
  const [row] = rows;
  return new RecordBuilder(row?.sources).entityList(row?.entities);
}
