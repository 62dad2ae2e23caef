import { afterAll, describe, expect, it } from 'vitest';
import { ImportValidationError } from '../../server/domain/import/document.js';
import { importContent } from '../../server/domain/import/run-import.js';
import { connectTestGraph, uniquePrefix } from '../support/graph.js';

const graph = connectTestGraph();
const prefix = uniquePrefix('json');
afterAll(async () => {
  await graph.write('admin/delete-by-id-prefix', { prefix });
  await graph.close();
});

function document(overrides: { relationships?: unknown[]; entities?: unknown[] } = {}) {
  const cite = [{ source: `${prefix}src`, excerpt: 'The excerpt.' }];
  return JSON.stringify({
    format: 'attribution-explorer',
    version: 1,
    sources: [{ id: `${prefix}src`, title: 'A report', publisher: 'Test', url: 'https://example.org/report', published: '2024-01-02' }],
    entities: overrides.entities ?? [
      { id: `${prefix}actor`, kind: 'THREAT_ACTOR', name: 'Test Actor', aliases: ['TA-1'], sources: cite },
      { id: `${prefix}state`, kind: 'STATE', name: 'Testland', properties: { isoCode: 'TL' }, sources: cite },
    ],
    relationships: overrides.relationships ?? [
      {
        id: `${prefix}rel`,
        type: 'AFFILIATED_WITH',
        from: `${prefix}actor`,
        to: `${prefix}state`,
        stance: 'SUSPECTED',
        confidence: 40,
        since: '2023-01-01',
        sources: cite,
      },
    ],
  });
}

async function countMine(): Promise<number> {
  const [row] = await graph.read('graph/find-entities', { ids: [`${prefix}actor`, `${prefix}state`, `${prefix}other`] });
  return (row.entities as unknown[]).length;
}

describe('JSON import', () => {
  it('reports what a dry run would create and writes nothing', async () => {
    const report = await importContent(graph, 'JSON', document(), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, entities: { created: 2, updated: 0, unchanged: 0 }, relationships: { created: 1 } });
    expect(await countMine()).toBe(0);
  });

  it('imports, and a second import of the same file changes nothing', async () => {
    const first = await importContent(graph, 'JSON', document());
    expect(first.entities.created).toBe(2);
    expect(first.relationships.created).toBe(1);
    const second = await importContent(graph, 'JSON', document());
    expect(second).toMatchObject({
      sources: { created: 0, updated: 0, unchanged: 1 },
      entities: { created: 0, updated: 0, unchanged: 2 },
      relationships: { created: 0, updated: 0, unchanged: 1 },
    });
    expect(await countMine()).toBe(2);
    const [row] = await graph.read('graph/find-entity-links', { ids: [`${prefix}actor`] });
    expect(row.links as unknown[]).toHaveLength(1);
  });

  it('recognises stored relationships whatever their ids hold (quotes, backslashes, query syntax), across many lookups', async () => {
    const odd = [
      'q"uote',
      'back\\slash',
      'a OR b',
      'star*',
      'field:value',
      '(paren) [br] {c}',
      'wave ~2 ^3',
      'plus+minus-and&&or||not!',
      'slash/ question?',
    ];
    const many = Array.from({ length: 1_200 }, (_, index) => `bulk-${index}`); // spans several OR-ed queries
    const relationships = [...odd, ...many].map((id, index) => ({
      id: `${prefix}${id}`,
      type: 'RELATED_TO',
      from: `${prefix}actor`,
      to: `${prefix}state`,
      stance: 'ASSERTED',
      confidence: 10 + (index % 90),
      sources: [{ source: `${prefix}src`, excerpt: 'x' }],
    }));
    const first = await importContent(graph, 'JSON', document({ relationships }));
    expect(first.relationships.created).toBe(relationships.length);
    const again = await importContent(graph, 'JSON', document({ relationships }));
    expect(again.relationships).toEqual({ created: 0, updated: 0, unchanged: relationships.length, keptNewer: 0 });
    const changed = relationships.map((row, index) => (index < odd.length ? { ...row, confidence: 99 } : row));
    const third = await importContent(graph, 'JSON', document({ relationships: changed }));
    expect(third.relationships).toEqual({ created: 0, updated: odd.length, unchanged: many.length, keptNewer: 0 });
  });

  it('writes nothing from a file with one broken reference, and names the object', async () => {
    const broken = document({
      entities: [{ id: `${prefix}other`, kind: 'GROUP', name: 'Other', sources: [{ source: `${prefix}src`, excerpt: null }] }],
      relationships: [
        {
          id: `${prefix}good`,
          type: 'RELATED_TO',
          from: `${prefix}other`,
          to: `${prefix}state`,
          stance: 'ASSERTED',
          confidence: 90,
          sources: [{ source: `${prefix}src`, excerpt: 'x' }],
        },
        {
          id: `${prefix}bad`,
          type: 'RELATED_TO',
          from: `${prefix}other`,
          to: `${prefix}ghost`,
          stance: 'ASSERTED',
          confidence: 90,
          sources: [{ source: `${prefix}src`, excerpt: 'x' }],
        },
      ],
    });
    const failure = await importContent(graph, 'JSON', broken).catch((error) => error);
    expect(failure).toBeInstanceOf(ImportValidationError);
    expect((failure as ImportValidationError).problems).toEqual([
      { location: `relationship ${prefix}bad`, message: `refers to unknown entity "${prefix}ghost" (to)` },
    ]);
    expect(await countMine()).toBe(2);
  });

  it('reports every schema problem with its location', async () => {
    const failure = await importContent(
      graph,
      'JSON',
      document({
        entities: [
          { id: `${prefix}x`, kind: 'SPACESHIP', name: 'X', sources: [] },
          { id: `${prefix}y`, kind: 'STATE', name: '', sources: [{ source: `${prefix}src` }] },
        ],
        relationships: [],
      }),
    ).catch((error) => error);
    const problems = (failure as ImportValidationError).problems.map((problem) => problem.location);
    expect(problems).toEqual(
      expect.arrayContaining([`entities[0] (${prefix}x).kind`, `entities[0] (${prefix}x).sources`, `entities[1] (${prefix}y).name`]),
    );
    expect(await countMine()).toBe(2);
  });

  it('refuses text that is not JSON', async () => {
    const failure = await importContent(graph, 'JSON', '{ not json').catch((error) => error);
    expect((failure as ImportValidationError).problems[0].location).toBe('file');
  });
});

describe('JSON import of a changed relationship', () => {
  it('updates its stance and confidence in place, and refuses to move it to other ends', async () => {
    const changed = JSON.parse(document());
    changed.relationships[0].confidence = 55;
    changed.relationships[0].stance = 'ASSERTED';
    const report = await importContent(graph, 'JSON', JSON.stringify(changed));
    expect(report.relationships).toEqual({ created: 0, updated: 1, unchanged: 0, keptNewer: 0 });
    const [row] = await graph.read('graph/find-relationship', { id: `${prefix}rel` });
    expect(row.rel).toMatchObject({ confidence: 55, stance: 'ASSERTED', from: `${prefix}actor`, to: `${prefix}state` });
    const moved = JSON.parse(document());
    moved.relationships[0].to = `${prefix}actor`;
    moved.relationships[0].from = `${prefix}state`;
    const failure = await importContent(graph, 'JSON', JSON.stringify(moved)).catch((error) => error);
    expect((failure as ImportValidationError).problems[0]).toMatchObject({ location: `relationship ${prefix}rel` });
  });
});
