import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportValidationError } from '../../server/domain/import/document.js';
import { importContent } from '../../server/domain/import/run-import.js';
import { connectTestGraph, uniquePrefix } from '../support/graph.js';

const graph = connectTestGraph();
const prefix = uniquePrefix('csv');
afterAll(async () => {
  await graph.write('admin/delete-by-id-prefix', { prefix });
  await graph.close();
});

/** A fixture file with this run's prefix on every id, so the run deletes exactly what it wrote. */
const fixture = (name: string, runPrefix = prefix) =>
  fs.readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url), 'utf8').replaceAll('{{prefix}}', runPrefix);

describe('CSV import', () => {
  it('imports an entities file, then a relationships file that links them, and again changes nothing', async () => {
    const entities = await importContent(graph, 'CSV_ENTITIES', fixture('entities.csv'));
    expect(entities).toMatchObject({ sources: { created: 2 }, entities: { created: 5 }, relationships: { created: 0 } });
    const relationships = await importContent(graph, 'CSV_RELATIONSHIPS', fixture('relationships.csv'));
    expect(relationships).toMatchObject({ sources: { created: 0 }, entities: { created: 0 }, relationships: { created: 5 } });

    const [row] = await graph.read('graph/find-relationship', { id: `${prefix}rel-hj-iran` });
    expect(row.rel).toMatchObject({
      type: 'AFFILIATED_WITH',
      from: `${prefix}homeland-justice`,
      to: `${prefix}iran`,
      confidence: 65,
      disputedBy: [`${prefix}denial-iran`],
    });
    const [iran] = await graph.read('graph/find-entity-links', { ids: [`${prefix}iran`] });
    expect(iran.entity).toMatchObject({ kind: 'STATE', isoCode: 'IR', sourceIds: [`${prefix}src-cisa`, `${prefix}src-ap`] });

    const again = await importContent(graph, 'CSV_RELATIONSHIPS', fixture('relationships.csv'));
    expect(again).toMatchObject({ relationships: { created: 0, updated: 0, unchanged: 5 } });
  });

  it('writes nothing from a relationships file with a bad row, and names its line', async () => {
    const runPrefix = `${prefix}bad-`;
    const bad = fixture('relationships.csv', runPrefix).replace('ASSERTED,95', 'ASSERTED,very high');
    const failure = await importContent(graph, 'CSV_RELATIONSHIPS', bad).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportValidationError);
    // Line 5: the first record spans lines 2 and 3 (a quoted line break).
    expect((failure as ImportValidationError).problems).toEqual([
      { location: 'relationships.csv:5', message: 'confidence: "very high" is not a whole number from 0 to 100' },
    ]);
    const [row] = await graph.read('graph/find-relationship', { id: `${runPrefix}rel-hj-iran` });
    expect(row).toBeUndefined();
  });

  it('writes nothing from an entities file with a bad row, and names its line', async () => {
    const runPrefix = `${prefix}bad-entities-`;
    const bad = fixture('entities.csv', runPrefix).replace('2023-12-25,,,"delete data', '25 December 2023,,,"delete data');
    const failure = await importContent(graph, 'CSV_ENTITIES', bad).catch((error: unknown) => error);
    expect((failure as ImportValidationError).problems).toEqual([
      { location: 'entities.csv:7', message: 'date: "25 December 2023" is not a date written YYYY-MM-DD' },
    ]);
    const [row] = await graph.read('graph/find-entities', { ids: [`${runPrefix}iran`, `${runPrefix}homeland-justice`] });
    expect(row.entities).toEqual([]);
  });
});
