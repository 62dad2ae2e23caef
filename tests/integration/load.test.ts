import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.js';
import { startTestServer, type TestServer } from '../support/graph.js';

// 64 concurrent clients send a mixed read workload for 60 s over loopback to the real server on the test
// database. The load generator (autocannon) runs in a process of its own (tests/support/load-client.ts: the
// clients connect first, then run the workload); the server's memory is measured here, in the process that
// runs it. The figures go to tests/artifacts/load.json for the README.

const connections = 64;
const durationSeconds = Number(process.env.LOAD_SECONDS ?? 60);
/** A request not answered within this is a timeout (autocannon's default). */
const timeoutSeconds = 10;
/** Generous: a leak worth the name grows without bound; a warm cache does not. */
const maxHeapGrowthMb = 100;

const entityFields = 'id kind name aliases description date sources { id title url excerpt }';
const subgraphFields = `entities { ${entityFields} } relationships { id type stance confidence since until from { id } to { id } sources { id title excerpt } disputedBy { id } } truncated`;
const filter = 'filter: { minConfidence: 40 }';
const workload: { name: string; query: string }[] = [
  { name: 'search homeland', query: `{ search(text: "homeland") { ${entityFields} } }` },
  { name: 'search albania', query: `{ search(text: "albania", limit: 20) { ${entityFields} } }` },
  { name: 'search iran kinds', query: `{ search(text: "iran", kinds: [STATE, ORGANIZATION, DENIAL]) { id kind name } }` },
  {
    name: 'entity incident',
    query: `{ entity(id: "inc-parliament-2023") { ${entityFields} ... on Incident { aim outcome attributionHypotheses { stance confidence actor { id name } disputedBy { id name } } } } }`,
  },
  {
    name: 'entity sanction',
    query: `{ entity(id: "sanc-us-mois-2022") { ${entityFields} ... on Sanction { program authority { id name } targets { id name } } } }`,
  },
  { name: 'neighbourhood 1', query: `{ neighbourhood(ids: ["homeland-justice"], depth: 1) { ${subgraphFields} } }` },
  { name: 'neighbourhood 1 iran', query: `{ neighbourhood(ids: ["iran", "albania"], depth: 1, ${filter}) { ${subgraphFields} } }` },
  { name: 'neighbourhood 2', query: `{ neighbourhood(ids: ["iran-mois"], depth: 2) { ${subgraphFields} } }` },
  {
    name: 'paths hj to sanction',
    query: `{ paths(from: "homeland-justice", to: "sanc-us-mois-2022", maxHops: 4, limit: 5) { hops score entities { id name } relationships { id type stance confidence } weakestLink { id confidence } } }`,
  },
  {
    name: 'paths parliament to iran',
    query: `{ paths(from: "inc-parliament-2023", to: "iran", maxHops: 3, limit: 5, filter: { stances: [ASSERTED, CLAIMED, SUSPECTED, DENIED] }) { hops score entities { id } relationships { id type } } }`,
  },
  { name: 'neighbourCounts', query: `{ neighbourCounts(id: "iran") { type direction count maxConfidence } }` },
  { name: 'stats', query: `{ stats { entities relationships byKind { kind count } byType { type count } } }` },
];

interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  steady: {
    fromSecond: number | null;
    requests: number;
    requestsPerSecond: number | null;
    latency: { p50: number | null; p90: number | null; p99: number | null; max: number | null };
  };
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  requestErrorsAt: number[];
  graphqlErrors: Record<string, number>;
  firstError: string | null;
  slowest: { atSecond: number; ms: number }[];
  bytesPerSecond: number;
}

/** A full collection when the runtime lets us ask for one (global.gc, or V8's flag set at run time), else a short idle. */
async function settledMemory(): Promise<{ rssMb: number; heapUsedMb: number; gc: 'forced' | 'idle' }> {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = undefined;
    }
  }
  if (gc) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
    gc();
  } else {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
  const usage = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), gc: gc ? 'forced' : 'idle' };
}

function runLoadClient(url: string): Promise<LoadResult> {
  const options = {
    url,
    connections,
    durationSeconds,
    timeoutSeconds,
    requests: workload.map(({ name, query }) => ({ name, body: JSON.stringify({ query }) })),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/load-client.ts', JSON.stringify(options)], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load client exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadResult);
    });
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('under load', () => {
  it(
    `serves ${connections} concurrent clients for ${durationSeconds} s with no error, no timeout and no leak`,
    async () => {
      // Warm up first (JIT, driver connection pool, Neo4j's query caches), so "before" is a steady state.
      for (const { name, query } of workload) {
        const answer = await server.graphql(query);
        expect(answer.errors, `${name}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
      }
      await Promise.all(Array.from({ length: connections }, (_, index) => server.graphql(workload[index % workload.length].query)));
      const before = await settledMemory();

      const started = Date.now();
      const result = await runLoadClient(server.url);
      const seconds = (Date.now() - started) / 1000;
      const after = await settledMemory();

      const figures = {
        measuredAt: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model ?? 'unknown',
          node: process.version,
          platform: `${os.platform()} ${os.release()}`,
        },
        connections,
        durationSeconds,
        queries: workload.map(({ name }) => name),
        connectedAfterSeconds: result.steady.fromSecond,
        /** The mixed workload, once every client was connected: the figures for the README. */
        workload: {
          requests: result.steady.requests,
          requestsPerSecond: result.steady.requestsPerSecond,
          latencyMs: result.steady.latency,
        },
        /** autocannon's own figures for the whole run, the connect phase's `{ __typename }` requests included. */
        wholeRun: { requests: result.requests, requestsPerSecond: Math.round(result.requestsPerSecond), latencyMs: result.latency },
        errors: result.errors,
        timeoutSeconds,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        requestErrorsAt: result.requestErrorsAt,
        slowest: result.slowest,
        graphqlErrors: result.graphqlErrors,
        memory: {
          before,
          after,
          heapGrowthMb: Math.round((after.heapUsedMb - before.heapUsedMb) * 10) / 10,
          rssGrowthMb: Math.round((after.rssMb - before.rssMb) * 10) / 10,
        },
      };
      fs.mkdirSync(path.join(projectRoot, 'tests', 'artifacts'), { recursive: true });
      fs.writeFileSync(path.join(projectRoot, 'tests', 'artifacts', 'load.json'), JSON.stringify(figures, null, 2) + '\n');
      console.log(
        `load: ${connections} clients, ${durationSeconds} s (${seconds.toFixed(1)} s wall), all connected after ${result.steady.fromSecond} s; ` +
          `workload: ${result.steady.requests} requests, ${result.steady.requestsPerSecond} req/s, p50 ${result.steady.latency.p50} ms, p99 ${result.steady.latency.p99} ms, max ${result.steady.latency.max} ms; ` +
          `whole run (with the connect phase): ${result.requests} requests, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; ` +
          `heap ${before.heapUsedMb} -> ${after.heapUsedMb} MB, rss ${before.rssMb} -> ${after.rssMb} MB (${before.gc} gc)`,
      );

      expect(result.steady.requests, 'the workload ran once every client was connected').toBeGreaterThan(connections * workload.length);
      expect(result.errors, 'connection errors').toBe(0);
      expect(result.timeouts, 'timeouts').toBe(0);
      expect(result.non2xx, 'non-2xx answers').toBe(0);
      expect(result.graphqlErrors, `GraphQL errors, first: ${result.firstError}`).toEqual({});
      expect(figures.memory.heapGrowthMb, 'heap growth after the run').toBeLessThan(maxHeapGrowthMb);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
    },
    (durationSeconds + 120) * 1000,
  );
});
