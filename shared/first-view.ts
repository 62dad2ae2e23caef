/**
 * What the explorer shows on arrival without a path, focus or saved view in its address (client/src/initial-load.ts):
 * a small graph opens around its most connected entities, a larger one on a summary. The server runs the same reads
 * once at start (server/domain/warm-up.ts), so both sides take the shape from here.
 */
export const firstView = {
  /** How many hubs seed the first view of a small graph, how far around them it reaches, and how many links at most. */
  seedCount: 8,
  caseDepth: 2,
  caseLimit: 500,
  /** How many entities the summary of a large graph shows. */
  summarySize: 60,
} as const;

/** Up to this size a graph opens around its hubs; beyond it, on a summary. */
export const smallGraph = { entities: 400, relationships: firstView.caseLimit } as const;

export function opensOnSummary(stats: { entities: number; relationships: number }): boolean {
  return stats.entities > smallGraph.entities || stats.relationships > smallGraph.relationships;
}
