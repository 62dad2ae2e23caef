import type { Config } from './config.js';
import { CypherCatalog } from './graph/cypher.js';
import { createDriver, createHealthDriver } from './graph/driver.js';
import { superviseEmbeddedNeo4j, type SupervisedNeo4j } from './graph/neo4j-supervisor.js';
import { Graph } from './graph/run.js';
import type { Logger } from './logger.js';

export interface Database {
  graph: Graph;
  catalog: CypherCatalog;
  embedded: SupervisedNeo4j | null;
  uri: string;
  /** Closes the driver and stops the embedded JVM, if we started one. */
  close(): Promise<void>;
}

/** Connects to NEO4J_URI, or starts the embedded Neo4j in DATA_DIR; waits until Bolt answers. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const catalog = new CypherCatalog();
  let embedded: SupervisedNeo4j | null = null;
  let target: { uri: string; user: string; password: string };
  let txTimeoutSeconds: number;
  // The supervisor pings through the graph, which exists only once the driver does.
  let graphRef: Graph | null = null;
  if (config.neo4j.mode === 'embedded') {
    embedded = await superviseEmbeddedNeo4j(config.neo4j.embedded, config.dataDir, logger, {
      ping: () => graphRef?.probe() ?? Promise.resolve(true),
      availability: {
        down: (backInMs, exited) => graphRef?.markUnavailable(backInMs, exited),
        up: () => graphRef?.markAvailable(),
      },
    });
    target = { uri: embedded.uri, user: embedded.user, password: embedded.password };
    txTimeoutSeconds = config.neo4j.embedded.txTimeoutSeconds;
  } else {
    target = config.neo4j;
    txTimeoutSeconds = config.neo4j.txTimeoutSeconds;
  }
  const driver = createDriver(target);
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
  } catch (error) {
    await driver.close();
    await embedded?.stop();
    throw error;
  }
  const graph = new Graph(driver, catalog, logger, config.neo4j.database, txTimeoutSeconds * 1000, createHealthDriver(target));
  graphRef = graph;
  return {
    graph,
    catalog,
    embedded,
    uri: target.uri,
    async close() {
      await graph.close();
      await embedded?.stop();
    },
  };
}
