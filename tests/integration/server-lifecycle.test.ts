import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { isAlive, startServerProcess, waitUntil, type ServerProcess } from '../support/server-process.js';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.js';

// Runs the real server process (`node --import tsx server/index.ts`, as `npm start` does) on a data folder
// of its own, with its own embedded Neo4j, and checks start, stop, crash and restart behaviour.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-lifecycle-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startServer(extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const pending = startServerProcess(dataDir, extraEnv);
  void pending.then(
    (server) => started.push(server.child),
    () => undefined,
  );
  return pending;
}

async function entityCount(url: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stats { entities relationships } }' }),
  });
  const body = await response.json();
  return body.data.stats.entities * 1_000_000 + body.data.stats.relationships;
}

describe('the server process', () => {
  let first: ServerProcess;
  let countBefore = 0;

  it('starts, prints the ready line, answers /healthz and GraphQL, with the founding case loaded', async () => {
    first = await startServer();
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', neo4j: 'up' });
    const typename = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await typename.json()).toEqual({ data: { __typename: 'Query' } });
    countBefore = await entityCount(first.url);
    expect(Math.floor(countBefore / 1_000_000)).toBeGreaterThanOrEqual(30);
  }, 240_000);

  it('keeps the password file private and its Bolt port on loopback, refusing a wrong password', async () => {
    expect(fs.statSync(path.join(dataDir, 'neo4j-password')).mode & 0o777).toBe(0o600);
    const listening = execFileSync('ss', ['-ltnH', `sport = :${first.boltPort}`], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(listening.length).toBeGreaterThan(0);
    for (const line of listening) expect(line).toMatch(/127\.0\.0\.1:\d+|\[::ffff:127\.0\.0\.1\]:\d+/);
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (outside) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(first.boltPort, outside.address);
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      expect(refused, `Bolt refuses connections on ${outside.address}`).toBe(true);
    }
    const driver = neo4j.driver(`bolt://127.0.0.1:${first.boltPort}`, neo4j.auth.basic('neo4j', 'wrong-password'));
    const failure = await driver.verifyConnectivity().catch((error) => error);
    await driver.close();
    expect(String(failure?.code)).toBe('Neo.ClientError.Security.Unauthorized');
  });

  it('exits within 10 s of SIGTERM and leaves no JVM behind', async () => {
    first.child.kill('SIGTERM');
    const code = await Promise.race([first.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
    expect(code).toBe(0);
    await waitUntil(() => !isAlive(first.jvmPid), 2_000);
  }, 30_000);

  it('restarts on the same data without a second copy of the founding case; after SIGKILL its JVM exits within 10 s', async () => {
    const second = await startServer();
    expect(await entityCount(second.url)).toBe(countBefore);
    second.child.kill('SIGKILL');
    await second.exited;
    const took = await waitUntil(() => !isAlive(second.jvmPid), 10_000);
    expect(took).toBeLessThan(10_000);
  }, 240_000);

  it('fails within 10 s naming PORT and the port, before Neo4j starts, when PORT is taken (npm start and the server alike)', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const port = (holder.address() as net.AddressInfo).port;
    const busyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-busy-port-'));
    try {
      for (const entry of ['scripts/check-port.ts', 'server/index.ts']) {
        const startedAt = Date.now();
        const child = spawn(process.execPath, ['--import', 'tsx', entry], {
          cwd: projectRoot,
          env: { ...process.env, PORT: String(port), DATA_DIR: busyDir, NEO4J_URI: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        const code = await new Promise((resolve) => child.once('exit', resolve));
        expect(code, entry).toBe(1);
        expect(Date.now() - startedAt, entry).toBeLessThan(10_000);
        expect(stderr, entry).toContain(`PORT ${port} is not free`);
        // Nothing was started or written: no Neo4j store, no status file, no password.
        expect(fs.readdirSync(busyDir), entry).toEqual([]);
      }
    } finally {
      holder.close();
      fs.rmSync(busyDir, { recursive: true, force: true });
    }
  });

  it('exits with code 2 and one line naming PORT when PORT is not a number', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: 'abc', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT');
  });
});
