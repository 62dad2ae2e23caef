import { BadUserInputError } from '../errors.js';
import type { IdSet } from '../graph/statements.js';

/** The most ids a request may name to leave out (a canvas's nodes) or to look up together (a saved view's). */
export const idSetLimit = 50_000;

/** Ids as a Cypher map parameter for constant-time membership; fromEntries keeps even an id like "__proto__" as a key. */
export function toIdSet(ids: readonly string[] | null | undefined, argument: string): IdSet {
  const list = ids ?? [];
  if (list.length > idSetLimit) throw new BadUserInputError(`${argument} may name at most ${idSetLimit} ids, got ${list.length}.`);
  return Object.fromEntries(list.map((id) => [id, true as const]));
}
