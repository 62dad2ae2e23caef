import cytoscape from 'cytoscape';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerToken, startTestServer, type TestServer } from '../support/graph.js';
import { readExtension } from '../../server/domain/stix/extension.js';
import { runPython } from '../support/python.js';
import { checkExtensionSchema, parseWithStix2, validateStix } from '../support/stix-checks.js';

const exportQuery = /* GraphQL */ `
  query Export($ids: [ID!]!, $format: ExportFormat!, $depth: Int, $filter: RelationshipFilter) {
    export(ids: $ids, format: $format, depth: $depth, filter: $filter) {
      filename
      mimeType
      content
    }
  }
`;

interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
}
interface ProjectDocument {
  format: string;
  version: number;
  sources: { id: string }[];
  entities: { id: string; kind: string; name: string; description: string | null; sources: { source: string; excerpt: string | null }[] }[];
  relationships: { id: string; from: string; to: string; stance: string; confidence: number; disputedBy: string[] }[];
}

let server: TestServer;
let document: ProjectDocument;

async function exportFile(
  format: string,
  variables: Record<string, unknown> = { ids: ['homeland-justice'], depth: 2 },
): Promise<ExportFile> {
  const result = await server.graphql<{ export: ExportFile }>(exportQuery, { ...variables, format }, readerToken);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.export;
}

async function exportError(variables: Record<string, unknown>) {
  const result = await server.graphql(exportQuery, { format: 'JSON', ...variables }, readerToken);
  return result.errors?.[0];
}

beforeAll(async () => {
  server = await startTestServer();
  document = JSON.parse((await exportFile('JSON')).content);
});
afterAll(() => server.close());

describe('export through GraphQL (neighbourhood of homeland-justice at depth 2)', () => {
  it('JSON is the project import format, closed under every reference it makes', async () => {
    expect(document).toMatchObject({ format: 'attribution-explorer', version: 1 });
    expect(document.entities.length).toBeGreaterThan(20);
    const ids = new Set(document.entities.map((entity) => entity.id));
    const sourceIds = new Set(document.sources.map((source) => source.id));
    for (const rel of document.relationships) {
      for (const id of [rel.from, rel.to, ...rel.disputedBy]) expect(ids.has(id), `${rel.id} refers to ${id}`).toBe(true);
    }
    for (const entity of document.entities) for (const citation of entity.sources) expect(sourceIds.has(citation.source)).toBe(true);
    expect(ids).toContain('denial-iran-mfa');
    const file = await exportFile('JSON');
    expect(file.filename).toMatch(/^attribution-homeland-justice-\d{4}-\d{2}-\d{2}\.json$/);
    expect(file.mimeType).toBe('application/json');
  });

  it('holds every entity and link of the neighbourhood query', async () => {
    const result = await server.graphql<{ neighbourhood: { entities: { id: string }[]; relationships: { id: string }[] } }>(
      /* GraphQL */ `
        query {
          neighbourhood(ids: ["homeland-justice"], depth: 2) {
            entities {
              id
            }
            relationships {
              id
            }
          }
        }
      `,
      {},
      readerToken,
    );
    const exported = new Set([...document.entities.map((entity) => entity.id), ...document.relationships.map((rel) => rel.id)]);
    for (const { id } of [...result.data!.neighbourhood.entities, ...result.data!.neighbourhood.relationships])
      expect(exported).toContain(id);
  });

  it('STIX is a bundle that the OASIS validator accepts in strict mode, nothing disabled, and python-stix2 reads as it is', async () => {
    const file = await exportFile('STIX');
    expect(file.mimeType).toBe('application/stix+json;version=2.1');
    expect(file.filename).toMatch(/\.stix\.json$/);
    const [strict, parsed, extensions] = await Promise.all([
      validateStix(file.content, true),
      parseWithStix2(file.content),
      checkExtensionSchema(file.content),
    ]);
    expect(strict).toEqual({ valid: true, errors: {} });
    expect(parsed).toEqual({ bundle: true, bundleError: null, refused: {} });
    // The project's properties follow the extension's committed JSON schema, on every object that carries them.
    expect(extensions.errors).toEqual({});
    expect(extensions.checked).toBe(document.entities.length + document.relationships.length);
    const bundle = JSON.parse(file.content) as { type: string; objects: Record<string, unknown>[] };
    expect(bundle.type).toBe('bundle');
    const ours = bundle.objects.filter((object) => readExtension(object)?.rendered === true);
    expect(ours.filter((object) => object.type !== 'relationship')).toHaveLength(document.entities.length);
    expect(ours.filter((object) => object.type === 'relationship')).toHaveLength(document.relationships.length);
    expect(bundle.objects.filter((object) => object.type === 'opinion').map((object) => readExtension(object)?.local_id)).toContain(
      'denial-iran-mfa',
    );
    expect((await exportFile('STIX')).content).toBe(file.content);
  });

  it('GraphML loads in networkx with the same node and edge counts and typed attributes', async () => {
    const file = await exportFile('GRAPHML');
    expect(file.mimeType).toBe('application/graphml+xml');
    const graph = await runPython<{ nodes: number; edges: number; directed: boolean; confidence: string[]; label: string }>(
      `import io, json, sys
import networkx as nx
g = nx.read_graphml(io.BytesIO(sys.stdin.buffer.read()))
print(json.dumps({'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(), 'directed': g.is_directed(),
                  'confidence': sorted({type(d['confidence']).__name__ for *_, d in g.edges(data=True)}),
                  'label': g.nodes['homeland-justice']['label']}))`,
      file.content,
    );
    expect(graph).toEqual({
      nodes: document.entities.length,
      edges: document.relationships.length,
      directed: true,
      confidence: ['int'],
      label: 'Homeland Justice',
    });
  });

  it("CSV files parse with Python's csv module, one row per citation of each entity or link, quotes and commas intact", async () => {
    const parse = (content: string) =>
      runPython<Record<string, string>[]>(
        `import csv, io, json, sys
print(json.dumps(list(csv.DictReader(io.StringIO(sys.stdin.buffer.read().decode('utf-8-sig'), newline='')))))`,
        content,
      );
    const entitiesFile = await exportFile('CSV_ENTITIES');
    expect(entitiesFile.mimeType).toBe('text/csv');
    expect(entitiesFile.filename).toMatch(/-entities\.csv$/);
    const entities = await parse(entitiesFile.content);
    expect(new Set(entities.map((row) => row.id)).size).toBe(document.entities.length);
    const actorRows = entities.filter((row) => row.id === 'homeland-justice');
    const original = document.entities.find((entity) => entity.id === 'homeland-justice')!;
    expect(actorRows[0].description).toBe(original.description);
    // One row per citation, as the import format has it: the first row whole, the others the id and the citation.
    expect(actorRows.map((row) => row.excerpt)).toEqual(original.sources.map((citation) => citation.excerpt ?? ''));
    expect(actorRows.slice(1).every((row) => row.description === '' && row.name === '')).toBe(true);

    const relationships = await parse((await exportFile('CSV_RELATIONSHIPS')).content);
    expect(new Set(relationships.map((row) => row.id)).size).toBe(document.relationships.length);
    expect(relationships.find((row) => row.id === 'rel-hj-affiliated-iran')).toMatchObject({
      from: 'homeland-justice',
      to: 'iran',
      to_name: 'Iran',
      stance: 'SUSPECTED',
      confidence: '65',
      disputed_by: 'denial-iran-mfa',
    });
  });

  it('Cytoscape JSON loads into headless Cytoscape with the same counts and positions', async () => {
    const file = await exportFile('CYTOSCAPE_JSON');
    const { elements } = JSON.parse(file.content);
    const cy = cytoscape({ headless: true, elements });
    expect(cy.nodes()).toHaveLength(document.entities.length);
    expect(cy.edges()).toHaveLength(document.relationships.length);
    expect(cy.$id('rel-hj-affiliated-iran').data()).toMatchObject({
      source: 'homeland-justice',
      target: 'iran',
      type: 'AFFILIATED_WITH',
      stance: 'SUSPECTED',
      confidence: 65,
    });
    expect(cy.$id('homeland-justice').data()).toMatchObject({ label: 'Homeland Justice', kind: 'THREAT_ACTOR' });
    expect(Number.isFinite(cy.$id('homeland-justice').position().x)).toBe(true);
    cy.destroy();
  });

  it('Markdown is a report: title, picture, sentences with footnotes, disputes, entities, sources', async () => {
    const file = await exportFile('MARKDOWN');
    expect(file.mimeType).toBe('text/markdown');
    const text = file.content;
    expect(text).toMatch(/^# Attribution report: Homeland Justice\n/);
    expect(text).toContain('](data:image/svg+xml;base64,');
    expect(text).toMatch(/Homeland Justice is suspected \(confidence 65\) of ties to Iran (\[\d+\])+\./);
    expect(text).toContain('disputed by Ministry of Foreign Affairs of Iran (denial');
    expect(text).toContain('| **Homeland Justice** (HomeLand Justice, HLJ) | Threat actor |');
    expect(text).toMatch(/\n1\. “.+” — .+\[https?:\/\/[^\]]+\]\(https?:\/\/[^)]+\)/);
  });

  it('HTML is one self-contained page with an inline SVG picture and print styles', async () => {
    const file = await exportFile('HTML');
    expect(file.mimeType).toBe('text/html');
    const html = file.content;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('@media print');
    // Nothing is fetched: no scripts, stylesheets, images or fonts from elsewhere; links are only links.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
    expect(html).toMatch(/ of ties to <a class="entity" href="#e-iran">Iran<\/a>/);
  });
});

