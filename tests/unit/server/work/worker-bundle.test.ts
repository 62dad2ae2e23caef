import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../../server/config.js';
import { withoutTsx, workerStart } from '../../../../server/work/worker-bundle.js';

describe('workerStart', () => {
  it('bundles a TypeScript worker into one plain module inside the project, started without tsx', () => {
    const start = workerStart(new URL('../../../../server/work/graph-worker.ts', import.meta.url));
    expect(start.bundled).toBe(true);
    const file = fileURLToPath(start.file);
    expect(file.startsWith(`${projectRoot}/node_modules/.cache/`)).toBe(true);
    expect(start.execArgv.join(' ')).not.toMatch(/tsx/);
    const code = fs.readFileSync(file, 'utf8');
    // Each module keeps its own URL: config.ts still finds the project root from server/config.ts.
    expect(code).not.toContain('import.meta.url');
    expect(code).toContain(JSON.stringify(new URL('../../../../server/config.ts', import.meta.url).href));
  });

  it('answers the same start for the same entry, once built', () => {
    const entry = new URL('../../../support/test-worker.ts', import.meta.url);
    expect(workerStart(entry)).toBe(workerStart(entry));
  });

  it('falls back to the tsx bootstrap for an entry it cannot bundle', () => {
    const start = workerStart(new URL('../../../support/missing-worker.ts', import.meta.url));
    expect(start.bundled).toBe(false);
    expect(start.file.pathname.endsWith('/server/work/worker-bootstrap.mjs')).toBe(true);
  });
});

describe('withoutTsx', () => {
  it('drops the flags that load tsx, in both spellings, and keeps the others', () => {
    expect(withoutTsx(['--import', 'tsx', '--cpu-prof', '--import=tsx/esm', '--max-old-space-size=512', '--require', 'tsx/cjs'])).toEqual([
      '--cpu-prof',
      '--max-old-space-size=512',
    ]);
    expect(withoutTsx(['--import', './other.mjs'])).toEqual(['--import', './other.mjs']);
  });
});
