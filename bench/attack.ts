/**
 * The ATT&CK scenario: MITRE's ATT&CK for ICS releases (tests/fixtures/attack), imported as an analyst would into
 * a running explorer with the Neo4j of a default install (the app's own heap and page cache): with the CLI
 * (`npm run import`, a process of its own next to the running server, as on the analyst's machine) and through
 * the GraphQL mutation `importData`. Each is timed from the outside, wall clock: process start to exit for the
 * CLI (Node and tsx start-up included), request to response for `importData`. Each way imports 18.1 into an
 * empty graph, again (a no-op), then 17.1 over it (older objects kept newer, the links 18.1 dropped added).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadConfig, projectRoot } from '../server/config.js';
import type { Logger } from '../server/logger.js';
import { startBenchNeo4j, type BenchNeo4j } from './neo4j-instance.js';
import { say } from './progress.js';
import { startServer, type BenchServer } from './server.js';

/** What one import did, by element: as the CLI prints it and `importData` returns it. */
interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  keptNewer: number;
}

export interface AttackImportRow {
  via: 'cli' | 'importData';
  release: string;
  /** What the graph held before: nothing, the same release, or another release. */
  into: string;
  seconds: number;
  entities: Counts | null;
  relationships: Counts | null;
  error?: string;
}

export interface AttackReport {
  /** STIX objects in each release's bundle. */
  objects: Record<string, number>;
  neo4j: { heap: string; page_cache: string };
  rows: AttackImportRow[];
}

const releases = ['18.1', '17.1'] as const;
type Release = (typeof releases)[number];

const importMutation = /* GraphQL */ `
  mutation BenchImport($content: String!) {
    importData(format: STIX, content: $content) {
      entities {
        created
        updated
        unchanged
        keptNewer
      }
      relationships {
        created
        updated
        unchanged
        keptNewer
      }
    }
  }
`;

const round = (value: number) => Math.round(value * 100) / 100;

/** The `into` of the first import, on a Neo4j that has just started. */
export const coldStart = 'an empty graph, Neo4j just started';

/** The CLI's summary table ("entities  created updated unchanged kept newer") read back into counts. */
function cliCounts(stdout: string, label: string): Counts | null {
  const match = new RegExp(`^${label}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$`, 'm').exec(stdout);
  if (!match) return null;
  const [created, updated, unchanged, keptNewer] = match.slice(1).map(Number);
  return { created, updated, unchanged, keptNewer };
}

/** `npm run import -- <file>` as its script runs it, against the running app's Neo4j; wall-clock seconds. */
function importWithCli(file: string, neo4j: BenchNeo4j, dataDir: string): Promise<{ seconds: number; stdout: string; error?: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'import.ts'), file], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        NEO4J_URI: neo4j.running.uri,
        NEO4J_USER: neo4j.running.user,
        NEO4J_PASSWORD: neo4j.running.password,
        NEO4J_DATABASE: '',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      const seconds = round((performance.now() - started) / 1000);
      resolve(code === 0 ? { seconds, stdout } : { seconds, stdout, error: `exit ${code}: ${stderr.slice(-500)}` });
    });
  });
}

/** The `importData` mutation over HTTP, as the client sends it; wall-clock seconds from request to parsed response. */
async function importWithGraphql(server: BenchServer, token: string, content: string): Promise<{ seconds: number; result: unknown }> {
  const started = performance.now();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: importMutation, variables: { content } }),
  });
  const result = (await response.json()) as unknown;
  return { seconds: round((performance.now() - started) / 1000), result };
}

export async function benchmarkAttackImport(logger: Logger): Promise<AttackReport> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-bench-attack-'));
  const files = {} as Record<Release, string>;
  const contents = {} as Record<Release, string>;
  const objects: Record<string, number> = {};
  for (const release of releases) {
    const text = zlib
      .gunzipSync(fs.readFileSync(path.join(projectRoot, 'tests', 'fixtures', 'attack', `ics-attack-${release}.json.gz`)))
      .toString('utf8');
    files[release] = path.join(work, `ics-attack-${release}.json`);
    fs.writeFileSync(files[release], text);
    contents[release] = text;
    objects[release] = (JSON.parse(text) as { objects: unknown[] }).objects.length;
  }
  // The Neo4j of a default install: what an analyst trying the explorer has.
  const defaults = loadConfig({ DATA_DIR: work });
  if (defaults.neo4j.mode !== 'embedded') throw new Error('unreachable: the defaults are embedded');
  const sizing = { heap: defaults.neo4j.embedded.heap, pageCache: defaults.neo4j.embedded.pageCache };
  const token = randomBytes(24).toString('hex');
  const rows: AttackImportRow[] = [];
  let neo4j: BenchNeo4j | null = null;
  let server: BenchServer | null = null;
  try {
    say(`ATT&CK: starting Neo4j (heap ${sizing.heap}, page cache ${sizing.pageCache}) and the server`);
    neo4j = await startBenchNeo4j('attack', { ...sizing, txTimeoutSeconds: defaults.neo4j.embedded.txTimeoutSeconds }, logger);
    server = await startServer(
      { uri: neo4j.running.uri, password: neo4j.running.password },
      defaults.neo4j.embedded.txTimeoutSeconds,
      undefined,
      { EDITOR_TOKENS: `bench:${token}` },
    );
    const empty = async () => {
      // Bench-only: the benchmark empties its own throw-away database between runs (not an app statement).
      await neo4j!.graph.runText('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS', 'WRITE');
    };
    const cli = async (release: Release, into: string) => {
      say(`ATT&CK: CLI import of ICS ${release} into ${into}`);
      const run = await importWithCli(files[release], neo4j!, work);
      rows.push({
        via: 'cli',
        release,
        into,
        seconds: run.seconds,
        entities: cliCounts(run.stdout, 'entities'),
        relationships: cliCounts(run.stdout, 'relationships'),
        ...(run.error ? { error: run.error } : {}),
      });
    };
    const graphql = async (release: Release, into: string) => {
      say(`ATT&CK: importData of ICS ${release} into ${into}`);
      const run = await importWithGraphql(server!, token, contents[release]);
      const result = run.result as { data?: { importData: { entities: Counts; relationships: Counts } }; errors?: { message: string }[] };
      rows.push({
        via: 'importData',
        release,
        into,
        seconds: run.seconds,
        entities: result.data?.importData.entities ?? null,
        relationships: result.data?.importData.relationships ?? null,
        ...(result.errors
          ? {
              error: result.errors
                .map((error) => error.message)
                .join('; ')
                .slice(0, 500),
            }
          : {}),
      });
    };
    // The first import after Neo4j starts also pays for its cold JIT and query planning: reported apart, so the
    // two ways are compared on the same warm database (an app that has been running).
    await graphql('18.1', coldStart);
    for (const run of [cli, graphql]) {
      await empty();
      await run('18.1', 'an empty graph');
      await run('18.1', 'the same release');
      await run('17.1', 'release 18.1');
    }
  } finally {
    await server?.stop();
    await neo4j?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { objects, neo4j: { heap: sizing.heap, page_cache: sizing.pageCache }, rows };
}
