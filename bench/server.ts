/** Starts the real server (bench/server-process.ts -> server/index.ts) over the benchmark's Neo4j. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../server/config.js';
import { peakMemoryMb, resetPeakMemory, residentMemoryMb } from './machine.js';

export interface BenchServer {
  url: string;
  pid: number;
  /** Its peak resident memory since it started, in MB. */
  peakMb(): number | null;
  /**
   * Its peak resident memory since the last call (or its start), in MB: read at the end of each phase, it says
   * which phase made it grow, where the resident memory at the end says what it kept.
   */
  phasePeakMb(): number | null;
  /** Its resident memory now (VmRSS), in MB. */
  rssMb(): number | null;
  /** The server's last log lines (warnings and errors), for when requests fail. */
  logTail(): string[];
  /**
   * Waits (up to `seconds`) until the server holds the path search's links in memory or has said why not
   * (/healthz `pathProjection`), and returns what it says: paths measured before it is ready would measure Neo4j.
   */
  pathProjection(seconds: number): Promise<Record<string, unknown> | null>;
  stop(): Promise<void>;
}

/**
 * `cpuProfileDir`: write a V8 CPU profile of the server there when it stops (node --cpu-prof), to see where its
 * time goes. `env`: settings over the benchmark's own (e.g. EDITOR_TOKENS for a phase that writes).
 */
export async function startServer(
  neo4j: { uri: string; password: string },
  txTimeoutSeconds: number,
  cpuProfileDir?: string,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-bench-server-'));
  const profiling = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', path.join(projectRoot, 'bench', 'server-process.ts')], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Empty means unset to config.ts: nothing from the caller's shell changes what is measured.
      // As `npm start` runs it: graphql-js and Express skip their development-time checks.
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      LOAD_FOUNDING_CASE: 'false',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: '',
      NEO4J_TX_TIMEOUT_S: String(txTimeoutSeconds),
      EDITOR_TOKENS: '',
      READER_TOKENS: '',
      REQUIRE_TOKEN_FOR_READS: '',
      ...env,
    },
  });
  const stderrTail: string[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail.push(...chunk.split('\n').filter(Boolean));
    stderrTail.splice(0, Math.max(0, stderrTail.length - 30));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 120 s:\n${stderrTail.join('\n')}`)), 120_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /ready at (http:\/\/\S+?)\/?$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited during start-up (code ${code}):\n${stderrTail.join('\n')}`));
    });
  }).catch(async (error) => {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  let stopped: Promise<void> | null = null;
  // The highest peak read before a reset: VmHWM itself starts again at each phasePeakMb().
  let overallPeak = 0;
  return {
    url,
    pid: child.pid ?? -1,
    peakMb: () => Math.max(overallPeak, peakMemoryMb(child.pid ?? -1) ?? 0) || null,
    phasePeakMb() {
      const peak = peakMemoryMb(child.pid ?? -1);
      if (peak !== null) overallPeak = Math.max(overallPeak, peak);
      // Where the peak cannot be reset, each phase reports the peak so far.
      resetPeakMemory(child.pid ?? -1);
      return peak;
    },
    rssMb: () => residentMemoryMb(child.pid ?? -1),
    logTail: () => [...stderrTail],
    async pathProjection(seconds) {
      const until = Date.now() + seconds * 1000;
      for (;;) {
        const health = (await (await fetch(`${url}/healthz`)).json()) as { pathProjection?: Record<string, unknown> };
        const projection = health.pathProjection ?? null;
        if (!projection || projection.state !== 'building' || Date.now() > until) return projection;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    },
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(killer);
        }
        fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
