import fs from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.js';
import { inject } from 'vitest';
import { CypherCatalog, listCypherFiles } from '../../server/graph/cypher.js';
import { createDriver } from '../../server/graph/driver.js';
import { statements, type StatementName } from '../../server/graph/statements.js';
import { connectTestGraph } from '../support/graph.js';
import { findNeighbourhood } from '../../server/domain/find-neighbourhood.js';
import { searchEntities } from '../../server/domain/search-entities.js';
import { toParams } from '../../server/graph/records.js';
import { captureRead } from '../../bench/queries.js';

const catalog = new CypherCatalog();
const graph = connectTestGraph();
// The result columns of a statement are only in the driver's result, which the executor does not hand out.
const target = inject('neo4j');
const driver = createDriver(target);
afterAll(() => Promise.all([graph.close(), driver.close()]));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}
const codeFiles = [
  ...sourceFiles(path.join(projectRoot, 'server')),
  ...sourceFiles(path.join(projectRoot, 'tests')),
  ...(fs.existsSync(path.join(projectRoot, 'scripts')) ? sourceFiles(path.join(projectRoot, 'scripts')) : []),
  ...(fs.existsSync(path.join(projectRoot, 'bench')) ? sourceFiles(path.join(projectRoot, 'bench')) : []),
];
const allCode = codeFiles.map((file) => fs.readFileSync(file, 'utf8')).join('\n');

/** Fills every number slot with 1 (the smallest bound every one accepts), every type slot with two types, and keeps every section. */
function explainable(name: string): string {
  const fill = { number: 1, types: ['ATTRIBUTED_TO', 'USES'], section: true } as const;
  return catalog.text(name, Object.fromEntries(catalog.slotsOf(name).map((slot) => [slot.name, fill[slot.kind]])));
}

describe('the Cypher catalog', () => {
  it('holds every statement in a file that starts with a comment naming its parameters and result', () => {
    for (const file of listCypherFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text.trimStart().startsWith('//'), `${file} starts with a comment`).toBe(true);
    }
  });

  it('has no orphaned file and no missing one: every name the code uses exists, every file is used', () => {
    const used = new Set(
      [
        ...allCode.matchAll(
          /['`]((?:graph|import|admin|entities|export|audit|edit|views|duplicates|merge|analysis|notes)\/[a-z0-9-]+)['`]/g,
        ),
      ].map((match) => match[1]),
    );
    const names = catalog.names().filter((name) => !name.startsWith('schema/'));
    for (const name of used) expect(names, `cypher/${name}.cypher exists`).toContain(name);
    for (const name of names) expect(used.has(name), `cypher/${name}.cypher is used by the code`).toBe(true);
  });

  it('finds no inline MATCH, MERGE, CREATE or CALL in server code (ESLint checks the same on every string)', () => {
    for (const file of sourceFiles(path.join(projectRoot, 'server'))) {
      const text = fs.readFileSync(file, 'utf8');
      const inline = text.split('\n').filter((line) => /['"`]\s*((MATCH|MERGE|CREATE)\s*\(|CALL\s*[a-z{])/.test(line));
      expect(inline, `${file} has no inline Cypher`).toEqual([]);
    }
  });

  it.each(catalog.names().filter((name) => !name.startsWith('schema/')))('EXPLAIN %s succeeds on the test database', async (name) => {
    await expect(graph.runText(`EXPLAIN ${explainable(name)}`, 'WRITE')).resolves.toBeDefined();
  });

  it('types every statement in server/graph/statements.ts, with exactly the columns its file returns', async () => {
    const names = catalog.names().filter((name) => !name.startsWith('schema/'));
    expect(Object.keys(statements).sort()).toEqual(names);
    const session = driver.session({ database: target.database });
    try {
      for (const name of names as StatementName[]) {
        const result = session.run(`EXPLAIN ${explainable(name)}`);
        const columns = await result.keys();
        await result.summary();
        expect(columns, name).toEqual([...statements[name].columns]);
      }
    } finally {
      await session.close();
    }
  });

  it('returns the dates of summary maps (the canvas reads) as text, so the driver never decodes a Date value for them', async () => {
    // The driver turns each Date into an object through 64-bit Integer arithmetic: a third of the server's Bolt
    // decoding on canvas reads (README, Performance). The read statements are captured as the server builds them.
    const captured = [
      await captureRead((recorder) => findNeighbourhood(recorder, ['homeland-justice'], 2, null, 200, 'summary')),
      await captureRead((recorder) => searchEntities(recorder, 'Albania', null, 20, 'summary')),
    ];
    expect(captured.map((read) => read.name)).toEqual(['graph/find-neighbourhood', 'graph/search-entities']);
    const dateKeys = new Set(['date', 'since', 'until', 'knownSince']);
    let dates = 0;
    const check = (value: unknown, key = ''): void => {
      if (dateKeys.has(key)) {
        expect(neo4j.isDate(value as never), `${key} came back as a Neo4j Date`).toBe(false);
        if (typeof value === 'string') {
          expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          dates += 1;
        } else expect(value).toBeNull();
      } else if (Array.isArray(value)) value.forEach((item) => check(item));
      else if (value && typeof value === 'object' && !neo4j.isInt(value)) for (const [k, v] of Object.entries(value)) check(v, k);
    };
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      for (const { name, params, slots } of captured) {
        const result = await session.run(catalog.text(name as StatementName, slots), toParams(params) as Record<string, unknown>);
        for (const record of result.records) for (const key of record.keys) check(record.get(key));
      }
    } finally {
      await session.close();
    }
    // The founding case dates its incidents and sources: the check above saw real dates, not only nulls.
    expect(dates).toBeGreaterThan(20);
  });
});
