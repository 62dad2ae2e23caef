/**
 * A throw-away embedded Neo4j for one benchmark phase: its own temporary data folder, a free loopback
 * port and the heap the scale needs. The project's launcher (Maven classpath, compiled class) is prepared
 * once in a cache folder and copied in, so each start costs a JVM start, not a Maven resolution.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadConfig, projectRoot, type EmbeddedPlugin } from '../server/config.js';
import { applySchema } from '../server/domain/bootstrap.js';
import { CypherCatalog } from '../server/graph/cypher.js';
import { createDriver } from '../server/graph/driver.js';
import { prepareLauncher, startEmbeddedNeo4j, type RunningNeo4j } from '../server/graph/embedded-neo4j.js';
import { Graph } from '../server/graph/run.js';
import type { Logger } from '../server/logger.js';
import { peakMemoryMb } from './machine.js';

export interface Neo4jSizing {
  heap: string;
  pageCache: string;
  /** Default transaction timeout of the instance (db.transaction.timeout) and of the Graph executor. */
  txTimeoutSeconds: number;
}

export interface BenchNeo4j {
  running: RunningNeo4j;
  /** The project's executor over this instance, as the server and CLI build it. */
  graph: Graph;
  /** A separate plain driver for the raw side, so the two never share a pool. */
  driver: Driver;
  catalog: CypherCatalog;
  /** VmHWM of the JVM so far, in MB. */
  peakMb(): number | null;
  /** The JVM's heap as it reports it (JMX), in MB, beside the configured size; null if the query fails. */
  heap(): Promise<JvmHeap | null>;
  stop(): Promise<void>;
}

export interface JvmHeap {
  /** The heap size the instance was started with (-Xms = -Xmx), as configured. */
  configured: string;
  used_mb: number;
  committed_mb: number;
  max_mb: number;
  /** Peak use of the old generation: what survived collections, the live data's high-water mark. */
  old_gen_peak_used_mb: number;
}

/** The benchmark's own statements (bench/cypher), apart from the server's catalog. */
export const benchCatalog = new CypherCatalog(path.join(projectRoot, 'bench', 'cypher'));

const launcherCache = path.join(os.tmpdir(), 'ae-bench-launcher-cache');
const started = new Set<BenchNeo4j>();

/** Stops every instance this process started (used on signals; each also dies with us via its lifeline). */
export async function stopAllNeo4j(): Promise<void> {
  await Promise.allSettled([...started].map((instance) => instance.stop()));
}

/** `plugins`: optional libraries on the JVM's classpath (the peers' GDS), each resolved and cached once. */
export async function startBenchNeo4j(
  label: string,
  sizing: Neo4jSizing,
  logger: Logger,
  plugins: readonly EmbeddedPlugin[] = [],
): Promise<BenchNeo4j> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ae-bench-${label}-`));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NEO4J_HEAP: sizing.heap,
    NEO4J_PAGECACHE: sizing.pageCache,
    NEO4J_TX_TIMEOUT_S: String(sizing.txTimeoutSeconds),
    NEO4J_START_TIMEOUT_S: '300',
  });
  if (config.neo4j.mode !== 'embedded') throw new Error('NEO4J_URI must not be set for the benchmark: it starts its own Neo4j');
  const embedded = config.neo4j.embedded;
  prepareLauncher(launcherCache, logger, plugins);
  fs.mkdirSync(embedded.home, { recursive: true });
  fs.cpSync(path.join(launcherCache, 'launcher'), path.join(embedded.home, 'launcher'), { recursive: true });

  let running: RunningNeo4j;
  try {
    running = await startEmbeddedNeo4j({ ...embedded, boltPort: 0, plugins }, dataDir, logger);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const target = { uri: running.uri, user: running.user, password: running.password };
  const catalog = new CypherCatalog();
  const graph = new Graph(createDriver(target), catalog, logger, undefined, sizing.txTimeoutSeconds * 1000);
  const driver = createDriver(target);
  let stopped: Promise<void> | null = null;
  const instance: BenchNeo4j = {
    running,
    graph,
    driver,
    catalog,
    peakMb: () => peakMemoryMb(running.pid),
    async heap() {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const result = await session.executeRead((tx) => tx.run(benchCatalog.text('jvm-heap')));
        const record = result.records[0];
        const mb = (value: unknown) => Math.round(Number(value) / 1024 / 1024);
        const heap = record.get('heap') as Record<string, unknown>;
        const oldGen = record.get('oldGenPeak') as Record<string, unknown>;
        return {
          configured: sizing.heap,
          used_mb: mb(heap.used),
          committed_mb: mb(heap.committed),
          max_mb: mb(heap.max),
          old_gen_peak_used_mb: mb(oldGen.used),
        };
      } catch {
        return null;
      } finally {
        await session.close();
      }
    },
    stop() {
      stopped ??= (async () => {
        started.delete(instance);
        await Promise.allSettled([graph.close(), driver.close()]);
        await running.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
  started.add(instance);
  try {
    await applySchema(graph, catalog);
  } catch (error) {
    await instance.stop();
    throw error;
  }
  return instance;
}
