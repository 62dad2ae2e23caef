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

      // ATT&CK for ICS through the CLI and importData: what each import did is exact; how long it took is not checked.
      const attack = report.attack as {
        objects: Record<string, number>;
        rows: { via: string; release: string; into: string; seconds: number; entities: unknown; relationships: unknown; error?: string }[];
      };
      expect(attack.objects).toEqual({ '18.1': 1826, '17.1': 1651 });
      expect(attack.rows.map((row) => `${row.via} ${row.release} into ${row.into}`)).toEqual([
        'importData 18.1 into an empty graph, Neo4j just started',
        'cli 18.1 into an empty graph',
        'cli 18.1 into the same release',
        'cli 17.1 into release 18.1',
        'importData 18.1 into an empty graph',
        'importData 18.1 into the same release',
        'importData 17.1 into release 18.1',
      ]);
      for (const row of attack.rows) {
        expect(row.error, `${row.via} ${row.release} into ${row.into}`).toBeUndefined();
        expect(positive(row.seconds)).toBe(true);
      }
      const counts = (created: number, unchanged: number, keptNewer = 0) => ({ created, updated: 0, unchanged, keptNewer });
      for (const via of ['cli', 'importData']) {
        const row = (release: string, into: string) => attack.rows.find((r) => r.via === via && r.release === release && r.into === into)!;
        expect(row('18.1', 'an empty graph')).toMatchObject({ entities: counts(452, 0), relationships: counts(1373, 0) });
        expect(row('18.1', 'the same release')).toMatchObject({ entities: counts(0, 452), relationships: counts(0, 1373) });
        // 17.1 over 18.1: every object 18.1 changed is kept newer; the links ATT&CK dropped since 17.1 are added.
        expect(row('17.1', 'release 18.1')).toMatchObject({ entities: counts(0, 136, 147), relationships: counts(238, 1129) });
      }
      expect(report.targets.map((check: { target: string }) => check.target)).toEqual(
        expect.arrayContaining([
          'ATT&CK ICS 18.1 into an empty graph through the CLI, s <= 10',
          'ATT&CK ICS 18.1 into an empty graph through importData, s <= 10',
        ]),
      );

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
