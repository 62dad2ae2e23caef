import type { Viewer } from '../auth.js';
import type { Config } from '../config.js';
import { exportSubgraph, type ExportFile, type ExportRequest } from '../domain/export/index.js';
import type { Graph } from '../graph/run.js';
import type { Logger } from '../logger.js';
import { ClientBudget } from './client-budget.js';
import type { ExportJob } from './export-worker.js';
import { WorkerPool } from './worker-pool.js';

/** Exports waiting for a worker beyond those running: a burst queues, a flood is refused. */
const maxQueuedExports = 16;
/** Heavy operations one client may have waiting beyond those running. */
const maxWaitingPerClient = 32;

/** Runs a heavy operation within the asking client's budget (see ClientBudget). */
export type RunHeavy = <T>(work: () => Promise<T>) => Promise<T>;

/** Everything that keeps heavy work from stalling the server: the worker pool and the per-client budget. */
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
  load(): { workers: ReturnType<WorkerPool<ExportJob, ExportFile>['load']>; heavy: ReturnType<ClientBudget['load']> };
  close(): Promise<void>;
}

export function createHeavyWork(work: Config['work'], logger: Logger): HeavyWork {
  const pool = new WorkerPool<ExportJob, ExportFile>({
    entry: new URL('./export-worker.ts', import.meta.url),
    size: work.threads,
    maxQueued: maxQueuedExports,
    timeLimitMs: work.timeLimitMs,
    describe: { work: 'export', sizeSetting: 'WORKER_THREADS', timeSetting: 'HEAVY_WORK_TIMEOUT_S' },
    logger,
  });
  const budget = new ClientBudget(work.maxHeavyPerClient, maxWaitingPerClient);
  return {
    forViewer: (viewer) => (viewer.role ? (job) => budget.run(viewer.name, job) : (job) => job()),
    exportFile(graph, request) {
      const connection = graph.workerConnection();
      // A graph over a driver of unknown origin cannot be reached from another thread: export here, then.
      if (!connection) return exportSubgraph(graph, request);
      return graph.whileAvailable(() => pool.run({ request, connection }));
    },
    load: () => ({ workers: pool.load(), heavy: budget.load() }),
    close: () => pool.close(),
  };
}
