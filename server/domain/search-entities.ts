import { BadUserInputError } from '../errors.js';
import type { Graph } from '../graph/run.js';
import { RecordBuilder } from './graph-records.js';
import { withKindFamilies, type EntityKindName } from './model.js';
import { checkRange } from './relationship-filter.js';
import type { Detail, EntityRecord } from './types.js';

/** Characters with a meaning in Lucene's query syntax; escaped so user text is only ever text. */
const luceneSpecial = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const escapeLucene = (word: string) => word.replace(luceneSpecial, (character) => `\\${character}`);

/** A possessive ending ("Iran's", "Iran’s"): searched for as the word without it too. */
const possessive = /['’]s$/;
/** With typos allowed, words this long or longer also match with one letter wrong, missing or extra. */
const typosFrom = 5;
/** Letters and digits only: nothing to escape, so safe to make a typo or joined term of. */
const plainWord = /^[\p{L}\p{N}]+$/u;

/**
 * Builds a full-text query that matches every word as typed, as a word prefix and without a possessive 's; for two
 * words or more, also the words written as one ("zero cleare": ZeroCleare). `typos`: words of five letters or more
 * also match with one letter wrong, missing or extra ("Homland": Homeland).
 */
export function toLuceneQuery(text: string, { typos = false } = {}): string {
  // Lower case also keeps AND, OR and NOT from acting as operators; the analyzer lower-cases anyway.
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const clauses = words.map((word) => {
    const forms = [...new Set([word, word.replace(possessive, '')])].filter(Boolean);
    const alternatives = forms.flatMap((form) => {
      const escaped = escapeLucene(form);
      const typo = typos && form.length >= typosFrom && plainWord.test(form) ? [`${escaped}~1`] : [];
      return [escaped, `${escaped}*`, ...typo];
    });
    return `(${alternatives.join(' OR ')})`;
  });
  const all = clauses.join(' AND ');
  const joined = words.length > 1 ? words.map((word) => word.replace(possessive, '')).join('') : '';
  return plainWord.test(joined) ? `(${all}) OR ${joined} OR ${joined}*` : all;
}

/**
 * Spacing and punctuation that do not tell two names apart: "air-albania", "Air Albania" and "AirAlbania" compare
 * equal, as do "Iran's" and "Iran" (a possessive 's is dropped first). graph/search-entities applies the same rule to
 * names and aliases, with this list as its parameter.
 */
export const nameKeyIgnored = [' ', '-', '_', '.', ',', "'", '’', '/'];

export function nameKey(text: string): string {
  const withoutPossessives = `${text.toLowerCase()} `.replace(/['’]s /g, ' ');
  return [...withoutPossessives].filter((character) => !nameKeyIgnored.includes(character)).join('');
}

/**
 * Entities matching names, aliases, external ids (ATT&CK's T0800) and descriptions; exact names first, then
 * aliases and external ids, prefixes, the rest. Exact and prefix compare names as nameKey does (spacing, hyphens and
 * possessives aside), so "air-albania" finds the organisation Air Albania before the incidents that name it. Only
 * when the text finds nothing is it searched for again with one typo a word allowed. A revoked entity is answered by
 * what replaces it, and revoked or deprecated ones are left out unless `includeRetired`. A kind that stands for a
 * family (THREAT_ACTOR: actors) includes its family.
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
  const read = async (query: string) => {
    const [row] = await graph.read('graph/search-entities', {
      query,
      text: trimmed.toLowerCase(),
      key: nameKey(trimmed),
      ignored: nameKeyIgnored,
      kinds: kinds && kinds.length > 0 ? withKindFamilies(kinds) : null,
      limit,
      candidates: Math.max(limit * 5, 50),
      summary: detail === 'summary',
      includeRetired,
    });
    return new RecordBuilder(row?.sources).entityList(row?.entities);
  };
  // Typos only when the text as typed finds nothing: a near spelling must never push aside what was typed.
  const asTyped = toLuceneQuery(trimmed);
  const found = await read(asTyped);
  const withTypos = toLuceneQuery(trimmed, { typos: true });
  return found.length > 0 || withTypos === asTyped ? found : read(withTypos);
}
