import { BadUserInputError } from '../errors.js';
import type { Graph } from '../graph/run.js';
import { RecordBuilder } from './graph-records.js';
import type { EntityKindName } from './model.js';
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

/** Entities matching names, aliases and descriptions; exact names first, then aliases, prefixes, the rest. */
export async function searchEntities(
  graph: Graph,
  text: string,
  kinds: EntityKindName[] | null | undefined,
  limit: number,
  detail: Detail = 'full',
): Promise<EntityRecord[]> {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new BadUserInputError('search text must hold 1 to 200 characters.');
  }
  checkRange(limit, 'limit', 1, 100);
  const rows = await graph.read('graph/search-entities', {
    query: toLuceneQuery(trimmed),
    text: trimmed.toLowerCase(),
    kinds: kinds && kinds.length > 0 ? kinds : null,
    limit,
    candidates: Math.max(limit * 5, 50),
    summary: detail === 'summary',
  });
  const [row] = rows;
  return new RecordBuilder(row?.sources).entityList(row?.entities);
}
