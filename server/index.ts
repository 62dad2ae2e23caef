import fs from 'node:fs';
import path from 'node:path';
import { buildServer } from './app.js';
import { ensureLocalEditorToken, localEditorName } from './auth.js';
import { loadConfigOrExit } from './config.js';
import { openDatabase } from './database.js';
import { applySchema, loadFoundingCaseIfEmpty } from './domain/bootstrap.js';
import { warmUpFirstView } from './domain/warm-up.js';
import { DataDirError } from './data-dir.js';
import { EmbeddedNeo4jError } from './graph/embedded-neo4j.js';
import { applyHeapGrowth } from './heap-growth.js';
import { createLogger } from './logger.js';
import { mintLoginCode } from './login-links.js';
import { checkPortFree } from './port-check.js';

// Boot only: config -> logger -> port check -> database -> server -> listen.
const config = loadConfigOrExit();
applyHeapGrowth(config.heapGrowthPercent);
const logger = createLogger(config);
const startedAt = Date.now();
/** Where `npm run editor-link` finds the address of the running server. */
const addressFile = path.join(config.dataDir, 'explorer.json');

try {
  await checkPortFree(config.host, config.port);
  // Before the server reads it, so that we know whether it was created just now.
  const localEditor = config.auth.localEditor ? ensureLocalEditorToken(config.dataDir) : null;
  const database = await openDatabase(config, logger);
  await applySchema(database.graph, database.catalog);
  if (config.loadFoundingCase) await loadFoundingCaseIfEmpty(database.graph, logger);
  await warmUpFirstView(database.graph, logger);
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
    // Heavy work runs in worker threads, so this loop is free to keep the promise of an exit within 10 s.
    const forced = setTimeout(() => process.exit(1), 9_000);
    forced.unref();
    fs.rmSync(addressFile, { force: true });
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
  const url = `http://${config.host}:${port}`;
  fs.writeFileSync(addressFile, JSON.stringify({ url, pid: process.pid }) + '\n', { mode: 0o600 });
  logger.info({ seconds: (Date.now() - startedAt) / 1000 }, 'started');
  process.stdout.write(`Attribution Explorer ready at ${url}/\n`);
  if (localEditor?.created) {
    // Like Jupyter, whoever ran the server gets an editor link, printed once, when the token is created. It
    // carries a single-use code, never the token itself (server/login-links.ts).
    const code = mintLoginCode({ name: localEditorName(), token: localEditor.token });
    process.stderr.write(`Editor link (single use, valid 15 minutes): ${url}/?login=${code}\n`);
  } else if (localEditor) {
    process.stderr.write('For an editor link (single use, valid 15 minutes), run: npm run editor-link\n');
  }
} catch (error) {
  // A problem the person starting the server can fix is said in one line that names the file or folder;
  // anything else is logged in full.
  const expected = error instanceof DataDirError || error instanceof EmbeddedNeo4jError;
  logger.fatal(expected ? { reason: error.message } : { err: error }, 'could not start');
  process.stderr.write(`Attribution Explorer could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
