import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.js';
import { isAlive, postGraphql, startServerProcess, waitUntil, type ServerProcess } from '../support/server-process.js';

// Faults on the real server process and its own embedded Neo4j: the JVM dies under load, an import is killed.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-faults-'));
let server: ServerProcess | null = null;
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const statsQuery = /* GraphQL */ `
  {
    stats {
      entities
      relationships
    }
  }
`;

describe('when the embedded Neo4j dies under load', () => {
  it('turns /healthz to 503 within 2 s, fails requests fast with GRAPH_UNAVAILABLE, and comes back by itself', async () => {
    server = await startServerProcess(dataDir);
    const url = server.url;
    const before = await postGraphql(url, statsQuery);
    expect(before.body.errors).toBeUndefined();

    // Keep a steady read load running across the failure.
    let stop = false;
    const outcomes: { code: string; ms: number }[] = [];
    const load = (async () => {
      while (!stop) {
        const started = Date.now();
        const result = await postGraphql(url, statsQuery).catch(() => ({
          status: 0,
          body: { errors: [{ message: 'network', extensions: { code: 'NETWORK' } }] },
        }));
        outcomes.push({ code: result.body.errors?.[0]?.extensions?.code ?? 'OK', ms: Date.now() - started });
      }
    })();

    process.kill(server.jvmPid, 'SIGKILL');
    const killedAt = Date.now();
    const turned = await waitUntil(async () => (await fetch(`${url}/healthz`)).status === 503, 2_000);
    expect(turned).toBeLessThan(2_000);

    await waitUntil(() => outcomes.filter((outcome) => outcome.code === 'GRAPH_UNAVAILABLE').length >= 3, 15_000);

    await waitUntil(async () => (await fetch(`${url}/healthz`)).status === 200, 180_000);
    const after = await postGraphql(url, statsQuery);
    expect(after.body.data).toEqual(before.body.data);
    stop = true;
    await load;
    expect(server.child.exitCode, 'the server never crashed').toBeNull();
    const codes = [...new Set(outcomes.map((outcome) => outcome.code))];
    expect(
      codes.every((code) => ['OK', 'GRAPH_UNAVAILABLE'].includes(code)),
      `only OK or GRAPH_UNAVAILABLE: ${codes}`,
    ).toBe(true);
    // The first failure may wait out the driver's retries; once the outage is known, requests fail fast.
    const failures = outcomes.filter((outcome) => outcome.code === 'GRAPH_UNAVAILABLE');
    expect(Math.max(...failures.slice(1).map((outcome) => outcome.ms)), 'requests fail fast while the database is away').toBeLessThan(
      2_500,
    );
    await waitUntil(() => /the embedded Neo4j is back/.test(server!.stderr()), 30_000);
    expect(server.stderr()).toMatch(/the embedded Neo4j exited unexpectedly/);
    expect(Date.now() - killedAt).toBeGreaterThan(0);
  }, 300_000);
});

describe('an import killed with SIGKILL mid-way', () => {
  it('leaves no partial data, also after a restart', async () => {
    const count = 20_000;
    const cite = [{ source: 'src-killed', excerpt: 'generated' }];
    const file = path.join(dataDir, 'big.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'attribution-explorer',
        version: 1,
        sources: [{ id: 'src-killed', title: 'Killed import' }],
        entities: Array.from({ length: count }, (_, index) => ({
          id: `killed-${index}`,
          kind: 'ORGANIZATION',
          name: `Killed ${index}`,
          sources: cite,
        })),
        relationships: Array.from({ length: count - 1 }, (_, index) => ({
          id: `killed-r${index}`,
          type: 'RELATED_TO',
          from: `killed-${index}`,
          to: `killed-${index + 1}`,
          stance: 'ASSERTED',
          confidence: 70,
          sources: cite,
        })),
      }),
    );
    // The CLI finds the server's running embedded Neo4j through DATA_DIR.
    const cli = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: dataDir, NEO4J_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    cli.stderr.on('data', (chunk) => (stderr += chunk));
    const cliExited = new Promise((resolve) => cli.once('exit', resolve));
    await waitUntil(() => /writing .*\d+%/.test(stderr), 120_000);
    cli.kill('SIGKILL');
    await cliExited;

    const search = /* GraphQL */ `
      {
        a: entity(id: "killed-0") {
          id
        }
        b: entity(id: "killed-19999") {
          id
        }
      }
    `;
    await waitUntil(async () => (await postGraphql(server!.url, search)).body.errors?.length === 2, 30_000);
    const now = await postGraphql(server!.url, search);
    expect(now.body.errors!.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);

    server!.child.kill('SIGTERM');
    await server!.exited;
    await waitUntil(() => !isAlive(server!.jvmPid), 10_000);
    server = await startServerProcess(dataDir);
    const afterRestart = await postGraphql(server.url, search);
    expect(afterRestart.body.errors!.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    const stats = await postGraphql(
      server.url,
      /* GraphQL */ `
        {
          stats {
            byKind {
              kind
              count
            }
          }
        }
      `,
    );
    const organizations = (stats.body.data!.stats as { byKind: { kind: string; count: number }[] }).byKind.find(
      (row) => row.kind === 'ORGANIZATION',
    )!.count;
    expect(organizations).toBeLessThan(100);
  }, 400_000);
});
