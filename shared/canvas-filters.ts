/**
 * What the filter panel and the time bar ask to see, as plain data, and the predicates that decide whether an
 * element passes. Pure and shared: the canvas filters with them (client/src/graph/filters.ts), saved views keep a
 * FilterState, and the server draws a saved view's picture with the same rules.
 * Undated elements pass the valid-time tests (a missing date is not evidence of being out of range); the
 * knowledge clock is stricter: with `knownAsOf`, an element whose knowledge time is unknown is left out unless
 * `includeUndated`, never silently treated as always known (server/domain/knowledge-time.ts).
 */
import { isCalendarDate } from './calendar-date.js';
import { isStance, type StanceName } from './vocabulary.js';

/** What a node and a link carry that the filters read (as Cytoscape data or as the server's records). */
export interface FilterableNode {
  kind: string;
  date?: string | null;
  /** Knowledge time: when it became known (YYYY-MM-DD); null or absent when undated. */
  knownSince?: string | null;
}
export interface FilterableEdge {
  type: string;
  stance: string;
  /** null when the source states no confidence. */
  confidence: number | null;
  since?: string | null;
  until?: string | null;
  knownSince?: string | null;
}

export interface FilterState {
  hiddenKinds: string[];
  hiddenTypes: string[];
  hiddenStances: StanceName[];
  minConfidence: number;
  /** Inclusive ISO date range from the time bar's brush. */
  start: string | null;
  end: string | null;
  /** Replay: show the world as it stood on this date (valid time). */
  asOf: string | null;
  /** The second clock: show only what was known by the end of this day (knowledge time). */
  knownAsOf: string | null;
  /** With knownAsOf: keep elements whose knowledge time is unknown (listed apart as undated). */
  includeUndated: boolean;
  /** Hide the nodes left without a visible link (by the other filters, or never linked on the canvas). */
  hideOrphans: boolean;
}

export const emptyFilters = (): FilterState => ({
  hiddenKinds: [],
  hiddenTypes: [],
  hiddenStances: [],
  minConfidence: 0,
  start: null,
  end: null,
  asOf: null,
  knownAsOf: null,
  includeUndated: false,
  hideOrphans: false,
});

export function isFiltering(f: FilterState): boolean {
  return (
    f.hiddenKinds.length + f.hiddenTypes.length + f.hiddenStances.length > 0 ||
    f.minConfidence > 0 ||
    Boolean(f.start || f.end || f.asOf || f.knownAsOf) ||
    f.hideOrphans
  );
}

/** Whether an element was known by the filter's knowledge date (always, without one). */
export function knownBy(knownSince: string | null | undefined, f: Pick<FilterState, 'knownAsOf' | 'includeUndated'>): boolean {
  if (!f.knownAsOf) return true;
  return knownSince ? knownSince <= f.knownAsOf : f.includeUndated;
}

// ISO dates compare correctly as strings, and a year or year-month prefix still orders right.
export function nodePasses(node: FilterableNode, f: FilterState): boolean {
  if (f.hiddenKinds.includes(node.kind)) return false;
  if (!knownBy(node.knownSince, f)) return false;
  if (!node.date) return true;
  if (f.start && node.date < f.start) return false;
  if (f.end && node.date > f.end) return false;
  if (f.asOf && node.date > f.asOf) return false;
  return true;
}

export function edgePasses(edge: FilterableEdge, f: FilterState): boolean {
  if (f.hiddenTypes.includes(edge.type)) return false;
  if ((f.hiddenStances as readonly string[]).includes(edge.stance)) return false;
  // A confidence that is not stated cannot promise any minimum: it passes only 0 (server/domain/confidence.ts).
  if ((edge.confidence ?? 0) < f.minConfidence) return false;
  if (!knownBy(edge.knownSince, f)) return false;
  // A link valid over [since, until] is in the range when the two intervals overlap.
  if (f.end && edge.since && edge.since > f.end) return false;
  if (f.start && edge.until && edge.until < f.start) return false;
  if (f.asOf && edge.since && edge.since > f.asOf) return false;
  if (f.asOf && edge.until && edge.until < f.asOf) return false;
  return true;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const date = (value: unknown): string | null => (typeof value === 'string' && isCalendarDate(value) ? value : null);

/** A filter state read back from storage or the network leniently: what cannot be trusted takes its default. */
export function parseFilterState(value: unknown): FilterState {
  if (!isObject(value)) return emptyFilters();
  return {
    hiddenKinds: strings(value.hiddenKinds),
    hiddenTypes: strings(value.hiddenTypes),
    hiddenStances: strings(value.hiddenStances).filter(isStance),
    minConfidence: finite(value.minConfidence) ? Math.min(100, Math.max(0, Math.round(value.minConfidence))) : 0,
    start: date(value.start),
    end: date(value.end),
    asOf: date(value.asOf),
    knownAsOf: date(value.knownAsOf),
    includeUndated: value.includeUndated === true,
    hideOrphans: value.hideOrphans === true,
  };
}
