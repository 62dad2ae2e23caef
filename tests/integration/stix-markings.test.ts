import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlpMarkings } from '../../shared/markings.js';
import { parseStixBundle } from '../../server/domain/import/parse-stix.js';
import { readExtension, withoutExtension } from '../../server/domain/stix/extension.js';
import type { ImportDocument } from '../../server/domain/import/document.js';
import { editorToken, readerToken, startTestServer, uniquePrefix, type TestServer } from '../support/graph.js';
import { stixBundleFor } from '../support/import-mutations.js';
import { checkExtensionSchema, parseWithStix2, validateStix } from '../support/stix-checks.js';

// A bundle with every STIX 2.1 domain object, relationship types between them, a sighting, cyber observables, a
// custom object, TLP 1.0 and 2.0 markings, a statement marking and a granular marking (fixtures/stix/every-type-bundle.json).
const runPrefix = uniquePrefix('markings');
const { bundle } = stixBundleFor(runPrefix, 'every-type-bundle.json');
const content = JSON.stringify(bundle);
const document = parseStixBundle(content).document as ImportDocument;
const objects = (bundle as unknown as { objects: Record<string, unknown>[] }).objects;
const byName = (name: string) => objects.find((object) => object.name === name)!;
const red = tlpMarkings.find((marking) => marking.name === 'TLP:RED' && marking.version === '2.0')!;
const redSet = byName('Redacted Set');
const redLink = objects.find((object) => object.type === 'relationship' && object.source_ref === redSet.id)!;
const wiper = byName('ExampleWiper');
const ids = document.entities.map((entity) => entity.id);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const result = await server.graphql<{ importData: Record<string, unknown> }>(
    /* GraphQL */ `
      mutation Import($content: String!) {
        importData(format: STIX, content: $content) {
          entities {
            created
          }
          relationships {
            created
          }
          warnings
          skipped
        }
      }
    `,
    { content },
    editorToken,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.importData).toEqual({ entities: { created: 24 }, relationships: { created: 32 }, warnings: [], skipped: [] });
}, 120_000);
afterAll(async () => {
  for (const prefix of [
    ...ids,
    ...document.sources.map((source) => source.id),
    ...(document.markings ?? []).map((marking) => marking.id),
  ]) {
    await server.graph.write('admin/delete-by-id-prefix', { prefix });
  }
  await server.close();
});

const exportQuery = /* GraphQL */ `
  query Export($ids: [ID!]!, $format: ExportFormat!, $tlpCeiling: Tlp) {
    export(ids: $ids, format: $format, depth: 0, tlpCeiling: $tlpCeiling) {
      content
    }
  }
`;
async function exportAs(format: string, tlpCeiling: string | null = null): Promise<string> {
  const result = await server.graphql<{ export: { content: string } }>(exportQuery, { ids, format, tlpCeiling }, readerToken);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.export.content;
}

describe('a bundle with every STIX object type', () => {
  it('keeps every object: each domain object as its kind, observables and custom objects as STIX objects, sightings as links', async () => {
    const result = await server.graphql<{ entities: { id: string; kind: string; stix: { type: string; id: string; created: string } }[] }>(
      /* GraphQL */ `
        query Entities($ids: [ID!]!) {
          entities(ids: $ids) {
            id
            kind
            stix {
              type
              id
              created
            }
          }
        }
      `,
      { ids },
      readerToken,
    );
    const entities = result.data!.entities;
    const kept = objects.filter(
      (object) => !['relationship', 'sighting', 'marking-definition', 'extension-definition'].includes(String(object.type)),
    );
    expect(entities.map((entity) => entity.id).sort()).toEqual(kept.map((object) => String(object.id)).sort());
    for (const entity of entities) {
      const object = kept.find((item) => item.id === entity.id)!;
      expect(entity.stix).toEqual({ type: object.type, id: object.id, created: object.created ?? null });
    }
    expect(
      entities
        .filter((entity) => entity.kind === 'STIX_OBJECT')
        .map((entity) => entity.stix.type)
        .sort(),
    ).toEqual(['domain-name', 'file', 'ipv4-addr', 'x-example-widget']);
    const sighted = document.relationships.find((relationship) => relationship.type === 'SIGHTED')!;
    expect(sighted).toMatchObject({ count: 4, since: '2024-01-20', until: '2024-01-25' });
  });
});

