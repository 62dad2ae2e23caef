import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportValidationError, type ImportDocument, type ImportReport } from '../../server/domain/import/document.js';
import { importContent, parseImport, type ImportFormatName } from '../../server/domain/import/run-import.js';
import { prefixSnapshot } from '../support/graph-fingerprint.js';
import { connectTestGraph, editorToken, startTestServer, uniquePrefix, type TestServer } from '../support/graph.js';
import { fuzzSeed, hostileText } from '../support/hostile-input.js';
import {
  csvRowsFor,
  csvText,
  foundingCaseFor,
  mutateCsv,
  mutateText,
  mutateTree,
  stixBundleFor,
  textMutation,
  treeMutation,
  type TextMutation,
} from '../support/import-mutations.js';
import { findLeaks } from '../support/response-leaks.js';

// Random and mutated STIX bundles, CSV files and project JSON, through importContent and through the
// importData mutation: each gives a report or a list of problems, never another error, and a refused
// file leaves no trace in the graph.

const runs = Number(process.env.FUZZ_RUNS ?? 150);
/** A mutated file is imported for real (the founding case: 132 elements); fewer runs keep CI within its budget. */
const fileRuns = Math.ceil((runs * 2) / 3);
const seed = fuzzSeed();
const prefix = uniquePrefix('fuzz-import');
const graph = connectTestGraph();
let server: TestServer;
let run = 0;
const tally: Record<string, { imported: number; refused: number }> = {};

beforeAll(async () => {
  console.log(
    `fuzz-import: seed ${seed} (replay with FUZZ_SEED=${seed}), ${fileRuns} runs per mutated-file property, ${runs} for random files`,
  );
  server = await startTestServer();
});
afterAll(async () => {
  await graph.write('admin/delete-by-id-prefix', { prefix });
  await server.close();
  await graph.close();
  console.log(`fuzz-import: outcomes ${JSON.stringify(tally)}`);
});

/** The ids a parsed document would write. */
function idsOf(document: ImportDocument | undefined): string[] {
  if (!document) return [];
  return [...document.sources, ...document.entities, ...document.relationships].map((item) => item.id);
}

/**
 * What of a STIX bundle's run is in the graph: entities under the bundle's (fresh) STIX ids, with every link
 * they hold, the bundle's own source, and sources derived from its references (tagged with the run prefix).
 */
async function stixTraces(stixIds: string[], tag: string): Promise<string[]> {
  const [row] = await graph.runText(
    `CALL { MATCH (e:Entity) WHERE e.id IN $stixIds RETURN collect(e.id) AS entities }
     CALL { MATCH (s:Source) WHERE s.id IN $sourceIds OR s.title CONTAINS $tag OR s.url CONTAINS $tag RETURN collect(s.id) AS sources }
     RETURN entities + sources AS ids`,
    'READ',
    { stixIds, sourceIds: stixIds.map((id) => `src-${id}`), tag },
  );
  return row.ids as string[];
}

/** Which of a document's ids are in the graph; relationships are looked up from their `from` end, by index. */
async function presentOf(document: ImportDocument | undefined): Promise<string[]> {
  if (!document) return [];
  const [row] = await graph.runText(
    `CALL { MATCH (e:Entity) WHERE e.id IN $entityIds RETURN collect(e.id) AS entities }
     CALL { MATCH (s:Source) WHERE s.id IN $sourceIds RETURN collect(s.id) AS sources }
     CALL { UNWIND $links AS link MATCH (:Entity {id: link.from})-[r]->() WHERE r.id = link.id RETURN collect(DISTINCT r.id) AS rels }
     RETURN entities + sources + rels AS ids`,
    'READ',
    {
      entityIds: document.entities.map((entity) => entity.id),
      sourceIds: document.sources.map((source) => source.id),
      links: document.relationships.map(({ id, from }) => ({ id, from })),
    },
  );
  return row.ids as string[];
}

async function deleteExactly(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await graph.runText('MATCH (e:Entity) WHERE e.id IN $ids DETACH DELETE e', 'WRITE', { ids });
  await graph.runText('MATCH (s:Source) WHERE s.id IN $ids DETACH DELETE s', 'WRITE', { ids });
}

