import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foundingCaseFile } from '../../server/domain/bootstrap.js';
import { exportSubgraph, type ExportFormatName } from '../../server/domain/export/index.js';
import { importContent } from '../../server/domain/import/run-import.js';
import { graphSnapshot, type GraphSnapshot } from '../support/graph-fingerprint.js';
import { startPrivateGraph, type PrivateGraph } from '../support/private-graph.js';

// The founding case in a Neo4j of this file's own, so "into the same graph" and "into an empty graph" are whole graphs.
let own: PrivateGraph;
const foundingCase = fs.readFileSync(foundingCaseFile, 'utf8');
const ids = (JSON.parse(foundingCase) as { entities: { id: string }[] }).entities.map((entity) => entity.id);

/** An empty graph with the founding case freshly imported (its elements get the clock's created and modified). */
async function loadFoundingCase(): Promise<GraphSnapshot> {
  await own.empty();
  await importContent(own.graph, 'JSON', foundingCase);
  return graphSnapshot(own.graph);
}

const exported = async (format: ExportFormatName) =>
  (await exportSubgraph(own.graph, { ids, format, depth: 0, exportedOn: '2024-01-01' })).content;
const unchanged = { created: 0, updated: 0, keptNewer: 0 };

beforeAll(async () => {
  own = await startPrivateGraph('round-trip');
  const loaded = await loadFoundingCase();
  expect(loaded).toMatchObject({ entities: 36, relationships: 83, sources: 17 });
  // The seed article's inferred publication date and its note are part of what every round trip must give back.
  const inferred = loaded.lines.filter((line) => line.includes('"publishedInferred":true'));
  expect(inferred).toHaveLength(1);
  expect(inferred[0]).toContain('"publishedNote":"The article states no date.');
}, 240_000);
afterAll(() => own?.stop());

describe('the founding case exported, then imported', () => {
  it.each([['JSON'], ['STIX']] as const)(
    'through %s: into the same graph changes nothing; into an empty graph gives the same graph',
    async (format) => {
      const original = await loadFoundingCase();
      const file = await exported(format);
      const same = await importContent(own.graph, format, file);
      expect([same.sources, same.entities, same.relationships]).toEqual([
        expect.objectContaining(unchanged),
        expect.objectContaining(unchanged),
        expect.objectContaining(unchanged),
      ]);
      expect((await graphSnapshot(own.graph)).lines).toEqual(original.lines);

      await own.empty();
      const report = await importContent(own.graph, format, file);
      expect(report.entities.created).toBe(36);
      expect(report.relationships.created).toBe(83);
      expect((await graphSnapshot(own.graph)).lines).toEqual(original.lines);
      // And the file comes back the same, ids and timestamps included.
      expect(await exported(format)).toBe(file);
    },
  );

  it('through CSV: the entities and relationships files re-import into an empty graph unchanged', async () => {
    const original = await loadFoundingCase();
    const [entities, relationships] = [await exported('CSV_ENTITIES'), await exported('CSV_RELATIONSHIPS')];
    const sameEntities = await importContent(own.graph, 'CSV_ENTITIES', entities);
    const sameRelationships = await importContent(own.graph, 'CSV_RELATIONSHIPS', relationships);
    expect(sameEntities.entities).toMatchObject(unchanged);
    expect(sameRelationships.relationships).toMatchObject(unchanged);

    await own.empty();
    await importContent(own.graph, 'CSV_ENTITIES', entities);
    await importContent(own.graph, 'CSV_RELATIONSHIPS', relationships);
    expect((await graphSnapshot(own.graph)).lines).toEqual(original.lines);
    expect([await exported('CSV_ENTITIES'), await exported('CSV_RELATIONSHIPS')]).toEqual([entities, relationships]);
  });

  it('after an edit: modified has advanced, and the export carries it back', async () => {
    await loadFoundingCase();
    const before = JSON.parse(await exported('JSON')) as { entities: { id: string; modified: string; created: string }[] };
    const homeland = before.entities.find((entity) => entity.id === 'homeland-justice')!;
    const edited = JSON.parse(foundingCase) as { entities: { id: string; description: string }[] };
    edited.entities.find((entity) => entity.id === 'homeland-justice')!.description += ' (edited)';
    const report = await importContent(own.graph, 'JSON', JSON.stringify(edited));
    expect(report.entities).toMatchObject({ updated: 1 });
    const after = JSON.parse(await exported('JSON')) as { entities: { id: string; modified: string; created: string }[] };
    const changed = after.entities.find((entity) => entity.id === 'homeland-justice')!;
    expect(changed.created).toBe(homeland.created);
    expect(Date.parse(changed.modified)).toBeGreaterThan(Date.parse(homeland.modified));
    const stix = JSON.parse(await exported('STIX')) as { objects: Record<string, unknown>[] };
    expect(stix.objects.find((object) => object.name === 'Homeland Justice')).toMatchObject({
      created: homeland.created,
      modified: changed.modified,
    });
  });

  it.each([['JSON'], ['CSV_ENTITIES']] as const)(
    'an exported %s file edited by hand (modified left as it was) updates on re-import, and modified advances',
    async (format) => {
      await loadFoundingCase();
      const file = await exported(format);
      const description = (
        JSON.parse(await exported('JSON')) as { entities: { id: string; description: string; modified: string }[] }
      ).entities.find((entity) => entity.id === 'homeland-justice')!;
      expect(file).toContain(description.description);
      const edited = file.replace(description.description, `${description.description} (corrected)`);
      const report = await importContent(own.graph, format, edited);
      expect(report.entities).toMatchObject({ created: 0, updated: 1, keptNewer: 0 });
      const after = (
        JSON.parse(await exported('JSON')) as { entities: { id: string; description: string; modified: string }[] }
      ).entities.find((entity) => entity.id === 'homeland-justice')!;
      expect(after.description).toBe(`${description.description} (corrected)`);
      expect(Date.parse(after.modified)).toBeGreaterThan(Date.parse(description.modified));
      // The older file, imported again, is older than the graph now: it changes nothing.
      expect((await importContent(own.graph, format, file)).entities).toMatchObject({ updated: 0, keptNewer: 1 });
    },
  );
});