describe('export arguments', () => {
  it('takes depth 0 as the given entities and the links among them, plus who disputes those links', async () => {
    const small: ProjectDocument = JSON.parse((await exportFile('JSON', { ids: ['homeland-justice', 'iran'], depth: 0 })).content);
    expect(small.entities.map((entity) => entity.id).sort()).toEqual(['denial-iran-mfa', 'homeland-justice', 'iran']);
    expect(small.relationships.map((rel) => rel.id)).toContain('rel-hj-affiliated-iran');
  });

  it('applies the relationship filter', async () => {
    const strong: ProjectDocument = JSON.parse(
      (await exportFile('JSON', { ids: ['homeland-justice'], depth: 1, filter: { minConfidence: 80 } })).content,
    );
    expect(strong.relationships.length).toBeGreaterThan(0);
    for (const rel of strong.relationships) expect(rel.confidence).toBeGreaterThanOrEqual(80);
  });

  it('refuses out-of-range arguments with BAD_USER_INPUT naming the range, and unknown ids with NOT_FOUND', async () => {
    expect(await exportError({ ids: ['iran'], depth: 4 })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('0 to 3'),
    });
    expect(await exportError({ ids: [], depth: 0 })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('1 to 2000'),
    });
    const many = Array.from({ length: 2001 }, (_, index) => `id-${index}`);
    expect(await exportError({ ids: many, depth: 0 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await exportError({ ids: many.slice(0, 201), depth: 1 })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('1 to 200'),
    });
    expect(await exportError({ ids: ['iran', 'no-such-entity'], depth: 0 })).toMatchObject({
      extensions: { code: 'NOT_FOUND' },
      message: expect.stringContaining('no-such-entity'),
    });
  });
});
