import type { Graph } from '../graph/run.js';
import type { EntityKindName } from './model.js';

export interface GraphStatsRecord {
  entities: number;
  relationships: number;
  byKind: { kind: EntityKindName; count: number }[];
  byType: { type: string; count: number }[];
}

/** Totals and counts by kind and by relationship type. */
export async function graphStats(graph: Graph): Promise<GraphStatsRecord> {
  const [row] = await graph.read('graph/count-graph');
  return {
    entities: Number(row.entities),
    relationships: Number(row.relationships),
    byKind: row.byKind as GraphStatsRecord['byKind'],
    byType: row.byType as GraphStatsRecord['byType'],
  };
}
