/**
 * The second clock. Valid time (`since`/`until`) says when a link was true in the world; knowledge time says when
 * it became known: the publication date of its earliest dated source, else the day it was recorded here. A link
 * with neither is undated, and a question about what was known on a day leaves it out unless asked to keep it:
 * an undated fact is never silently treated as always known.
 */
import type { Citation } from './types.js';

export interface KnowledgeClock {
  /** YYYY-MM-DD: what was known at the end of that day. */
  knownAsOf: string;
  /** Keep elements with no known date (listed apart as undated). */
  includeUndated: boolean;
}

/** The day something became known: its earliest dated source, else its recorded day, else null (undated). */
export function knownSince(sources: readonly Pick<Citation, 'published'>[], recordedAt?: string | null): string | null {
  const dated = sources.map((source) => source.published).filter((day): day is string => Boolean(day));
  if (dated.length > 0) return dated.sort()[0];
  return recordedAt ? recordedAt.slice(0, 10) : null;
}

/** An element's knowledge time: as its query computed it (fragments/known-since), else from its sources. */
export function knownSinceOf(element: {
  sources: readonly Pick<Citation, 'published'>[];
  recordedAt?: string | null;
  knownSince?: string | null;
}): string | null {
  return element.knownSince !== undefined ? element.knownSince : knownSince(element.sources, element.recordedAt);
}

/**
 * The citations of a fact as known on the clock's day, or null when the fact was not known then. A fact with a
 * dated source is known from its earliest one, and keeps the sources published by then (undated ones too when
 * asked). A fact with no dated source is known from the day it was recorded; never recorded with a date, it is
 * undated and kept only when asked.
 */
export function citationsKnownBy<T extends Pick<Citation, 'published'>>(
  sources: readonly T[],
  recordedAt: string | null | undefined,
  clock: KnowledgeClock | null,
): T[] | null {
  if (!clock) return [...sources];
  const since = knownSince(sources, recordedAt);
  if (since === null) return clock.includeUndated ? [...sources] : null;
  if (since > clock.knownAsOf) return null;
  return sourcesKnownBy(sources, clock);
}

/**
 * Of the sources of a fact known on the clock's day, those known then: the ones published by then, and undated
 * ones when the fact has no dated source (it is known from its recording) or when undated ones are asked for.
 */
export function sourcesKnownBy<T extends Pick<Citation, 'published'>>(sources: readonly T[], clock: KnowledgeClock): T[] {
  const hasDated = sources.some((source) => source.published);
  return sources.filter((source) => (source.published ? source.published <= clock.knownAsOf : !hasDated || clock.includeUndated));
}
