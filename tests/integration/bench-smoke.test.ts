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
        '--duplicate-scan-seconds',
        '5',
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
        'duplicates of one entity',
      ];
      expect(report.queries.map((row: { name: string; concurrency: number }) => `${row.name}@${row.concurrency}`)).toEqual(
        names.flatMap((name) => [`${name}@1`, `${name}@4`]),
      );
      for (const row of report.queries) {
        // The server's resident memory once each workload is done, and its peak during it (at least what it kept).
        expect(positive(row.server_rss_mb), `${row.name} server_rss_mb`).toBe(true);
        expect(row.server_peak_mb, `${row.name} server_peak_mb`).toBeGreaterThanOrEqual(row.server_rss_mb);
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
        expect(row.requests, `${name}: ${row.error ?? row.first_error ?? 'no error reported'}`).toBeGreaterThan(0);
        expect(positive(row.p50_ms) && positive(row.raw_p50_ms) && positive(row.ratio_p50), name).toBe(true);
      }

      // The peers beside the explorer's paths workloads, on the same pairs, at each concurrency (README "Peers").
      const peerNames = ['explorer paths', 'cypher SHORTEST 5', 'gds yens k=5'];
      const peers = report.peers as ({ name: string; workload: string; concurrency: number } & Record<string, unknown>)[];
      expect(peers.map((row) => `${row.name}|${row.workload}@${row.concurrency}`)).toEqual(
        ['paths maxHops 4', 'paths maxHops 6'].flatMap((workload) =>
          [1, 4].flatMap((concurrency) => peerNames.map((name) => `${name}|${workload}@${concurrency}`)),
        ),
      );
      const share = (value: unknown) => value === null || (typeof value === 'number' && value >= 0 && value <= 1);
      for (const row of peers) {
        const label = `${row.name} ${row.workload}@${row.concurrency}`;
        expect(Object.keys(row), label).toEqual(expect.arrayContaining(['p50_ms', 'p95_ms', 'answer_quality']));
        if (row.name === 'explorer paths') {
          expect(row.answer_quality, label).toBe(1);
          expect(row.p50_ms, label).toBe(
            report.queries.find((q: { name: string; concurrency: number }) => q.name === row.workload && q.concurrency === row.concurrency)
              .p50_ms,
          );
        } else if (row.name === 'cypher SHORTEST 5') {
          expect(share(row.answer_quality), label).toBe(true);
          expect(positive(row.p50_ms), label).toBe(true);
        } else if (row.error === undefined) {
          // GDS loaded: latency, the projection's cost apart, and the scorer's self-check on the explorer's own #1.
          expect(positive(row.p50_ms) && positive(row.projection_ms) && positive(row.p50_with_projection_ms), label).toBe(true);
          expect(row.answer_quality === null || positive(row.answer_quality), label).toBe(true);
          expect(String(row.scorer_check), label).toMatch(/^(\d+)\/\1 explorer #1 paths rescored to their own score$/);
        } else {
          // GDS did not load: the row and the notes say why.
          expect(typeof row.error, label).toBe('string');
          expect(report.notes.join(' '), label).toMatch(/GDS Yen peer not measured/);
        }
      }
      expect(stderr).toMatch(/peers \(answer quality/);

      // The whole-graph duplicate scan ran for its budget, page by page, and said how far it got.
      expect(report.duplicate_scan).toMatchObject({ budget_s: 5, entities_total: 10_000, min_score: 0.6 });
      expect(report.duplicate_scan.entities_checked).toBeGreaterThan(0);
      expect(report.duplicate_scan.entities_checked % 200 === 0 || report.duplicate_scan.complete).toBe(true);
      expect(positive(report.duplicate_scan.entities_per_s)).toBe(true);

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
      expect(positive(report.memory.server_peak_mb)).toBe(true);
      // The peak over the whole run covers the phases', whose peaks were reset in between.
      expect(report.memory.server_start_peak_mb).toBeLessThanOrEqual(report.memory.server_peak_mb);
      expect(Math.max(...report.queries.map((row: { server_peak_mb: number }) => row.server_peak_mb))).toBeLessThanOrEqual(
        report.memory.server_peak_mb,
      );
      expect(positive(report.memory.jvm_peak_with_peers_mb)).toBe(true);
      // The JVM's heap as JMX reports it: used within what is committed, the maximum the configured size.
      const heap = report.memory.jvm_heap;
      expect(heap.configured).toBe(report.settings.neo4j.heap);
      expect(positive(heap.used_mb) && heap.used_mb <= heap.committed_mb && heap.committed_mb <= heap.max_mb).toBe(true);
      expect(positive(heap.old_gen_peak_used_mb) && heap.old_gen_peak_used_mb <= heap.max_mb).toBe(true);
      expect(report.targets.map((check: { target: string }) => check.target)).toContain('server peak RSS MB < 500');
      expect(Array.isArray(report.targets)).toBe(true);
      // Every target is printed with its verdict.
      for (const check of report.targets as { target: string }[]) expect(stderr).toContain(check.target);
      expect(stderr).toMatch(/\b(met|NOT MET|not measured) +search p95 ms <= 20/);

      const written = fs.readdirSync(resultsDir).filter((file) => file.endsWith('-small.json'));
      expect(written).toHaveLength(1);
      expect(JSON.parse(fs.readFileSync(path.join(resultsDir, written[0]), 'utf8'))).toEqual(report);
    },
    15 * 60_000,
  );
});