/** Snapshots known not to have changed since they were taken: a fresh run prefix holds nothing, a shared one changes only when an import succeeds. */
const knownSnapshots = new Map<string, string>();
let emptySnapshot: string | null = null;

async function snapshotBefore(watch: string, runPrefix: string): Promise<string> {
  if (watch === runPrefix) return (emptySnapshot ??= await prefixSnapshot(graph, `${prefix}nothing-here-`));
  const known = knownSnapshots.get(watch) ?? (await prefixSnapshot(graph, watch));
  knownSnapshots.set(watch, known);
  return known;
}

type Outcome = { report: ImportReport } | { problems: { location: string; message: string }[] };

/** Through the domain function, or over HTTP as an editor; anything but a report or a problem list fails. */
async function importBy(path: 'function' | 'mutation', format: ImportFormatName, content: string): Promise<Outcome> {
  if (path === 'function') {
    try {
      return { report: await importContent(graph, format, content) };
    } catch (error) {
      expect(error, `only ImportValidationError may escape: ${String(error)}`).toBeInstanceOf(ImportValidationError);
      return { problems: (error as ImportValidationError).problems };
    }
  }
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editorToken}` },
    body: JSON.stringify({
      query: /* GraphQL */ `
        mutation Import($format: ImportFormat!, $content: String!) {
          importData(format: $format, content: $content) {
            dryRun
            sources {
              created
              updated
              unchanged
            }
            entities {
              created
              updated
              unchanged
            }
            relationships {
              created
              updated
              unchanged
            }
            warnings
          }
        }
      `,
      variables: { format, content },
    }),
  });
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBeLessThan(500);
  const body = JSON.parse(text) as {
    data?: { importData: ImportReport } | null;
    errors?: { message: string; extensions?: { code?: string; problems?: { location: string; message: string }[] } }[];
  };
  // The file's own text may come back in a problem (an unknown column, a bad value): that is an echo, not a leak.
  expect(findLeaks(text, [content, tryJson(content), content.split(/[\r\n,|"]+/)])).toEqual([]);
  if (body.errors) {
    expect(body.errors.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const problems = body.errors[0].extensions?.problems;
    expect(Array.isArray(problems) && problems.length > 0, `the error lists the problems: ${body.errors[0].message.slice(0, 200)}`).toBe(
      true,
    );
    return { problems: problems! };
  }
  return { report: body.data!.importData };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Imports one candidate file and checks the outcome: a consistent report, or a non-empty problem list and
 * nothing of the file in the graph. Then removes what the run wrote.
 */
async function checkImport(
  label: string,
  format: ImportFormatName,
  content: string,
  runPrefix: string,
  path: 'function' | 'mutation',
  options: { stixIds?: string[]; sharedPrefix?: string } = {},
): Promise<Outcome> {
  const { document } = parseImport(format, content);
  const ids = idsOf(document);
  // Derived source ids (hashed from a title or url) may already exist; everything else is this run's own.
  const before = new Set(await presentOf(document));
  const watched = [runPrefix, ...(options.sharedPrefix ? [options.sharedPrefix] : [])];
  const snapshots = await Promise.all(watched.map((watch) => snapshotBefore(watch, runPrefix)));
  const outcome = await importBy(path, format, content);
  tally[label] ??= { imported: 0, refused: 0 };
  if ('report' in outcome) {
    tally[label].imported += 1;
    expect(document, 'a file that imports also parses').toBeDefined();
    const { report } = outcome;
    for (const [part, items] of [
      ['sources', document!.sources],
      ['entities', document!.entities],
      ['relationships', document!.relationships],
    ] as const) {
      const counts = report[part];
      expect(counts.created + counts.updated + counts.unchanged, `${part} in the report`).toBe(items.length);
    }
    expect(new Set(await presentOf(document)), 'every element of an imported file is in the graph').toEqual(new Set(ids));
    await deleteExactly(ids.filter((id) => !before.has(id) && !id.startsWith(runPrefix)));
    // Links between shared entities outlive the run's entities; remove them by their ends and id.
    await graph.runText(
      'UNWIND $links AS link MATCH (:Entity {id: link.from})-[r {id: link.id}]->(:Entity {id: link.to}) DELETE r',
      'WRITE',
      {
        links: document!.relationships.map(({ id, from, to }) => ({ id, from, to })),
      },
    );
    await graph.write('admin/delete-by-id-prefix', { prefix: runPrefix });
    if (options.sharedPrefix) knownSnapshots.delete(options.sharedPrefix);
  } else {
    tally[label].refused += 1;
    expect(outcome.problems.length).toBeGreaterThan(0);
    for (const problem of outcome.problems) {
      expect(typeof problem.location).toBe('string');
      expect(typeof problem.message).toBe('string');
    }
    expect(
      (await presentOf(document)).filter((id) => !before.has(id)),
      'a refused file wrote none of its ids',
    ).toEqual([]);
    expect(
      await Promise.all(watched.map((watch) => prefixSnapshot(graph, watch))),
      'a refused file wrote nothing under the run (or shared) prefix',
    ).toEqual(snapshots);
    if (options.stixIds)
      expect(await stixTraces(options.stixIds, runPrefix), 'a refused bundle wrote none of its STIX ids or tagged sources').toEqual([]);
  }
  return outcome;
}

const nextRunPrefix = () => `${prefix}r${(run += 1)}-`;
const path = fc.constantFrom<'function' | 'mutation'>('function', 'function', 'mutation');
const mutations = fc.record({
  tree: fc.array(treeMutation, { minLength: 0, maxLength: 3 }),
  text: fc.oneof(
    { weight: 3, arbitrary: fc.constant<TextMutation[]>([]) },
    { weight: 1, arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 2 }) },
  ),
});

describe('mutated files', () => {
  it('STIX bundles: a report or the problems, and nothing written when refused', async () => {
    await fc.assert(
      fc.asyncProperty(mutations, path, async ({ tree, text }, via) => {
        const runPrefix = nextRunPrefix();
        const { bundle, stixIds } = stixBundleFor(runPrefix);
        const content = mutateText(JSON.stringify(mutateTree(bundle, tree, runPrefix)), text);
        await checkImport('STIX', 'STIX', content, runPrefix, via, { stixIds });
      }),
      { numRuns: fileRuns, seed },
    );
  }, 300_000);

  it('project JSON (the founding case under a run prefix): a report or the problems, and nothing written when refused', async () => {
    await fc.assert(
      fc.asyncProperty(mutations, path, async ({ tree, text }, via) => {
        const runPrefix = nextRunPrefix();
        const content = mutateText(JSON.stringify(mutateTree(foundingCaseFor(runPrefix), tree, runPrefix)), text);
        await checkImport('JSON', 'JSON', content, runPrefix, via);
      }),
      { numRuns: fileRuns, seed },
    );
  }, 300_000);

  it.each(['CSV_ENTITIES', 'CSV_RELATIONSHIPS'] as const)(
    '%s files: a report or the problems, and nothing written when refused',
    async (format) => {
      // Relationships need their entities: one set, imported whole once and watched by every run.
      const sharedPrefix = `${prefix}${format.toLowerCase()}-shared-`;
      if (format === 'CSV_RELATIONSHIPS') await importContent(graph, 'CSV_ENTITIES', csvText('CSV_ENTITIES', sharedPrefix));
      await fc.assert(
        fc.asyncProperty(mutations, path, async ({ tree, text }, via) => {
          const runPrefix = nextRunPrefix();
          if (format === 'CSV_ENTITIES') {
            const content = mutateText(mutateCsv(csvRowsFor(format, runPrefix), tree, runPrefix), text);
            await checkImport(format, format, content, runPrefix, via);
          } else {
            const content = mutateText(mutateCsv(csvRowsFor(format, runPrefix, sharedPrefix), tree, runPrefix, prefix), text);
            await checkImport(format, format, content, runPrefix, via, { sharedPrefix });
          }
        }),
        { numRuns: fileRuns, seed },
      );
    },
    300_000,
  );
});

describe('random files', () => {
  const content = fc.oneof(
    hostileText,
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc
      .record({
        type: fc.constant('bundle'),
        id: fc.oneof(
          fc.uuid().map((uuid) => `bundle--${uuid}`),
          hostileText,
        ),
        objects: fc.array(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }), { maxLength: 4 }),
      })
      .map((value) => JSON.stringify(value)),
    fc
      .record({
        format: fc.constant('attribution-explorer'),
        version: fc.constantFrom(1, 2, '1'),
        sources: fc.jsonValue({ maxDepth: 2 }),
        entities: fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }), { maxLength: 3 }),
        relationships: fc.jsonValue({ maxDepth: 2 }),
      })
      .map((value) => JSON.stringify(value)),
    fc
      .array(
        fc.array(
          fc.oneof(
            hostileText,
            fc.constantFrom('id', 'kind', 'name', 'type', 'from', 'to', 'stance', 'confidence', 'source_title', 'GROUP', 'ASSERTED'),
          ),
          { maxLength: 6 },
        ),
        { maxLength: 5 },
      )
      .map((rows) => rows.map((row) => row.join(',')).join('\n')),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  );
  it('any format, any content: a report or the problems, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<ImportFormatName>('STIX', 'JSON', 'CSV_ENTITIES', 'CSV_RELATIONSHIPS'),
        content,
        path,
        async (format, text, via) => {
          await checkImport('random', format, text, nextRunPrefix(), via);
        },
      ),
      { numRuns: runs, seed },
    );
  }, 300_000);
});

describe('files that fuzzing once turned into a database error (kept as fixed cases)', () => {
  const project = (runPrefix: string, entity: Record<string, unknown>, relationship?: Record<string, unknown>) =>
    JSON.stringify({
      format: 'attribution-explorer',
      version: 1,
      sources: [{ id: `${runPrefix}src`, title: 'A report' }],
      entities: [
        { id: `${runPrefix}a`, kind: 'THREAT_ACTOR', name: 'A', sources: [{ source: `${runPrefix}src` }], ...entity },
        { id: `${runPrefix}b`, kind: 'STATE', name: 'B', sources: [{ source: `${runPrefix}src` }] },
      ],
      relationships: relationship
        ? [
            {
              id: `${runPrefix}r`,
              type: 'AFFILIATED_WITH',
              from: `${runPrefix}a`,
              to: `${runPrefix}b`,
              stance: 'ASSERTED',
              confidence: 50,
              sources: [{ source: `${runPrefix}src` }],
              ...relationship,
            },
          ]
        : [],
    });
  const cases: [string, (runPrefix: string) => string, RegExp][] = [
    [
      'a date property that is not a date',
      (p) => project(p, { properties: { firstSeen: 'attribution-explorer' } }),
      /firstSeen" must be a date/,
    ],
    ['a date that rolls over (2023-02-30)', (p) => project(p, { date: '2023-02-30' }), /date|real date/],
    ['a date Date.parse reads as 2000 (0001-01-00)', (p) => project(p, {}, { since: '0001-01-00' }), /since|real date/],
    ['a name longer than the text index holds', (p) => project(p, { name: 'n'.repeat(40_000) }), /name must hold at most 1000 characters/],
    [
      'aliases longer than the text index holds',
      (p) => project(p, { aliases: Array.from({ length: 50 }, () => 'a'.repeat(800)) }),
      /aliases must hold at most 3000 characters/,
    ],
  ];
  it.each(cases)('%s: refused with the problem named, nothing written', async (_name, build, message) => {
    for (const via of ['function', 'mutation'] as const) {
      const runPrefix = nextRunPrefix();
      const outcome = await checkImport('fixed', 'JSON', build(runPrefix), runPrefix, via);
      expect('problems' in outcome, `${via}: refused`).toBe(true);
      if ('problems' in outcome) expect(outcome.problems.map((problem) => problem.message).join('; ')).toMatch(message);
    }
  });

  it('a STIX object with a 40,000-character name: refused, nothing written', async () => {
    const runPrefix = nextRunPrefix();
    const { bundle, stixIds } = stixBundleFor(runPrefix);
    const objects = (bundle as { objects: { type: string; name?: string }[] }).objects;
    objects.find((object) => object.type === 'intrusion-set')!.name = 'x'.repeat(40_000);
    const outcome = await checkImport('fixed', 'STIX', JSON.stringify(bundle), runPrefix, 'mutation', { stixIds });
    expect('problems' in outcome && outcome.problems.some((problem) => /name must hold at most 1000/.test(problem.message))).toBe(true);
  });
});
