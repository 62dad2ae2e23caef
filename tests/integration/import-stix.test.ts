import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRankedPaths } from '../../server/domain/find-paths.js';
import { ImportValidationError, type ImportDocument } from '../../server/domain/import/document.js';
import { importContent } from '../../server/domain/import/run-import.js';
import { connectTestGraph } from '../support/graph.js';
import { freshBundle as freshFixture, removeImported } from '../support/stix-bundles.js';

const graph = connectTestGraph();
const freshBundle = () => freshFixture('apt-bundle.json');

// Everything these tests may write is named by the parsed documents, so cleanup deletes exactly that.
const written: ImportDocument[] = [];
afterAll(async () => {
  await removeImported(graph, written);
  await graph.close();
});

const bundle = freshBundle();
written.push(bundle.document);
const idOf = (name: string) => bundle.document.entities.find((entity) => entity.name === name)!.id;

async function linkIdsOf(ids: string[]): Promise<Set<string>> {
  const links = new Set<string>();
  for (const id of ids) {
    const [row] = await graph.read('graph/find-entity-links', { ids: [id] });
    for (const link of (row?.links ?? []) as { rel: { id: string } }[]) links.add(link.rel.id);
  }
  return links;
}

describe('STIX 2.1 import', () => {
  beforeAll(async () => {
    const report = await importContent(graph, 'STIX', bundle.content);
    // Every object arrives: the indicator too (an entity now), and the links to it.
    expect(report).toMatchObject({
      dryRun: false,
      sources: { created: 7 },
      entities: { created: 20, updated: 0, unchanged: 0, keptNewer: 0 },
      relationships: { created: 29, updated: 0, unchanged: 0, keptNewer: 0 },
    });
    expect(report.warnings).toEqual([]);
  });

  it('makes the bundle explorable: paths run from the victim to the state across the attribution chain', async () => {
    const victim = idOf('Government of Albania');
    const iran = idOf('Islamic Republic of Iran');
    const paths = await findRankedPaths(graph, victim, iran, { maxHops: 4, limit: 5 });
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.entities[0].id).toBe(victim);
      expect(path.entities.at(-1)!.id).toBe(iran);
    }
    // Among the best five: the direct attribution, and the chain campaign -> DEV-0842 -> MOIS -> Iran.
    const routes = paths.map((path) => path.entities.map((entity) => entity.name).join(' > '));
    expect(routes).toContain('Government of Albania > Albanian government disruption 2022 > Islamic Republic of Iran');
    expect(routes).toContain(
      'Government of Albania > Albanian government disruption 2022 > DEV-0842 > Ministry of Intelligence and Security > Islamic Republic of Iran',
    );
    const chain = paths.find(
      (path) =>
        path.hops === 4 && path.entities[1].id === idOf('Albanian government disruption 2022') && path.entities[2].id === idOf('DEV-0842'),
    );
    expect(chain?.relationships.map((link) => [link.type, link.stance, link.confidence])).toEqual([
      ['TARGETED', 'ASSERTED', 95],
      ['ATTRIBUTED_TO', 'SUSPECTED', 80],
      ['ATTRIBUTED_TO', 'SUSPECTED', 70],
      ['PART_OF', 'ASSERTED', 95],
    ]);
  });

  it('records the disagreeing opinion as a denial disputing the attribution', async () => {
    const denial = bundle.document.entities.find((entity) => entity.kind === 'DENIAL')!;
    const attribution = bundle.document.relationships.find(
      (link) => link.type === 'ATTRIBUTED_TO' && link.to === idOf('Islamic Republic of Iran'),
    )!;
    const [row] = await graph.read('graph/find-relationship', { id: attribution.id });
    expect(row.rel).toMatchObject({ type: 'ATTRIBUTED_TO', stance: 'SUSPECTED', disputedBy: [denial.id] });
    expect((row.disputing as { id: string; kind: string }[]).map((entity) => [entity.id, entity.kind])).toEqual([[denial.id, 'DENIAL']]);
  });

  it('changes nothing when the same bundle is imported again', async () => {
    const entityIds = bundle.document.entities.map((entity) => entity.id);
    const linksBefore = await linkIdsOf(entityIds);
    const again = await importContent(graph, 'STIX', bundle.content);
    expect(again).toMatchObject({
      sources: { created: 0, updated: 0, unchanged: 7 },
      entities: { created: 0, updated: 0, unchanged: 20 },
      relationships: { created: 0, updated: 0, unchanged: 29 },
    });
    const [row] = await graph.read('graph/find-entities', { ids: entityIds });
    expect(row.entities as unknown[]).toHaveLength(20);
    expect(await linkIdsOf(entityIds)).toEqual(linksBefore);
    expect(linksBefore.size).toBe(29);
  });

  it('writes nothing from a bundle with one broken reference, and names the object', async () => {
    const broken = freshBundle();
    written.push(broken.document);
    const raw = JSON.parse(broken.content) as { objects: { id: string; type: string; relationship_type?: string; target_ref?: string }[] };
    const victim = raw.objects.find((object) => object.type === 'relationship' && object.relationship_type === 'targets')!;
    const ghost = `identity--${randomUUID()}`;
    victim.target_ref = ghost;
    const failure = await importContent(graph, 'STIX', JSON.stringify(raw)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportValidationError);
    expect((failure as ImportValidationError).problems).toEqual([
      { location: `relationship ${victim.id}`, message: `refers to unknown entity "${ghost}" (to)` },
    ]);
    const [row] = await graph.read('graph/find-entities', { ids: broken.document.entities.map((entity) => entity.id) });
    expect(row.entities).toEqual([]);
  });
});
