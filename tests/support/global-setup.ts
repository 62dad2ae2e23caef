import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.js';
import { createDriver } from '../../server/graph/driver.js';
import { CypherCatalog } from '../../server/graph/cypher.js';
import { startEmbeddedNeo4j, type RunningNeo4j } from '../../server/graph/embedded-neo4j.js';
import { Graph } from '../../server/graph/run.js';
import { applySchema, loadFoundingCaseIfEmpty } from '../../server/domain/bootstrap.js';
import { createLogger } from '../../server/logger.js';

export interface TestDatabase {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestDatabase;
  }
}

interface StartedDatabase {
  target: TestDatabase;
  stop(): Promise<void>;
}

/**
 * Starts one embedded Neo4j on a free port with a temporary data folder (or uses NEO4J_URI when set),
 * applies the schema and loads the founding case, which tests read but never change.
 */
async function startTestDatabase(): Promise<StartedDatabase> {
  const logger = createLogger({ logLevel: 'warn' });
  let embedded: RunningNeo4j | null = null;
  let dataDir: string | null = null;
  let target: TestDatabase;
  if (process.env.NEO4J_URI) {
    const config = loadConfig();
    if (config.neo4j.mode !== 'external') throw new Error('unreachable');
    target = { uri: config.neo4j.uri, user: config.neo4j.user, password: config.neo4j.password, database: config.neo4j.database };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-test-'));
    const config = loadConfig({ DATA_DIR: dataDir, NEO4J_HEAP: '1g', NEO4J_PAGECACHE: '256m' });
    if (config.neo4j.mode !== 'embedded') throw new Error('unreachable');
    // Reuse the project's resolved jars: Maven resolution is per home folder.
    embedded = await startEmbeddedNeo4j({ ...config.neo4j.embedded, boltPort: 0 }, dataDir, logger);
    target = { uri: embedded.uri, user: embedded.user, password: embedded.password };
  }
  const catalog = new CypherCatalog();
  const graph = new Graph(createDriver(target), catalog, logger, target.database);
  await applySchema(graph, catalog);
  await loadFoundingCaseIfEmpty(graph, logger);
  await graph.close();
  return {
    target,
    stop: async () => {
      await embedded?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The integration and browser projects each run this setup, in the same process: they share one database.
const sharedKey = Symbol.for('attribution-explorer.test-database');
type Shared = { started: Promise<StartedDatabase>; users: number };
const registry = globalThis as typeof globalThis & { [sharedKey]?: Shared };

export default async function setup(project: TestProject) {
  const shared = (registry[sharedKey] ??= { started: startTestDatabase(), users: 0 });
  shared.users += 1;
  const { target, stop } = await shared.started;
  project.provide('neo4j', target);

  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[sharedKey];
    await stop();
  };
}
