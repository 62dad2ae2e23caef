import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDocument, ImportEntity, ImportRelationship } from '../../server/domain/import/document.js';
import { importDocument } from '../../server/domain/import/run-import.js';
import { CypherCatalog } from '../../server/graph/cypher.js';
import { createDriver } from '../../server/graph/driver.js';
import { Graph } from '../../server/graph/run.js';
import { artifactsDir } from '../support/browser.js';
import { editorToken, readerToken, testLogger } from '../support/graph.js';
import { postGraphql, startServerProcess, waitUntil, type ServerProcess } from '../support/server-process.js';

// The real server process, with the default Neo4j heap, on a data folder of its own holding the founding case
// and two generated clusters (so the shared test database's overview and counts stay as other tests expect):
// - hub: 1 entity, 60 spokes, 100 leaves each (6,061 entities): a neighbourhood at its documented maximum;
// - mid: 1 entity, 30 spokes, 65 leaves each, leaves cross-linked (1,981 entities, 3,900 links): at depth 2 the
//   largest subgraph an HTML report may draw, so its export is the heaviest the server accepts.
// Reads need a token here, as on a shared server.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-large-'));
let server: ServerProcess;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

function cluster(name: string, spokes: number, leaves: number, crossLinks: boolean): Pick<ImportDocument, 'entities' | 'relationships'> {
  const cite = [{ source: 'src-generated', excerpt: null }];
  const entity = (id: string): ImportEntity => ({
    id,
    kind: 'ORGANIZATION',
    name: `Generated ${id}`,
    aliases: [],
    description: null,
    date: null,
    properties: {},
    sources: cite,
    extra: null,
  });
  const link = (id: string, from: string, to: string, confidence: number): ImportRelationship => ({
    id,
    type: 'RELATED_TO',
    from,
    to,
    stance: 'ASSERTED',
    confidence,
    since: null,
    until: null,
    description: null,
    sources: cite,
    disputedBy: [],
    extra: null,
  });
  const entities = [entity(name)];
  const relationships: ImportRelationship[] = [];
  for (let s = 0; s < spokes; s += 1) {
    entities.push(entity(`${name}-s${s}`));
    relationships.push(link(`${name}-h-s${s}`, name, `${name}-s${s}`, 90));
    for (let l = 0; l < leaves; l += 1) {
      entities.push(entity(`${name}-s${s}-l${l}`));
      relationships.push(link(`${name}-s${s}-l${l}`, `${name}-s${s}`, `${name}-s${s}-l${l}`, (s * leaves + l) % 100));
      if (crossLinks && s > 0) relationships.push(link(`${name}-x${s}-${l}`, `${name}-s${s}-l${l}`, `${name}-s${s - 1}-l${l}`, 50));
    }
  }
  return { entities, relationships };
}

beforeAll(async () => {
  server = await startServerProcess(dataDir, {
    EDITOR_TOKENS: `tester:${editorToken}`,
    READER_TOKENS: `reader:${readerToken}`,
    REQUIRE_TOKEN_FOR_READS: 'true',
  });
  const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'embedded-neo4j.json'), 'utf8'));
  const password = fs.readFileSync(path.join(dataDir, 'neo4j-password'), 'utf8').trim();
  const graph = new Graph(
    createDriver({ uri: `bolt://127.0.0.1:${state.port}`, user: 'neo4j', password }),
    new CypherCatalog(),
    testLogger,
    undefined,
    600_000,
  );
  const hub = cluster('hub', 60, 100, false);
  const mid = cluster('mid', 30, 65, true);
  await importDocument(graph, {
    sources: [{ id: 'src-generated', title: 'Generated for the test', publisher: null, url: null, published: null }],
    entities: [...hub.entities, ...mid.entities],
    relationships: [...hub.relationships, ...mid.relationships],
  });
  await graph.close();
}, 600_000);
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function download(route: string, token = readerToken) {
  const started = performance.now();
  const response = await fetch(`${server.url}${route}`, { headers: auth(token) });
  const text = await response.text();
  return { status: response.status, text, ms: Math.round(performance.now() - started) };
}

/** Reads one entity every 100 ms until `until` settles (a probe that needs the event loop and Neo4j); each answer's latency in ms. */
async function probe(): Promise<number> {
  const started = performance.now();
  const answer = await postGraphql(server.url, '{ entity(id: "iran") { name } }', undefined, readerToken);
  expect(answer.body.data).toEqual({ entity: { name: 'Iran' } });
  return Math.round(performance.now() - started);
}

