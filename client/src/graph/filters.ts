/**
 * The canvas's filters (shared/canvas-filters.ts: the state and the predicates), and the same intent as the
 * server's relationship filter.
 */
import type { FilterState } from '../../../shared/canvas-filters';
import type { RelationshipFilter } from '../gql/graphql';
import { stances } from '../../../shared/vocabulary';

export { edgePasses, emptyFilters, isFiltering, nodePasses, type FilterState } from '../../../shared/canvas-filters';

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
  if (f.knownAsOf) {
    filter.knownAsOf = f.knownAsOf;
    filter.includeUndated = f.includeUndated;
  }
  return filter;
}
