import { findMostConnected } from '../domain/list-entities.js';
import type { Graph } from '../graph/run.js';
import type { Logger } from '../logger.js';
import type { HeavyWork } from './heavy-work.js';

/**
 * A small path search between the two most connected entities in every path-search thread at once, run after
 * start, so that the first analysts' searches do not pay for Neo4j planning the search's statements, nor for a
 * thread's first connection and compiling of the scoring code (seconds on a busy 2-core machine, measured in
 * tests/integration/large-graph.test.ts; one search warmed only the thread that ran it).
 * Best effort: a graph with fewer than two entities has nothing to warm, and a failure is only logged.
 */
export async function warmPathSearch(graph: Graph, heavyWork: Pick<HeavyWork, 'findPaths' | 'load'>, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    const [from, to] = await findMostConnected(graph, 2, null);
    if (!from || !to) return;
    // All threads are idle at start: the pool gives each of these searches a thread of its own.
    const threads = heavyWork.load().pathWorkers.threads;
    await Promise.all(Array.from({ length: threads }, () => heavyWork.findPaths(graph, from.id, to.id, { maxHops: 3, limit: 1 })));
    logger.debug({ ms: Math.round(performance.now() - started) }, 'path search warmed');
  } catch (error) {
    logger.warn({ err: error }, 'warming the path search failed; the first search will be slower');
  }
}
