import { parentPort } from 'node:worker_threads';
import { exportSubgraph, type ExportFile, type ExportRequest } from '../domain/export/index.js';
import { AppError } from '../errors.js';
import { CypherCatalog } from '../graph/cypher.js';
import { createDriver } from '../graph/driver.js';
import { Graph, type WorkerConnection } from '../graph/run.js';
import { createLogger } from '../logger.js';
import type { WorkerReply } from './worker-pool.js';

/** One export per message: the whole pipeline (reading, layout, rendering) runs here, off the event loop. */
export interface ExportJob {
  request: ExportRequest;
  connection: WorkerConnection;
}

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

parentPort!.on('message', async ({ request, connection }: ExportJob) => {
  let reply: WorkerReply<ExportFile>;
  try {
    reply = { ok: true, output: await exportSubgraph(graphFor(connection), request) };
  } catch (error) {
    reply =
      error instanceof AppError
        ? { ok: false, code: error.code, message: error.message }
        : { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
