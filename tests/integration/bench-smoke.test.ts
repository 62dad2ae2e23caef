import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.js';

// The benchmark harness at small scale with tight budgets: a smoke test of the harness itself. It starts
// its own Neo4j instances and server, so it does not touch the shared test database. No timing is asserted:
// only that every phase ran and reported numbers of the documented shape.
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-bench-smoke-'));
afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

function runBench(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', 'run.ts'), ...args], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`bench did not finish within ${timeoutMs / 1000} s:\n${stderr.slice(-3000)}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const positive = (value: unknown) => typeof value === 'number' && value > 0;

describe('npm run bench (small scale, smoke)', () => {
  it(
    'prints one JSON document with every section filled, and writes it to the results folder',
    async () => {
      const args = [
        '--scale',
        'small',
        '--results-dir',
        resultsDir,
        '--requests',
        '4',
        '--seconds',
        '1',
        '--tx-timeout',
        '5',
        '--concurrency',
        '1,4',
        '--import-budget',
        '15',
        '--client-sizes',
        '500',
        '--pan-seconds',
        '1',
        '--default-layout-timeout',
        '20',
      ];
      const { code, stdout, stderr } = await runBench(args, 14 * 60_000);
      expect(code, stderr.slice(-3000)).toBe(0);
      const report = JSON.parse(stdout);

      expect(report.scale).toBe('small');
      expect(report.machine.cpus).toBeGreaterThan(0);
      expect(report.machine.memory_gb).toBeGreaterThan(0);
      expect(report.machine.node).toMatch(/^v\d+/);
      expect(report.machine.java).toMatch(/version/);
      expect(report.machine.neo4j).toMatch(/^5\./);

      expect(report.graph).toMatchObject({ entities: 10_000, relationships: 50_000 });
      expect(report.graph.stored).toEqual({ entities: 10_000, relationships: 50_000, sources: report.graph.sources });
      expect(report.graph.maxDegree).toBeGreaterThan(10 * report.graph.medianDegree);

      expect(positive(report.import.raw_rels_per_s)).toBe(true);
      expect(report.import.rels_per_s).toBeGreaterThanOrEqual(0);
      expect(report.import.pipeline).toMatchObject({ mode: 'single-transaction', budget_s: 15 });
      expect(typeof report.import.pipeline.completed).toBe('boolean');

      const names = [
        'search',
        'neighbourhood depth 1',
        'neighbourhood depth 2',
        'paths maxHops 4',
        'paths maxHops 6',
        'export 1k entities (JSON)',
      ];
      expect(report.queries.map((row: { name: string; concurrency: number }) => `${row.name}@${row.concurrency}`)).toEqual(
        names.flatMap((name) => [`${name}@1`, `${name}@4`]),
      );
      for (const row of report.queries) {
        // A row either has numbers or says why not (e.g. every request ran past the short timeout).
        if (row.p50_ms === null) {
          expect(typeof row.error, `${row.name}`).toBe('string');
          continue;
        }
        expect(row.p50_ms).toBeLessThanOrEqual(row.p95_ms);
        expect(row.p95_ms).toBeLessThanOrEqual(row.p99_ms);
        expect(positive(row.rps)).toBe(true);
      }
      for (const name of ['search', 'neighbourhood depth 1']) {
        const row = report.queries.find((q: { name: string; concurrency: number }) => q.name === name && q.concurrency === 1);
        expect(row.requests, name).toBeGreaterThan(0);
        expect(positive(row.p50_ms) && positive(row.raw_p50_ms) && positive(row.ratio_p50), name).toBe(true);
      }

      expect(report.client).toHaveLength(1);
      const [canvas] = report.client;
      expect(canvas.error).toBeUndefined();
      expect(canvas.elements).toBe(500);
      expect(canvas.nodes + canvas.edges).toBe(500);
      for (const key of ['draw_ms', 'frame_ms', 'default_frame_ms', 'ratio']) expect(positive(canvas[key]), key).toBe(true);
      expect(canvas.pans[0], 'the explorer canvas really panned').toBeGreaterThan(0);

      expect(positive(report.memory.node_peak_mb)).toBe(true);
      expect(positive(report.memory.jvm_peak_mb)).toBe(true);
      expect(Array.isArray(report.targets)).toBe(true);

      const written = fs.readdirSync(resultsDir).filter((file) => file.endsWith('-small.json'));
      expect(written).toHaveLength(1);
      expect(JSON.parse(fs.readFileSync(path.join(resultsDir, written[0]), 'utf8'))).toEqual(report);
    },
    15 * 60_000,
  );
});
