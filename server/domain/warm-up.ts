import { firstView, opensOnSummary } from '../../shared/first-view.js';
import type { Graph } from '../graph/run.js';
import type { Logger } from '../logger.js';
import { findRelationship } from './find-entity.js';
import { findNeighbourhood } from './find-neighbourhood.js';
import { graphStats } from './graph-stats.js';
import { findMostConnected } from './list-entities.js';
import { findEntityResolvingMerges } from './merge/resolve-merged.js';
import { searchEntities } from './search-entities.js';
import { summarizeGraph } from './summarize-graph.js';

/**
 * Runs the reads of the explorer's first view (and of a first search, selection and expansion) once, before the
 * server says it is ready. A freshly started Neo4j plans its first queries on a cold JVM: measured on the founding
 * case, the graph counts took 10-15 s on first use and under 0.1 s after, the first neighbourhood 3.6 s; the first
 * analyst to open the page waited 11 s for a canvas of 36 entities. Planned here, the plans are in Neo4j's query
 * cache (shared by every connection) and its planner is warm. Reads only; a failure is logged and never stops the
 * start, since every request still works, only slower.
 */
export async function warmUpFirstView(graph: Graph, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    const stats = await graphStats(graph);
    if (stats.entities === 0) return;
    // What the page opens on: a summary of a large graph, or the neighbourhood of a small one's hubs (never both:
    // a depth-2 neighbourhood of the hubs of a large graph is work no first view asks for).
    const shown = opensOnSummary(stats)
      ? await summarizeGraph(graph, firstView.summarySize)
      : await findNeighbourhood(
          graph,
          (await findMostConnected(graph, firstView.seedCount, null)).map((hub) => hub.id),
          firstView.caseDepth,
          null,
          firstView.caseLimit,
        );
    // Then what an analyst does first with it: expand, search, open an entity and a link.
    const [first] = shown.entities;
    if (first) {
      await findNeighbourhood(graph, [first.id], 1, null, firstView.caseLimit);
      await searchEntities(graph, first.name, null, 10);
      await findEntityResolvingMerges(graph, first.id);
    }
    if (shown.relationships.length > 0) await findRelationship(graph, shown.relationships[0].id);
    logger.info({ seconds: round(performance.now() - started) }, "planned the first view's reads");
  } catch (error) {
    logger.warn(
      { err: error, seconds: round(performance.now() - started) },
      "could not plan the first view's reads ahead; the first requests will be slower",
    );
  }
}

const round = (ms: number) => Math.round(ms) / 1000;
