import { buildServer } from './app.js';
import { ensureLocalEditorToken } from './auth.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './database.js';
import { applySchema, loadFoundingCaseIfEmpty } from './domain/bootstrap.js';
import { createLogger } from './logger.js';
import { checkPortFree } from './port-check.js';

// Boot only: config -> logger -> port check -> database -> server -> listen.
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(config);
const startedAt = Date.now();

try {
  await checkPortFree(config.host, config.port);
  const database = await openDatabase(config, logger);
  await applySchema(database.graph, database.catalog);
  if (config.loadFoundingCase) await loadFoundingCaseIfEmpty(database.graph, logger);
  const server = await buildServer({
    config,
    graph: database.graph,
    logger,
    describe: () => ({ mode: config.neo4j.mode, neo4jVersion: database.embedded?.version, neo4jRestarts: database.embedded?.restarts() }),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 12_000);
    forced.unref();
    await server.close().catch((error) => logger.error({ err: error }, 'error while closing the server'));
    await database.close().catch((error) => logger.error({ err: error }, 'error while stopping Neo4j'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ seconds: (Date.now() - startedAt) / 1000 }, 'started');
  process.stdout.write(`Attribution Explorer ready at http://${config.host}:${port}/\n`);
  if (config.auth.localEditor) {
    // Like Jupyter: whoever ran the server gets an editor link; the token also sits in DATA_DIR (mode 0600).
    process.stderr.write(`Editor link (keep it private): http://${config.host}:${port}/?token=${ensureLocalEditorToken(config.dataDir)}\n`);
  }
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  process.stderr.write(`Attribution Explorer could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
