import type { Graph } from '../graph/run.js';
import { unstatedConfidenceWeight } from './confidence.js';
import { RecordBuilder } from './graph-records.js';
import { toIdSet } from './id-set.js';
import { checkRange } from './relationship-filter.js';
import type { SubgraphRecord } from './types.js';

export const linksAmongLimits = { maxLimit: 50_000 } as const;

/**
 * The given entities as they are now and every link among them, strongest first (summary fields): what a saved
 * view redraws. Unknown ids are left out, so a view whose entities were since removed still opens.
 */
export async function findLinksAmong(graph: Graph, ids: readonly string[], limit: number): Promise<SubgraphRecord> {
  checkRange(limit, 'limit', 1, linksAmongLimits.maxLimit);
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { entities: [], relationships: [], truncated: false };
  const [row] = await graph.read('graph/find-links-among', {
    ids: unique,
    idSet: toIdSet(unique, 'ids'),
    limit,
    unstatedConfidence: unstatedConfidenceWeight,
  });
  const builder = new RecordBuilder();
  const entities = builder.entityList(row?.entities);
  return { entities, relationships: builder.relationshipList(row?.rels), truncated: row?.truncated ?? false };
}
