import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Graph } from '../graph/run.js';
import { RecordBuilder } from './graph-records.js';
import { toIdSet } from './id-set.js';
import { checkRange, resolveFilterParams } from './relationship-filter.js';
import type { Detail, RelationshipFilterInput, SubgraphRecord } from './types.js';

export const neighbourhoodLimits = { maxIds: 200, maxDepth: 3, maxLimit: 5_000 };

/** Depth 3, or more than 1,000 links: seconds of database work on a hub, so it counts against a client's heavy budget. */
export function isLargeNeighbourhood(depth: number, limit: number): boolean {
  return depth >= 3 || limit > 1_000;
}

/** Entities and links within `depth` filtered hops of the given entities, strongest links first, capped at `limit`. */
export async function findNeighbourhood(
  graph: Graph,
  ids: string[],
  depth: number,
  filter: RelationshipFilterInput | null | undefined,
  limit: number,
  detail: Detail = 'full',
): Promise<SubgraphRecord> {
  if (ids.length === 0 || ids.length > neighbourhoodLimits.maxIds) {
    throw new BadUserInputError(`ids must name 1 to ${neighbourhoodLimits.maxIds} entities.`);
  }
  checkRange(depth, 'depth', 1, neighbourhoodLimits.maxDepth);
  checkRange(limit, 'limit', 1, neighbourhoodLimits.maxLimit);
  const filterParams = await resolveFilterParams(filter, null, () => graph.read('graph/find-source-origins', {}));
  const params = { ids: [...new Set(ids)], limit, ...filterParams, summary: detail === 'summary' };
  // No row at all means none of the start ids exists: every id is then missing below.
  const [row] = await graph.read('graph/find-neighbourhood', params, { inner: depth - 1 });
  const builder = new RecordBuilder(row?.sources, row?.disputing);
  const entities = builder.entityList(row?.entities);
  const missing = params.ids.filter((id) => !builder.known(id));
  if (missing.length > 0) throw new NotFoundError(`No entity with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
  return {
    entities,
    relationships: builder.relationshipList(row?.rels),
    truncated: row?.truncated ?? false,
  };
}

/** The parameters of the statements that count around one entity: the entity, what to leave out, the filter. */
const aroundParams = async (
  graph: Graph,
  id: string,
  filter: RelationshipFilterInput | null | undefined,
  exclude: readonly string[] | null,
) => ({
  id,
  exclude: toIdSet(exclude, 'exclude'),
  ...(await resolveFilterParams(filter, null, () => graph.read('graph/find-source-origins', {}))),
});

export interface NeighbourCountRecord {
  type: string;
  direction: string;
  count: number;
  maxConfidence: number;
}

/**
 * How many neighbours expanding an entity would add, by relationship type and direction; `exclude` (what the
 * canvas already shows) is not counted, so "Add 13" adds 13.
 */
export async function countNeighbours(
  graph: Graph,
  id: string,
  filter: RelationshipFilterInput | null | undefined,
  exclude: readonly string[] | null = null,
): Promise<NeighbourCountRecord[]> {
  const params = await aroundParams(graph, id, filter, exclude);
  const [row] = await graph.read('graph/count-neighbours', params);
  if (!row) throw new NotFoundError(`No entity with id "${id}".`);
  return row.counts.map((count) => ({ ...count, maxConfidence: count.maxConfidence ?? 0 }));
}

export interface NeighbourTotalsRecord {
  neighbours: number;
  links: number;
  overlaps: { ways: { type: string; direction: 'OUT' | 'IN' }[]; count: number }[];
}

/**
 * Distinct neighbours and links around an entity, leaving out `exclude`, with the overlaps between relationship
 * types: the per-type counts alone add a neighbour linked in two ways twice.
 */
export async function countNeighbourTotals(
  graph: Graph,
  id: string,
  filter: RelationshipFilterInput | null | undefined,
  exclude: readonly string[] | null = null,
): Promise<NeighbourTotalsRecord> {
  const params = await aroundParams(graph, id, filter, exclude);
  const [row] = await graph.read('graph/count-neighbour-totals', params);
  if (!row) throw new NotFoundError(`No entity with id "${id}".`);
  return row;
}
