import { parentPort } from 'node:worker_threads';
import { exportSubgraph, type ExportFile, type ExportRequest } from '../domain/export/index.js';
import { findRankedPaths, type PathOptions } from '../domain/find-paths.js';
import type { PathRecord } from '../domain/types.js';
import { buildLinkProjection, type LinkProjectionData, type ProjectionNotBuilt } from '../domain/paths/link-projection.js';
import { AppError } from '../errors.js';
import { CypherCatalog } from '../graph/cypher.js';
import { createDriver } from '../graph/driver.js';
import { Graph, type WorkerConnection } from '../graph/run.js';
import { createLogger } from '../logger.js';
import type { WorkerReply } from './worker-pool.js';

/**
 * The CPU-heavy reads a worker thread runs off the event loop, one per message: an export (reading, layout,
 * rendering) or a ranked path search (its candidate scoring is JavaScript that would otherwise stall every
 * other request for hundreds of milliseconds on a large graph).
 */
export type ExportJob = { kind: 'export'; connection: WorkerConnection; request: ExportRequest };
export type PathsJob = {
  kind: 'paths';
  connection: WorkerConnection;
  from: string;
  to: string;
  options: PathOptions;
  /** The links in memory (shared, not copied), when the server holds them; the search checks they are current. */
  projection: LinkProjectionData | null;
};
/** Reads the path search's link projection (paths/link-projection.ts) into shared memory. */
export type ProjectJob = { kind: 'project'; connection: WorkerConnection; maxLinks: number };
export type GraphJob = ExportJob | PathsJob | ProjectJob;
/** A projection, or why none was built (too many links, or the graph changed while it was read). */
export type ProjectOutput = LinkProjectionData | ProjectionNotBuilt;

const logger = createLogger({ logLevel: 'warn' });
const catalog = new CypherCatalog();
/** This thread's own connection, opened on its first job and kept for the next ones. */
let graph: { key: string; graph: Graph } | null = null;

function graphFor(connection: WorkerConnection): Graph {
  const key = JSON.stringify(connection);
  if (graph?.key !== key) {
    void graph?.graph.close();
    const driver = createDriver(connection);
    graph = { key, graph: new Graph(driver, catalog, logger, connection.database, connection.timeoutMs) };
  }
  return graph.graph;
}

function runJob(job: GraphJob): Promise<ExportFile | PathRecord[] | ProjectOutput> {
  const jobGraph = graphFor(job.connection);
  switch (job.kind) {
    case 'export':
      return exportSubgraph(jobGraph, job.request);
    case 'paths':
      return findRankedPaths(jobGraph, job.from, job.to, job.options, job.projection);
    case 'project':
      return buildLinkProjection(jobGraph, job.maxLinks);
  }
}

parentPort!.on('message', async (job: GraphJob) => {
  let reply: WorkerReply<ExportFile | PathRecord[] | ProjectOutput>;
  try {
    reply = { ok: true, output: await runJob(job) };
  } catch (error) {
    reply =
      error instanceof AppError
        ? { ok: false, code: error.code, message: error.message }
        : { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
