import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { applySchema } from '../../server/domain/bootstrap.js';
import { CypherCatalog } from '../../server/graph/cypher.js';
import { createDriver } from '../../server/graph/driver.js';
import { startEmbeddedNeo4j } from '../../server/graph/embedded-neo4j.js';
import { Graph } from '../../server/graph/run.js';
import { testLogger } from './graph.js';

export interface PrivateGraph {
  graph: Graph;
  /** Deletes everything: the graph is empty again (schema kept). */
  empty(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * An embedded Neo4j of the test file's own, empty, with the schema applied: for tests that compare whole graphs
 * ("into an empty graph", "the same final graph"), which the shared test database, where other files write in
 * parallel, cannot give.
 */
export async function startPrivateGraph(name: string, heap = '768m'): Promise<PrivateGraph> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ae-${name}-`));
  const config = loadConfig({ DATA_DIR: dataDir, NEO4J_HEAP: heap, NEO4J_PAGECACHE: '64m' });
  if (config.neo4j.mode !== 'embedded') throw new Error('a private graph needs the embedded Neo4j (unset NEO4J_URI)');
  const embedded = await startEmbeddedNeo4j({ ...config.neo4j.embedded, boltPort: 0 }, dataDir, testLogger);
  const catalog = new CypherCatalog();
  const graph = new Graph(createDriver(embedded), catalog, testLogger);
  await applySchema(graph, catalog);
  return {
    graph,
    async empty() {
      await graph.runText('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS', 'WRITE');
    },
    async stop() {
      await graph.close();
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
