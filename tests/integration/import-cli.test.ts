import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/config.js';
import { connectTestGraph, uniquePrefix } from '../support/graph.js';

const graph = connectTestGraph();
const prefix = uniquePrefix('cli');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-cli-'));
afterAll(async () => {
  await graph.write('admin/delete-by-id-prefix', { prefix });
  await graph.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

function runImport(...args: string[]) {
  const target = inject('neo4j');
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user, NEO4J_PASSWORD: target.password, DATA_DIR: folder },
    timeout: 120_000,
  });
}

function bigDocument(count: number): string {
  const cite = [{ source: `${prefix}src`, excerpt: 'generated' }];
  const entities = Array.from({ length: count }, (_, index) => ({
    id: `${prefix}e${index}`,
    kind: 'ORGANIZATION',
    name: `Org ${index}`,
    sources: cite,
  }));
  const relationships = Array.from({ length: count - 1 }, (_, index) => ({
    id: `${prefix}r${index}`,
    type: 'RELATED_TO',
    from: `${prefix}e${index}`,
    to: `${prefix}e${index + 1}`,
    stance: 'ASSERTED',
    confidence: 80,
    sources: cite,
  }));
  return JSON.stringify({
    format: 'attribution-explorer',
    version: 1,
    sources: [{ id: `${prefix}src`, title: 'Generated' }],
    entities,
    relationships,
  });
}

describe('npm run import', () => {
  it('dry-runs, imports with a progress bar and a summary, and changes nothing the second time', async () => {
    const file = path.join(folder, 'big.json');
    fs.writeFileSync(file, bigDocument(2_500));
    const dry = runImport(file, '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Dry run: nothing was written/);
    expect(dry.stdout).toMatch(/entities\s+2500\s+0\s+0/);
    const [before] = await graph.read('graph/find-entities', { ids: [`${prefix}e0`] });
    expect(before.entities).toEqual([]);

    const real = runImport(file);
    expect(real.status, real.stderr).toBe(0);
    expect(real.stderr).toMatch(/writing .*100%/);
    expect(real.stdout).toMatch(/entities\s+2500\s+0\s+0/);
    expect(real.stdout).toMatch(/relationships\s+2499\s+0\s+0/);

    const again = runImport(file, '--format', 'json');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/entities\s+0\s+0\s+2500/);
  }, 240_000);

  it('lists every problem of a bad file, writes nothing and exits 1', async () => {
    const file = path.join(folder, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ format: 'attribution-explorer', version: 1, entities: [{ id: `${prefix}bad`, kind: 'NOPE', name: '' }] }),
    );
    const result = runImport(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`entities[0] (${prefix}bad).kind`);
    expect(result.stderr).toContain(`entities[0] (${prefix}bad).name`);
    const [found] = await graph.read('graph/find-entities', { ids: [`${prefix}bad`] });
    expect(found.entities).toEqual([]);
  });

  it('explains a missing file and a bad --format with exit code 2', () => {
    expect(runImport(path.join(folder, 'nope.json')).status).toBe(2);
    const badFormat = runImport(path.join(folder, 'bad.json'), '--format', 'xml');
    expect(badFormat.status).not.toBe(0);
    expect(badFormat.stderr).toContain('--format');
  });
});