describe('a TLP:RED object', () => {
  it('stays TLP:RED in the graph and the API: on the entity, its link and its sources; a granular marking names its properties', async () => {
    const result = await server.graphql<{
      entity: { markings: { name: string; tlp: string; tlpVersion: string }[]; sources: { markings: { name: string }[] }[] };
      relationship: { markings: { name: string }[] };
      wiper: { markings: { name: string; selectors: string[] | null }[] };
    }>(
      /* GraphQL */ `
        query Marked($id: ID!, $link: ID!, $wiper: ID!) {
          entity(id: $id) {
            markings {
              name
              tlp
              tlpVersion
            }
            sources {
              markings {
                name
              }
            }
          }
          relationship(id: $link) {
            markings {
              name
            }
          }
          wiper: entity(id: $wiper) {
            markings {
              name
              selectors
            }
          }
        }
      `,
      { id: redSet.id, link: redLink.id, wiper: wiper.id },
      readerToken,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.entity.markings).toEqual([{ name: 'TLP:RED', tlp: 'RED', tlpVersion: '2.0' }]);
    expect(result.data!.entity.sources.map((source) => source.markings.map((marking) => marking.name))).toEqual([['TLP:RED']]);
    expect(result.data!.relationship.markings).toEqual([{ name: 'TLP:RED' }]);
    expect(result.data!.wiper.markings).toEqual([{ name: 'TLP:AMBER+STRICT', selectors: ['description'] }]);
  });

  it('is marked TLP:RED in every export format', async () => {
    const stix = JSON.parse(await exportAs('STIX')) as { objects: Record<string, unknown>[] };
    expect(stix.objects.find((object) => object.id === redSet.id)?.object_marking_refs).toEqual([red.id]);
    expect(stix.objects).toContainEqual(red.object);
    const json = JSON.parse(await exportAs('JSON')) as { entities: { id: string; markings?: string[] }[] };
    expect(json.entities.find((entity) => entity.id === redSet.id)?.markings).toEqual([red.id]);
    const csv = await exportAs('CSV_ENTITIES');
    expect(csv.split('\r\n').find((line) => line.startsWith(String(redSet.id)))).toContain(red.id);
    const relationshipsCsv = await exportAs('CSV_RELATIONSHIPS');
    expect(relationshipsCsv.split('\r\n').find((line) => line.startsWith(String(redLink.id)))).toContain(red.id);
    const graphml = await exportAs('GRAPHML');
    expect(graphml).toMatch(new RegExp(`<node id="${redSet.id}">[\\s\\S]*?<data key="n_tlp">TLP:RED</data>`));
    const cytoscape = JSON.parse(await exportAs('CYTOSCAPE_JSON')) as { elements: { nodes: { data: Record<string, unknown> }[] } };
    expect(cytoscape.elements.nodes.find((node) => node.data.id === redSet.id)?.data).toMatchObject({ tlp: 'RED', markings: ['TLP:RED'] });
    const markdown = await exportAs('MARKDOWN');
    expect(markdown.startsWith('**TLP:RED**')).toBe(true);
    expect(markdown).toMatch(/\| \*\*Redacted Set\*\* \(RS-1\) \| Intrusion set \|.*\| TLP:RED \|/);
    const html = await exportAs('HTML');
    expect(html).toContain('<p class="tlp-banner"><span class="marking tlp tlp-RED">TLP:RED</span></p>');
  });

  it('is withheld, with its links, from every format of an export with a TLP ceiling of AMBER', async () => {
    for (const format of ['STIX', 'JSON', 'CSV_ENTITIES', 'CSV_RELATIONSHIPS', 'GRAPHML', 'CYTOSCAPE_JSON', 'MARKDOWN', 'HTML']) {
      const file = await exportAs(format, 'AMBER');
      expect(file, format).not.toContain(String(redSet.id));
      expect(file, format).not.toContain('Redacted Set');
      expect(file, format).not.toContain(String(redLink.id));
      // The wiper's description is AMBER+STRICT: above AMBER, so the wiper is withheld too.
      expect(file, format).not.toContain('Wipes disks.');
      expect(file, format).toContain('Example Actor');
    }
    expect(await exportAs('MARKDOWN', 'AMBER')).toContain('2 entities and');
    const within = await exportAs('STIX', 'AMBER_STRICT');
    expect(within).toContain('ExampleWiper');
    expect(within).not.toContain('Redacted Set');
  });

  it('is withheld from a saved view exported with a TLP ceiling of AMBER, as from a list of ids', async () => {
    const viewId = `${runPrefix}view`;
    const saved = await server.graphql(
      /* GraphQL */ `
        mutation Save($input: ViewInput!) {
          saveView(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          id: viewId,
          title: 'Every STIX type',
          state: {
            positions: ids.map((id, i) => ({ id, x: (i % 6) * 150, y: Math.floor(i / 6) * 150 })),
            hidden: [],
            pinned: [],
            selection: [],
          },
        },
      },
      editorToken,
    );
    expect(saved.errors).toBeUndefined();
    try {
      const exportView = async (format: string, tlpCeiling: string | null) => {
        const result = await server.graphql<{ export: { content: string } }>(
          /* GraphQL */ `
            query ExportView($view: ID!, $format: ExportFormat!, $tlpCeiling: Tlp) {
              export(view: $view, format: $format, tlpCeiling: $tlpCeiling) {
                content
              }
            }
          `,
          { view: viewId, format, tlpCeiling },
          readerToken,
        );
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        return result.data!.export.content;
      };
      expect(await exportView('SVG', null)).toContain('Redacted Set');
      for (const format of ['SVG', 'MARKDOWN', 'JSON']) {
        const file = await exportView(format, 'AMBER');
        expect(file, format).not.toContain('Redacted Set');
        expect(file, format).not.toContain(String(redLink.id));
        expect(file, format).toContain('Example Actor');
      }
      expect(await exportView('MARKDOWN', 'AMBER')).toContain('2 entities and');
    } finally {
      await server.graph.write('admin/delete-by-id-prefix', { prefix: viewId });
    }
  });
});

describe('the STIX export of the bundle', () => {
  it('gives every object back, adds no validator error of its own (default or strict) and no python-stix2 refusal', async () => {
    const exported = await exportAs('STIX');
    const given = new Map((JSON.parse(exported) as { objects: Record<string, unknown>[] }).objects.map((object) => [object.id, object]));
    for (const object of objects.filter((item) => !['extension-definition', 'marking-definition'].includes(String(item.type)))) {
      const back = given.get(object.id)!;
      expect(withoutExtension(back), String(object.id)).toEqual(object);
      // The project's extension is added only where the object alone would not give the graph back on import:
      // it has no reference and names no producer, nor is an identity other objects name as theirs (the graph
      // cites the bundle it came in), or an opinion in the bundle disputes it (the link's disputedBy).
      const producer = object.type === 'identity' && objects.some((item) => item.created_by_ref === object.id);
      const unsourced = !object.external_references && !object.created_by_ref && !producer;
      const disputed = objects.some((item) => item.type === 'opinion' && (item.object_refs as string[]).includes(String(object.id)));
      expect(Boolean(readExtension(back)), String(object.id)).toBe(unsourced || disputed);
    }
    const [defaultVerdict, strictExport, strictSource, parsedExport, parsedSource] = await Promise.all([
      validateStix(exported, false),
      validateStix(exported, true),
      validateStix(content, true),
      parseWithStix2(exported),
      parseWithStix2(content),
    ]);
    expect(defaultVerdict).toEqual({ valid: true, errors: {} });
    const added = Object.entries(strictExport.errors).flatMap(([id, errors]) =>
      errors.filter((error) => !(strictSource.errors[id] ?? []).includes(error)).map((error) => `${id}: ${error}`),
    );
    expect(added).toEqual([]);
    expect(Object.keys(parsedExport.refused).filter((id) => !(id in parsedSource.refused))).toEqual([]);
    const extensions = await checkExtensionSchema(exported);
    expect(extensions.errors).toEqual({});
    expect(extensions.checked).toBeGreaterThan(0);
  }, 120_000);
});
