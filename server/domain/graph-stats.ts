import type { Graph } from '../graph/run.js';
import type { RowOf } from '../graph/statements.js';

export type GraphStatsRecord = RowOf<'graph/count-graph'>;

/** Totals and counts by kind and by relationship type. */
export async function graphStats(graph: Graph): Promise<GraphStatsRecord> {
  const [row] = await graph.read('graph/count-graph', {});
  return row;
}
