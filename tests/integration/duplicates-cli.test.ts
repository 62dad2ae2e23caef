import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/config.js';
import { importDocument, parseImport } from '../../server/domain/import/run-import.js';
import { connectTestGraph, uniquePrefix } from '../support/graph.js';

// `npm run duplicates`: the whole-graph scan as a bounded job, on the shared test database (the founding case and
// whatever other tests left), with a pair of this test's own that must be found.
const graph = connectTestGraph();
const prefix = uniquePrefix('dup-cli');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-dup-cli-'));
const ids = { a: `${prefix}kestrel-a`, b: `${prefix}kestrel-b` };

beforeAll(async () => {
  const parsed = parseImport(
    'JSON',
    JSON.stringify({
      format: 'attribution-explorer',
      version: 1,
      sources: [
        { id: `${prefix}src-1`, title: 'First test report' },
        { id: `${prefix}src-2`, title: 'Second test report' },
      ],
      entities: [
        { id: ids.a, kind: 'GROUP', name: 'Kestrel Syndicate', sources: [{ source: `${prefix}src-1`, excerpt: 'the Kestrel Syndicate' }] },
        {
          id: ids.b,
          kind: 'GROUP',
          name: 'The KESTREL syndicate',
          sources: [{ source: `${prefix}src-2`, excerpt: 'The KESTREL syndicate' }],
        },
      ],
      relationships: [],
    }),
  );
  expect(parsed.problems).toEqual([]);
  await importDocument(graph, parsed.document!);
});
afterAll(async () => {
  await graph.write('admin/delete-by-id-prefix', { prefix });
  await graph.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

function runScan(...args: string[]) {
  const target = inject('neo4j');
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/duplicates.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user, NEO4J_PASSWORD: target.password, DATA_DIR: folder },
    timeout: 240_000,
  });
}

describe('npm run duplicates', () => {
  it('scans the whole graph with progress and writes the candidate pairs, best first, as CSV', () => {
    const out = path.join(folder, 'pairs.csv');
    const run = runScan('--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\d+ entities checked, \d+ pairs, \d+ entities\/s/);
    expect(run.stderr).toMatch(/Scanned the whole graph: \d+ entities checked, \d+ candidate pairs\./);
    const lines = fs
      .readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('a,b,score,reasons');
    const ours = lines.find((line) => line.includes(ids.a) && line.includes(ids.b));
    expect(ours, 'the Kestrel pair is proposed').toBeDefined();
    expect(ours).toMatch(/similar names/);
    const scores = lines.slice(1).map((line) => Number(line.split(',')[2]));
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  }, 300_000);

  it('stops at its budget and says so, keeping what it found', () => {
    const run = runScan('--max-entities', '5', '--out', '-');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Stopped at the budget: 5 entities checked/);
    expect(run.stdout.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('a,b,score,reasons');
  }, 300_000);

  it('refuses a budget that is not a number, saying which option', () => {
    const run = runScan('--seconds', 'soon');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--seconds.*must be a number above 0/);
  });
});
