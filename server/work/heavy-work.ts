import type { Viewer } from '../auth.js';
import type { Config } from '../config.js';
import { exportSubgraph, type ExportFile, type ExportRequest } from '../domain/export/index.js';
import { findRankedPaths, type PathOptions } from '../domain/find-paths.js';
import type { PathRecord } from '../domain/types.js';
import type { Graph } from '../graph/run.js';
import type { Logger } from '../logger.js';
import { ClientBudget } from './client-budget.js';
import type { ExportJob, PathsJob, ProjectJob, ProjectOutput } from './graph-worker.js';
import { PathProjection } from './path-projection.js';
import { WorkerPool } from './worker-pool.js';

/** Exports waiting for a worker beyond those running: a burst queues, a flood is refused. */
const maxQueuedExports = 16;
/**
 * Path searches waiting for a worker: every client may have a couple waiting (the per-client budget bounds each
 * one), and a search is short, so the queue is long; it still refuses a flood rather than hold it in memory.
 */
const maxQueuedPathSearches = 256;
/** Heavy operations one client may have waiting beyond those running. */
const maxWaitingPerClient = 32;

/** Runs a heavy operation within the asking client's budget (see ClientBudget). */
export type RunHeavy = <T>(work: () => Promise<T>) => Promise<T>;

/** Everything that keeps heavy work from stalling the server: the worker pools and the per-client budget. */
export interface HeavyWork {
  /**
   * The budget of the client a viewer is: a token's holder (by the token's name). A request without a valid
   * token is read only on a loopback server whose reads need no token, where it is the one local user with
   * every connection it opens: it gets no budget, which would only make it wait for itself.
   */
  forViewer(viewer: Viewer): RunHeavy;
  /**
   * Runs an export (reading, layout, rendering) in a worker thread with a connection of its own, under the pool's
   * queue and time limit; cut like any read when the database goes away.
   */
  exportFile(graph: Graph, request: ExportRequest): Promise<ExportFile>;
  /** Runs a ranked path search in a worker thread, the same way (its scoring is CPU work: see graph-worker.ts). */
  findPaths(graph: Graph, from: string, to: string, options: PathOptions): Promise<PathRecord[]>;
  /**
   * Holds the graph's links in memory for path searches (server/work/path-projection.ts): read now, and again after
   * each write this graph commits. Off when PATH_PROJECTION_MAX_LINKS is 0 or the graph cannot be reached from a thread.
   */
  holdPathLinks(graph: Graph): void;
  load(): {
    workers: PoolLoad;
    pathWorkers: PoolLoad;
    pathProjection: ReturnType<PathProjection['describe']> | { state: 'off' };
    heavy: ReturnType<ClientBudget['load']>;
  };
  close(): Promise<void>;
}

type PoolLoad = ReturnType<WorkerPool<unknown, unknown>['load']>;

const entry = new URL('./graph-worker.ts', import.meta.url);

export function createHeavyWork(work: Config['work'], logger: Logger): HeavyWork {
  const exports = new WorkerPool<ExportJob, ExportFile>({
    entry,
    size: work.threads,
    maxQueued: maxQueuedExports,
    timeLimitMs: work.timeLimitMs,
    describe: {
      work: 'export',
      sizeSetting: 'WORKER_THREADS',
      timeSetting: 'HEAVY_WORK_TIMEOUT_S',
      narrowing: 'fewer ids, a lower depth, a relationship filter, or a format without a picture',
    },
    logger,
  });
  // A pool of its own, so that a search never waits behind a minutes-long export; one thread more than one client
  // may use at once (MAX_HEAVY_PER_CLIENT), so that another client's search starts at once however hard one client
  // searches, and a search waiting on the database overlaps another's scoring.
  const pathSearches = new WorkerPool<PathsJob, PathRecord[]>({
    entry,
    size: Math.max(work.threads, work.maxHeavyPerClient + 1),
    maxQueued: maxQueuedPathSearches,
    timeLimitMs: work.timeLimitMs,
    describe: {
      work: 'path search',
      sizeSetting: 'WORKER_THREADS',
      timeSetting: 'HEAVY_WORK_TIMEOUT_S',
      narrowing: 'fewer hops, a lower limit, or a relationship filter',
    },
    logger,
  });
  // Reading the graph's links into memory (paths/link-projection.ts) grows a thread's heap by about 100 MB on the
  // medium benchmark graph, nearly all of it garbage once the shared arrays are built: a thread that ends with the
  // build gives that memory back, where a path worker kept it for the life of the server.
  const projectionBuilds = new WorkerPool<ProjectJob, ProjectOutput>({
    entry,
    size: 1,
    maxQueued: 1,
    timeLimitMs: work.timeLimitMs,
    threadPerJob: true,
    describe: {
      work: 'link projection build',
      sizeSetting: 'WORKER_THREADS',
      timeSetting: 'HEAVY_WORK_TIMEOUT_S',
      narrowing: 'a lower PATH_PROJECTION_MAX_LINKS',
    },
    logger,
  });
  // Searches are the interactive work an analyst waits for; exports start their threads when first asked.
  pathSearches.warm();
  const budget = new ClientBudget(work.maxHeavyPerClient, maxWaitingPerClient);
  let projection: PathProjection | null = null;
  return {
    forViewer: (viewer) => (viewer.role ? (job) => budget.run(viewer.name, job) : (job) => job()),
    exportFile(graph, request) {
      const connection = graph.workerConnection();
      // A graph over a driver of unknown origin cannot be reached from another thread: export here, then.
      if (!connection) return exportSubgraph(graph, request);
      return graph.whileAvailable(() => exports.run({ kind: 'export', request, connection }));
    },
    findPaths(graph, from, to, options) {
      const connection = graph.workerConnection();
      if (!connection) return findRankedPaths(graph, from, to, options);
      const links = projection?.current() ?? null;
      return graph.whileAvailable(() => pathSearches.run({ kind: 'paths', from, to, options, connection, projection: links }));
    },
    holdPathLinks(graph) {
      const connection = graph.workerConnection();
      if (!connection || work.projectionMaxLinks === 0 || projection) return;
      const held = new PathProjection(
        () => projectionBuilds.run({ kind: 'project', connection, maxLinks: work.projectionMaxLinks }),
        async () => (await graph.read('graph/find-graph-revision', {}))[0].revision,
        logger,
      );
      projection = held;
      graph.onGraphChanged(() => held.changed());
      held.start();
    },
    load: () => ({
      workers: exports.load(),
      pathWorkers: pathSearches.load(),
      pathProjection: projection?.describe() ?? { state: 'off' as const },
      heavy: budget.load(),
    }),
    close: async () => {
      projection?.close();
      await Promise.all([exports.close(), pathSearches.close(), projectionBuilds.close()]);
    },
  };
}
