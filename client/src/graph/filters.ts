/**
 * What the filter panel and the time bar ask to see, as plain data, and the predicates that decide
 * whether an element passes. Pure, so the same rules serve the canvas, the URL and the tests.
 * Undated elements always pass date tests: a missing date is not evidence of being out of range.
 */
import type { RelationshipFilter, Stance } from '../gql/graphql';
import type { EdgeData, NodeData } from '../../../shared/graph-elements';
import { stances } from '../../../shared/vocabulary';

export interface FilterState {
  hiddenKinds: string[];
  hiddenTypes: string[];
  hiddenStances: Stance[];
  minConfidence: number;
  /** Inclusive ISO date range from the time bar's brush. */
  start: string | null;
  end: string | null;
  /** Replay: show the world as it stood on this date. */
  asOf: string | null;
}

export const emptyFilters = (): FilterState => ({
  hiddenKinds: [],
  hiddenTypes: [],
  hiddenStances: [],
  minConfidence: 0,
  start: null,
  end: null,
  asOf: null,
});

export function isFiltering(f: FilterState): boolean {
  return (
    f.hiddenKinds.length + f.hiddenTypes.length + f.hiddenStances.length > 0 || f.minConfidence > 0 || Boolean(f.start || f.end || f.asOf)
  );
}

type NodeFields = Pick<NodeData, 'kind' | 'date'>;
type EdgeFields = Pick<EdgeData, 'type' | 'stance' | 'confidence' | 'since' | 'until'>;

// ISO dates compare correctly as strings, and a year or year-month prefix still orders right.
export function nodePasses(node: NodeFields, f: FilterState): boolean {
  if (f.hiddenKinds.includes(node.kind)) return false;
  if (!node.date) return true;
  if (f.start && node.date < f.start) return false;
  if (f.end && node.date > f.end) return false;
  if (f.asOf && node.date > f.asOf) return false;
  return true;
}

export function edgePasses(edge: EdgeFields, f: FilterState): boolean {
  if (f.hiddenTypes.includes(edge.type)) return false;
  if ((f.hiddenStances as string[]).includes(edge.stance)) return false;
  // A confidence that is not stated cannot promise any minimum: it passes only 0 (server/domain/confidence.ts).
  if ((edge.confidence ?? 0) < f.minConfidence) return false;
  // A link valid over [since, until] is in the range when the two intervals overlap.
  if (f.end && edge.since && edge.since > f.end) return false;
  if (f.start && edge.until && edge.until < f.start) return false;
  if (f.asOf && edge.since && edge.since > f.asOf) return false;
  if (f.asOf && edge.until && edge.until < f.asOf) return false;
  return true;
}

/**
 * The same intent for the server, so expansions and path searches do not fetch what the canvas
 * would hide anyway. `allTypes` is needed because the API lists types to keep, not to drop.
 */
export function toRelationshipFilter(f: FilterState, allTypes: readonly string[]): RelationshipFilter {
  const filter: RelationshipFilter = {};
  if (f.hiddenTypes.length > 0 && allTypes.length > 0) filter.types = allTypes.filter((t) => !f.hiddenTypes.includes(t));
  if (f.minConfidence > 0) filter.minConfidence = f.minConfidence;
  if (f.hiddenStances.length > 0) {
    filter.stances = stances.filter((s) => !f.hiddenStances.includes(s));
  }
  if (f.asOf) filter.asOf = f.asOf;
  return filter;
}