/**
 * Probes until `until` settles. Call `probe()` once before starting the heavy work: the first run of the probe's
 * query is parsed, validated and planned by Neo4j (591 ms once on a slow CI phase), with or without heavy work.
 */
async function probeWhile(until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    latencies.push(await probe());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return latencies;
}

describe('the documented neighbourhood maximum on a hub, with the default heap (finding 8)', () => {
  it('neighbourhood(depth: 3, limit: 5000) answers its 5,000 strongest links, and exports', async () => {
    const answer = await postGraphql(
      server.url,
      /* GraphQL */ `
        {
          neighbourhood(ids: ["hub"], depth: 3, limit: 5000) {
            entities {
              id
              name
              sources {
                title
              }
            }
            relationships {
              confidence
              sources {
                title
              }
            }
            truncated
          }
        }
      `,
      undefined,
      readerToken,
    );
    expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
    const neighbourhood = answer.body.data!.neighbourhood as {
      entities: unknown[];
      relationships: { confidence: number }[];
      truncated: boolean;
    };
    expect(neighbourhood.relationships).toHaveLength(5_000);
    expect(neighbourhood.truncated).toBe(true);
    // Strongest first: no link left out is stronger than one kept, so all 60 spoke links (90) are in.
    expect(neighbourhood.relationships.filter((link) => link.confidence === 90).length).toBeGreaterThanOrEqual(60);
    expect(Math.min(...neighbourhood.relationships.map((link) => link.confidence))).toBeGreaterThan(10);
    const file = await download('/export?ids=hub&depth=3&format=JSON');
    expect(file.status, file.text.slice(0, 300)).toBe(200);
    expect(JSON.parse(file.text).relationships.length).toBeGreaterThanOrEqual(5_000);
  }, 120_000);
});

describe('heavy work never holds up other requests (finding 1)', () => {
  it('answers a probe within 500 ms, every time, while the heaviest export it accepts runs', async () => {
    await probe();
    const exported = download('/export?ids=mid&depth=2&format=HTML');
    const latencies = await probeWhile(exported);
    const file = await exported;
    expect(file.status, file.text.slice(0, 300)).toBe(200);
    expect(file.text).toContain('<figure>');
    const health = (await (await fetch(`${server.url}/healthz`, { headers: auth(readerToken) })).json()) as {
      eventLoopLag: { worstMs: number };
    };
    const figures = { exportMs: file.ms, probes: latencies.length, probeMaxMs: Math.max(...latencies), eventLoopLag: health.eventLoopLag };
    console.log(`heaviest export (HTML, mid at depth 2, 1,981 entities): ${JSON.stringify(figures)}`);
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'heavy-export.json'), JSON.stringify(figures, null, 2) + '\n');
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies), `probe latencies ${latencies.join(', ')} ms`).toBeLessThan(500);
  }, 300_000);

  // A whole picture must be laid out first; a report of as many entities is summarised instead (issue 18).
  it('refuses a picture over the picture cap at once with QUERY_TOO_EXPENSIVE naming the limit', async () => {
    const file = await download('/export?ids=hub&depth=2&format=SVG');
    expect(file.status).toBe(413);
    expect(JSON.parse(file.text)).toMatchObject({ code: 'QUERY_TOO_EXPENSIVE' });
    expect(JSON.parse(file.text).error).toMatch(/draws a picture of at most 2,000 entities; this one has [\d,]+/);
    expect(file.ms).toBeLessThan(20_000);
  }, 60_000);
});

