/**
 * Scores an ACH matrix the way Heuer ranks it, by *least* inconsistency, with the evidence weighed by its sources.
 *
 * Each citation of an item has a strength, as a path step's citation does (paths/evidence-support.ts):
 *   s = confidence / 100 x reliabilityWeight(source) x credibilityWeight(citation)
 * An item's weight combines its citations as a step's support does (strongest per evidence group, noisy-OR
 * across independent groups). A hypothesis's weighted inconsistency counts each evidence group once:
 *   inconsistency(H) = sum over evidence groups g of max over items i rated I or II for H citing g of
 *                      penalty(i, H) x s(g, i),   penalty I = 1, II = 2
 * so three independent witnesses against H count three times, while one origin repeated in three items (or
 * retold by outlets derived from it) counts once. Consistency (C = 1, CC = 2) is summed the same way and only
 * breaks ties: Heuer's point is that evidence consistent with everything proves little.
 * Diagnosticity of an item: its weight x (highest - lowest score across the hypotheses) / 4, with CC = 2,
 * C = 1, N = 0, I = -1, II = -2 and NA left out: 0 when every hypothesis reads it alike, 1 for a fully weighted
 * item that is CC for one and II for another.
 */
import { type SourceLibrary, citationStrength, stepSupport } from '../paths/evidence-support.js';
import { stances, type StanceName } from '../model.js';
import type { Rating } from './evidence-items.js';

export interface ScoredItem {
  id: string;
  confidence: number;
  citations: { sourceId: string; credibility: number }[];
}

export interface HypothesisScore {
  id: string;
  inconsistency: number;
  consistency: number;
  rank: number;
}

export interface MatrixScore {
  hypotheses: HypothesisScore[];
  /** The id of the least inconsistent hypothesis, or null when no evidence separates any hypothesis from none. */
  leading: string | null;
  weights: Map<string, number>;
  diagnosticity: Map<string, number>;
}

/** Ratings as cells: hypothesis id -> item id -> rating. */
export type Ratings = ReadonlyMap<string, ReadonlyMap<string, Rating>>;

const penalty: Partial<Record<Rating, number>> = { I: 1, II: 2 };
const support: Partial<Record<Rating, number>> = { C: 1, CC: 2 };
const scoreOf: Record<Rating, number | null> = { CC: 2, C: 1, N: 0, I: -1, II: -2, NA: null };
/** The stance is already read by the rating rules; here every stance weighs alike. */
const evenStances = Object.fromEntries(stances.map((stance) => [stance, 1])) as Record<StanceName, number>;
/** Differences below this are rounding, not evidence. */
const epsilon = 1e-9;

