import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../../server/config.js';

/** The real server process (`node --import tsx server/index.ts`, as `npm start` runs it) on a data folder of its own. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  jvmPid: number;
  boltPort: number;
  exited: Promise<number | null>;
  stderr(): string;
}

export function startServerProcess(dataDir: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', NEO4J_URI: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^Attribution Explorer ready at (http:\/\/127\.0\.0\.1:\d+)\/$/.exec(line);
      if (!match) return;
      const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'embedded-neo4j.json'), 'utf8'));
      resolve({ child, url: match[1], jvmPid: state.pid, boltPort: state.port, exited, stderr: () => stderr });
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before it was ready: ${stderr}`)));
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 100 ms; resolves with the time it took, rejects after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - start;
}

/** POSTs a GraphQL query to a running server. */
export async function postGraphql(url: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}