describe('costs that match the work (finding 5)', () => {
  const aliasedPaths = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: paths(from: "mid-s${i % 30}-l1", to: "hub", maxHops: 8, limit: 20) { hops }`).join(' ')} }`;

  it('refuses 30 aliased paths(maxHops: 8, limit: 20) before anything runs, naming MAX_QUERY_COST', async () => {
    const started = performance.now();
    const answer = await postGraphql(server.url, aliasedPaths(30), undefined, readerToken);
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0].extensions?.code).toBe('QUERY_TOO_EXPENSIVE');
    expect(answer.body.errors![0].message).toMatch(/MAX_QUERY_COST/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("runs one client's heavy operations a few at a time, refusing a flood, while another client is served", async () => {
    const heavy = /* GraphQL */ `
      {
        paths(from: "mid-s1-l1", to: "mid-s29-l64", maxHops: 8, limit: 20) {
          hops
        }
      }
    `;
    // The clusters were imported after the server started, so the first search after them pays for Neo4j planning
    // the search's statements against the new statistics (about a second, whoever asks). That is not what this
    // test measures: one search first, then the flood and the other client on a warm server.
    expect((await postGraphql(server.url, heavy, undefined, editorToken)).body.errors).toBeUndefined();
    const floodStarted = performance.now();
    const flood = Promise.all(Array.from({ length: 40 }, () => postGraphql(server.url, heavy, undefined, readerToken)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    const other = await postGraphql(server.url, heavy, undefined, editorToken);
    const otherMs = performance.now() - started;
    const answers = await flood;
    const floodMs = performance.now() - floodStarted;
    expect(other.body.errors).toBeUndefined();
    const refused = answers.filter((answer) => answer.body.errors?.[0]?.extensions?.code === 'QUERY_TOO_EXPENSIVE');
    console.log(
      `40 path searches from one client: ${refused.length} refused, all answered after ${Math.round(floodMs)} ms; another client's took ${Math.round(otherMs)} ms`,
    );
    expect(refused.length, 'beyond 2 running and 32 waiting').toBeGreaterThanOrEqual(1);
    expect(refused[0].body.errors![0].message).toMatch(/MAX_HEAVY_PER_CLIENT=2/);
    expect(answers.filter((answer) => !answer.body.errors).length).toBeGreaterThanOrEqual(30);
    expect(otherMs, 'the other client did not wait for the flood').toBeLessThan(floodMs / 2);
  }, 300_000);
});

/** POSTs `bytes` of JSON without a token, streaming it; resolves with the status, or 0 when the server hung up. */
function postLargeBody(bytes: number): Promise<number> {
  return new Promise((resolve) => {
    const url = new URL(`${server.url}/graphql`);
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': bytes },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', () => resolve(0));
    const head = '{"query":"{ __typename }","variables":{"padding":"';
    const tail = '"}}';
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    request.write(head);
    let left = bytes - head.length - tail.length;
    const pump = () => {
      while (left > 0) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (!request.write(part)) return void request.once('drain', pump);
      }
      request.end(tail);
    };
    pump();
  });
}

function serverRssMb(): number {
  const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('the token is checked before the body is read (finding 9)', () => {
  it('32 parallel unauthenticated 32 MiB posts leave the server at about the memory it had', async () => {
    const before = serverRssMb();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, serverRssMb())), 20);
    const statuses = await Promise.all(Array.from({ length: 32 }, () => postLargeBody(32 * 1024 * 1024)));
    clearInterval(sampler);
    const figures = { rssBeforeMb: Math.round(before), rssPeakMb: Math.round(peak), statuses: [...new Set(statuses)] };
    console.log(`32 unauthenticated 32 MiB posts: ${JSON.stringify(figures)}`);
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'large-bodies.json'), JSON.stringify(figures, null, 2) + '\n');
    expect(statuses.every((status) => status === 401 || status === 0)).toBe(true);
    expect(peak - before, `RSS ${before} -> ${peak} MB`).toBeLessThan(100);
  }, 120_000);

  it('a reader may post up to 1 MiB, an editor up to MAX_BODY_BYTES', async () => {
    const padding = 'a'.repeat(2 * 1024 * 1024);
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding } });
    const post = (token: string) =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(token) }, body });
    const reader = await post(readerToken);
    expect(reader.status).toBe(413);
    expect((await reader.json()).errors[0].message).toMatch(/1024 KiB allowed without an editor token/);
    expect((await post(editorToken)).status).toBe(200);
  });
});

describe('/healthz on a server whose reads need a token (finding 14)', () => {
  it('tells anyone whether it is up, and only a token holder which versions run and how the event loop does', async () => {
    const anonymous = await (await fetch(`${server.url}/healthz`)).json();
    expect(anonymous).toEqual({ status: 'ok', neo4j: 'up' });
    const reader = await (await fetch(`${server.url}/healthz`, { headers: auth(readerToken) })).json();
    expect(reader).toMatchObject({ status: 'ok', neo4j: 'up', mode: 'embedded', neo4jVersion: expect.stringMatching(/^5\./) });
    expect(reader.eventLoopLag).toMatchObject({ p50Ms: expect.any(Number), p99Ms: expect.any(Number), maxMs: expect.any(Number) });
  });
});

describe('SIGTERM while the heaviest export runs (finding 1)', () => {
  it('exits within 10 s', async () => {
    const exported = download('/export?ids=mid&depth=2&format=MARKDOWN').catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    const code = await Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
    const seconds = (performance.now() - signalled) / 1000;
    console.log(`SIGTERM during an export: exited after ${seconds.toFixed(1)} s with ${String(code)}`);
    expect(code).not.toBe('still running');
    await exported;
    await waitUntil(() => server.child.exitCode !== null || server.child.signalCode !== null, 1_000);
  }, 60_000);
});
