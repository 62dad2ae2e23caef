import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

/** Runs the server to its exit (for start-up failures): the exit code, stderr, and stderr's last line. */
async function runToExit(extraEnv: Record<string, string>): Promise<{ code: number | null; stderr: string; lastLine: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NEO4J_URI: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr, lastLine: stderr.trim().split('\n').at(-1) ?? '' };
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

  it('cannot be locked out of its own Neo4j by wrong-password logins to the Bolt port (finding 4)', async () => {
    // Any local user can reach the loopback port: a burst of wrong passwords used to lock `neo4j` for 5 s.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const intruder = neo4j.driver(`bolt://127.0.0.1:${first.boltPort}`, neo4j.auth.basic('neo4j', `guess-${attempt}`));
      const refused = await intruder.verifyConnectivity().catch((error) => error);
      await intruder.close();
      expect(String(refused?.code)).toBe('Neo.ClientError.Security.Unauthorized');
    }
    const password = fs.readFileSync(path.join(dataDir, 'neo4j-password'), 'utf8').trim();
    const app = neo4j.driver(`bolt://127.0.0.1:${first.boltPort}`, neo4j.auth.basic('neo4j', password));
    const login = await app.verifyConnectivity().then(
      () => 'ok',
      (error) => String(error.message),
    );
    await app.close();
    expect(login).toBe('ok');
    expect(await entityCount(first.url)).toBe(countBefore);
  });

  it('prints an editor link once, when the token is created, with a single-use code and never the token (finding 11)', async () => {
    const token = fs.readFileSync(path.join(dataDir, 'editor-token'), 'utf8').trim();
    expect(first.stderr()).not.toContain(token);
    const printed = /Editor link \(single use, valid 15 minutes\): (http:\/\/127\.0\.0\.1:\d+)\/\?login=(\S+)/.exec(first.stderr());
    expect(printed, first.stderr()).not.toBeNull();
    expect(printed![1]).toBe(first.url);
    const redeem = (code: string) =>
      fetch(`${first.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const traded = await redeem(printed![2]);
    expect(traded.status).toBe(200);
    expect(traded.headers.get('cache-control')).toBe('no-store');
    expect(await traded.json()).toEqual({ token, role: 'EDITOR' });
    expect((await redeem(printed![2])).status, 'a code works once').toBe(400);
    // npm run editor-link mints a fresh one for the running server.
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/editor-link.ts'], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: dataDir, NEO4J_URI: '' },
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).not.toContain(token);
    const fresh = new URL(cli.stdout.trim());
    expect(fresh.origin).toBe(first.url);
    expect(await (await redeem(fresh.searchParams.get('login')!)).json()).toEqual({ token, role: 'EDITOR' });
    const index = await fetch(`${first.url}/?login=${fresh.searchParams.get('login')}`);
    expect(index.headers.get('cache-control')).toBe('no-store');
    expect(index.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuses a second explorer on the same DATA_DIR, naming the folder and the process that has it (finding 13)', async () => {
    const second = await runToExit({ DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.lastLine).toContain(`DATA_DIR=${dataDir} is in use: process ${first.child.pid} runs its Neo4j`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(await entityCount(first.url), 'the first one is unharmed').toBe(countBefore);
  }, 120_000);

  it('exits within 10 s of SIGTERM and leaves no JVM behind', async () => {
    first.child.kill('SIGTERM');
    const code = await Promise.race([first.exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
    expect(code).toBe(0);
    await waitUntil(() => !isAlive(first.jvmPid), 2_000);
  }, 30_000);

  it('restarts on the same data without a second copy of the founding case; after SIGKILL its JVM exits within 10 s', async () => {
    const second = await startServer();
    expect(await entityCount(second.url)).toBe(countBefore);
    // The token exists already: no link is printed again, only how to get one (finding 11).
    expect(second.stderr()).not.toContain('?login=');
    expect(second.stderr()).toContain('npm run editor-link');
    second.child.kill('SIGKILL');
    await second.exited;
    const took = await waitUntil(() => !isAlive(second.jvmPid), 10_000);
    expect(took).toBeLessThan(10_000);
  }, 240_000);

  it.each([
    [
      'holds binary data',
      (file: string) => fs.writeFileSync(file, Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x81, 0x10, 0x0a]), { mode: 0o600 }),
      /holds binary data/,
    ],
    ['is a folder', (file: string) => fs.mkdirSync(file), /it is a folder/],
    ['is empty', (file: string) => fs.writeFileSync(file, '', { mode: 0o600 }), /it is empty/],
  ])(
    'stops with one line naming the password file when it %s, never a stack trace (finding 13)',
    async (_what, spoil, reason) => {
      const spoiled = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-spoiled-'));
      try {
        const file = path.join(spoiled, 'neo4j-password');
        spoil(file);
        const result = await runToExit({ DATA_DIR: spoiled });
        expect(result.code).toBe(1);
        expect(result.lastLine).toContain(file);
        expect(result.lastLine).toMatch(reason);
        expect(result.lastLine).toMatch(/Delete it and a new embedded Neo4j password is generated/);
        expect(result.stderr).not.toMatch(/EISDIR|Exception|\n\s+at /);
      } finally {
        fs.rmSync(spoiled, { recursive: true, force: true });
      }
    },
    120_000,
  );

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