/** Scores and ranks the hypotheses; `excluded` sources and items are left out (the sensitivity's what-ifs). */
export function scoreMatrix(
  hypothesisIds: readonly string[],
  items: readonly ScoredItem[],
  ratings: Ratings,
  library: SourceLibrary,
  excluded: { sources?: ReadonlySet<string>; items?: ReadonlySet<string> } = {},
  unratedHypotheses: ReadonlySet<string> = new Set(),
): MatrixScore {
  const skipSources = excluded.sources ?? new Set<string>();
  const kept = items.filter(
    (item) =>
      !excluded.items?.has(item.id) &&
      (item.citations.length === 0 || item.citations.some((citation) => !skipSources.has(citation.sourceId))),
  );
  const groupOf = library.groupsOf(kept.flatMap((item) => item.citations.map((citation) => citation.sourceId)));
  // Strength of each evidence group within each item.
  const groupStrengths = new Map<string, Map<string, number>>();
  const weights = new Map<string, number>();
  for (const item of kept) {
    const strengths = new Map<string, number>();
    const link = { id: item.id, confidence: item.confidence, stance: 'ASSERTED' as const, citations: item.citations };
    if (item.citations.length === 0)
      strengths.set(`unsourced:${item.id}`, citationStrength(link, { sourceId: '', credibility: 6 }, library, evenStances));
    for (const citation of item.citations) {
      if (skipSources.has(citation.sourceId)) continue;
      const group = groupOf.get(citation.sourceId)!;
      strengths.set(group, Math.max(strengths.get(group) ?? 0, citationStrength(link, citation, library, evenStances)));
    }
    groupStrengths.set(item.id, strengths);
    weights.set(item.id, stepSupport([link], library, evenStances, skipSources).support);
  }
  const sumByGroup = (hypothesisId: string, points: Partial<Record<Rating, number>>) => {
    const best = new Map<string, number>();
    for (const item of kept) {
      const factor = points[ratings.get(hypothesisId)?.get(item.id) ?? 'N'];
      if (!factor) continue;
      for (const [group, strength] of groupStrengths.get(item.id)!) best.set(group, Math.max(best.get(group) ?? 0, factor * strength));
    }
    return [...best.values()].reduce((total, value) => total + value, 0);
  };
  const scored = hypothesisIds.map((id) => ({ id, inconsistency: sumByGroup(id, penalty), consistency: sumByGroup(id, support), rank: 0 }));
  // A hypothesis nobody has rated yet has no inconsistency only for want of ratings: it ranks last, never leads.
  const unratedLast = (id: string) => (unratedHypotheses.has(id) ? 1 : 0);
  const ordered = [...scored].sort(
    (a, b) =>
      unratedLast(a.id) - unratedLast(b.id) ||
      a.inconsistency - b.inconsistency ||
      b.consistency - a.consistency ||
      hypothesisIds.indexOf(a.id) - hypothesisIds.indexOf(b.id),
  );
  ordered.forEach((hypothesis, index) => (hypothesis.rank = index + 1));
  const diagnosticity = new Map<string, number>();
  for (const item of items) {
    const scores = hypothesisIds
      .map((id) => scoreOf[ratings.get(id)?.get(item.id) ?? 'N'])
      .filter((score): score is number => score !== null);
    const spread = scores.length > 1 ? Math.max(...scores) - Math.min(...scores) : 0;
    diagnosticity.set(item.id, ((weights.get(item.id) ?? 0) * spread) / 4);
  }
  return {
    hypotheses: scored,
    leading: leadingOf(ordered.filter((hypothesis) => !unratedHypotheses.has(hypothesis.id))),
    weights,
    diagnosticity,
  };
}

/** The first hypothesis, if the evidence sets it apart from the second (or it stands alone with evidence for it). */
function leadingOf(ordered: readonly HypothesisScore[]): string | null {
  const [first, second] = ordered;
  if (!first) return null;
  if (!second) return first.consistency > epsilon ? first.id : null;
  const apart = second.inconsistency - first.inconsistency > epsilon || first.consistency - second.consistency > epsilon;
  return apart ? first.id : null;
}

export interface SensitivityFinding {
  kind: 'SOURCE' | 'EVIDENCE';
  id: string;
  leadingAfter: string | null;
}

/** Every single source and every single item whose removal changes the leading hypothesis (or leaves none). */
export function sensitivity(
  hypothesisIds: readonly string[],
  items: readonly ScoredItem[],
  ratings: Ratings,
  library: SourceLibrary,
  leading: string | null,
  unratedHypotheses: ReadonlySet<string> = new Set(),
): SensitivityFinding[] {
  const findings: SensitivityFinding[] = [];
  const sourceIds = [...new Set(items.flatMap((item) => item.citations.map((citation) => citation.sourceId)))].sort();
  for (const id of sourceIds) {
    const after = scoreMatrix(hypothesisIds, items, ratings, library, { sources: new Set([id]) }, unratedHypotheses).leading;
    if (after !== leading) findings.push({ kind: 'SOURCE', id, leadingAfter: after });
  }
  for (const item of items) {
    const after = scoreMatrix(hypothesisIds, items, ratings, library, { items: new Set([item.id]) }, unratedHypotheses).leading;
    if (after !== leading) findings.push({ kind: 'EVIDENCE', id: item.id, leadingAfter: after });
  }
  return findings;
}
