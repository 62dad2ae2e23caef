import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { openDatabase, type Database } from './database.js';
import { CypherCatalog } from './graph/cypher.js';
import { createDriver } from './graph/driver.js';
import { passwordFile } from './graph/embedded-neo4j.js';
import { Graph } from './graph/run.js';
import type { Logger } from './logger.js';

interface RunningEmbedded {
  pid: number;
  port: number;
}

/** The embedded Neo4j another process (the explorer) runs on this DATA_DIR, if its JVM is alive. */
export function findRunningEmbedded(dataDir: string): RunningEmbedded | null {
  const stateFile = path.join(dataDir, 'embedded-neo4j.json');
  let state: Partial<RunningEmbedded>;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  } catch {
    return null;
  }
  if (!Number.isInteger(state.pid) || !Number.isInteger(state.port)) return null;
  try {
    // Signal 0 only asks whether the process exists; a stale file outlives a JVM killed with SIGKILL.
    process.kill(state.pid!, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid: state.pid!, port: state.port! };
}

/**
 * For command-line tools: NEO4J_URI when set; else the embedded Neo4j the explorer already runs on
 * DATA_DIR (a second JVM cannot open the same store); else start one, as the server would.
 */
export async function openDatabaseForCli(config: Config, logger: Logger): Promise<Database> {
  if (config.neo4j.mode === 'embedded') {
    const running = findRunningEmbedded(config.dataDir);
    if (running) {
      const catalog = new CypherCatalog();
      const uri = `bolt://127.0.0.1:${running.port}`;
      const password = fs.readFileSync(passwordFile(config.dataDir), 'utf8').trim();
      const driver = createDriver({ uri, user: config.neo4j.user, password });
      try {
        await driver.verifyConnectivity({ database: config.neo4j.database });
      } catch (error) {
        await driver.close();
        throw error;
      }
      logger.debug({ uri, pid: running.pid }, 'using the embedded Neo4j already running on DATA_DIR');
      const graph = new Graph(driver, catalog, logger, config.neo4j.database, config.neo4j.embedded.txTimeoutSeconds * 1000);
      // Not ours to stop: closing only lets go of the driver.
      return { graph, catalog, embedded: null, uri, close: () => graph.close() };
    }
  }
  return openDatabase(config, logger);
}
