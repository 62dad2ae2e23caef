import { describe, expect, it } from 'vitest';
import { tlpMarkings } from '../../../../../shared/markings.js';
import { exportStix } from '../../../../../server/domain/export/export-stix.js';
import type { ExportSubgraph } from '../../../../../server/domain/export/types.js';
import { parseStixBundle } from '../../../../../server/domain/import/parse-stix.js';
import { extensionId } from '../../../../../server/domain/stix/extension.js';
import { stixIdFor } from '../../../../../server/domain/stix/ids.js';
import type { EntityRecord, RelationshipRecord } from '../../../../../server/domain/types.js';
import { citation, entityRecord, relationshipRecord } from '../../../../support/records.js';

const cite = [
  citation({
    id: 'src-a',
    title: 'A report',
    publisher: 'Agency',
    url: 'https://example.org/a',
    published: '2023-12-27',
    reliability: 'B',
    origin: 'Agency for Cyber Things',
    derivedFrom: ['src-b'],
    excerpt: 'It said so.',
    credibility: 2,
  }),
];
const red = tlpMarkings.find((marking) => marking.name === 'TLP:RED' && marking.version === '2.0')!;
const entity = (id: string, kind: EntityRecord['kind'], fields: Partial<EntityRecord> = {}): EntityRecord =>
  entityRecord({ id, kind, name: id.toUpperCase(), aliases: ['alias'], description: `About ${id}`, sources: cite, ...fields });

const actor = entity('actor', 'THREAT_ACTOR', { properties: { firstSeen: '2022-07-15' }, markings: [red.id] });
const state = entity('state', 'STATE', {
  properties: { isoCode: 'TL' },
  created: '2024-02-01T10:00:00.000Z',
  modified: '2024-02-02T10:00:00.000Z',
});
const denial = entity('denial', 'DENIAL', { properties: { statement: 'Baseless.' }, date: '2023-12-28' });
const lonelyReport = entity('lonely-report', 'REPORT');
const rel = (id: string, type: string, from: EntityRecord, to: EntityRecord, extra: Partial<RelationshipRecord> = {}) =>
  relationshipRecord({ id, type, from, to, stance: 'SUSPECTED', confidence: 65, sources: cite, ...extra });

// An ATT&CK object as the graph keeps it after an import: given back as it came.
const mitreObject = {
  type: 'malware',
  spec_version: '2.1',
  id: 'malware--00e7d565-9883-4ee5-b642-8fd17fd6a3f5',
  created: '2021-02-12T20:07:42.883Z',
  modified: '2025-04-16T20:37:51.908Z',
  created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
  name: 'EKANS',
  description: 'EKANS is ransomware.(Citation: Dragos EKANS)',
  is_family: true,
  x_mitre_aliases: ['EKANS', 'SNAKEHOSE'],
  external_references: [
    { source_name: 'mitre-attack', url: 'https://attack.mitre.org/software/S0605', external_id: 'S0605' },
    { source_name: 'Dragos EKANS', description: 'Dragos. (2020). EKANS Ransomware.', url: 'https://www.dragos.com/blog/ekans' },
  ],
  object_marking_refs: ['marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168'],
};
const [mitreEntity] = parseStixBundle(
  JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [mitreObject] }),
).document!.entities;
const ekans = entity(mitreEntity.id, 'MALWARE', {
  name: mitreEntity.name,
  aliases: mitreEntity.aliases,
  description: mitreEntity.description,
  externalIds: mitreEntity.externalIds!,
  markings: mitreEntity.markings!,
  created: mitreObject.created,
  modified: mitreObject.modified,
  stixObject: JSON.stringify(mitreObject),
  sources: mitreEntity.sources.map((cited, index) =>
    citation({ id: cited.source, title: `t${index}`, publisher: null, url: null, published: null, excerpt: cited.excerpt }),
  ),
});

const subgraph: ExportSubgraph = {
  entities: [actor, denial, ekans, lonelyReport, state].sort((a, b) => a.id.localeCompare(b.id)),
  relationships: [
    rel('ties', 'AFFILIATED_WITH', actor, state, { since: '2023-01-01', until: '2023-01-01', disputedBy: [denial] }),
    rel('denial-about', 'ABOUT', denial, actor, { stance: 'ASSERTED', confidence: 90 }),
    rel('uses', 'USES', actor, ekans, { stance: 'ASSERTED', confidence: null }),
  ],
  truncated: false,
  authors: new Map(),
  request: { ids: ['actor'], depth: 0, filter: null, exportedOn: '2024-01-01', tlpCeiling: null },
  markings: new Map(),
  withheld: { entities: 0, relationships: 0 },
};

const bundle = JSON.parse(exportStix(subgraph)) as { id: string; objects: Record<string, unknown>[] };
const extensionOf = (object: Record<string, unknown>) => (object.extensions as Record<string, Record<string, unknown>>)[extensionId];
const byLocalId = (id: string) =>
  bundle.objects.find((object) => {
    const extension = object.extensions ? extensionOf(object) : undefined;
    return extension?.local_id === id || object.id === stixIdFor(String(object.type), id);
  })!;

describe('STIX export mapping', () => {
  it("names the project's objects type--uuid, a version-4 form of a hash of our id, the same on every export", () => {
    expect(byLocalId('actor').id).toBe(stixIdFor('threat-actor', 'actor'));
    expect(byLocalId('actor').id).toMatch(/^threat-actor--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(exportStix(subgraph)).toBe(JSON.stringify(bundle, null, 2));
  });

  it('maps kinds to STIX types with their required properties, and carries the model in the extension', () => {
    expect(byLocalId('actor')).toMatchObject({
      type: 'threat-actor',
      threat_actor_types: ['unknown'],
      aliases: ['alias'],
      first_seen: '2022-07-15T00:00:00.000Z',
      object_marking_refs: [red.id],
    });
    expect(extensionOf(byLocalId('actor'))).toMatchObject({
      extension_type: 'property-extension',
      rendered: true,
      local_id: 'actor',
      kind: 'THREAT_ACTOR',
      first_seen: '2022-07-15',
      sources: [
        {
          id: 'src-a',
          title: 'A report',
          publisher: 'Agency',
          url: 'https://example.org/a',
          published: '2023-12-27',
          excerpt: 'It said so.',
        },
      ],
    });
    expect(byLocalId('state')).toMatchObject({ type: 'identity', identity_class: 'organization', sectors: ['government-national'] });
    expect(byLocalId('state').aliases).toBeUndefined();
    expect(extensionOf(byLocalId('state'))).toMatchObject({ aliases: ['alias'], iso_code: 'TL', kind: 'STATE' });
    // No custom top-level property on the project's objects: its own properties are in the extension only.
    for (const object of bundle.objects.filter((item) => item.id !== mitreObject.id)) {
      expect(Object.keys(object).filter((key) => key.startsWith('x_'))).toEqual([]);
    }
  });

  it('cites sources without their URL in external_references (STIX wants content hashes beside a url), with the URL in the extension', () => {
    expect(byLocalId('actor').external_references).toEqual([{ source_name: 'Agency', description: 'It said so.', external_id: 'src-a' }]);
  });

  it('gives an imported object back as it came: its id, type, timestamps, references and custom properties', () => {
    const given = bundle.objects.find((object) => object.id === mitreObject.id);
    expect(given).toEqual(mitreObject);
  });

  it("carries a source's reliability, origin and derivations and a citation's credibility in the extension's sources, and reads them back", () => {
    const { document } = parseStixBundle(exportStix(subgraph));
    expect(document!.sources.filter((source) => source.id === 'src-a')).toEqual([
      {
        id: 'src-a',
        title: 'A report',
        publisher: 'Agency',
        url: 'https://example.org/a',
        published: '2023-12-27',
        reliability: 'B',
        origin: 'Agency for Cyber Things',
        derivedFrom: ['src-b'],
      },
    ]);
    expect(document!.entities.find((entity) => entity.id === 'actor')!.sources).toEqual([
      { source: 'src-a', excerpt: 'It said so.', credibility: 2 },
    ]);
  });

  it('makes a denial an opinion on the links it disputes and on what it is about', () => {
    expect(byLocalId('denial')).toMatchObject({
      type: 'opinion',
      opinion: 'strongly-disagree',
      explanation: 'Baseless.',
      object_refs: [stixIdFor('relationship', 'ties'), stixIdFor('threat-actor', 'actor')],
    });
    expect(extensionOf(byLocalId('denial'))).toMatchObject({ name: 'DENIAL', date: '2023-12-28' });
    expect(byLocalId('denial').name).toBeUndefined();
  });

  it('keeps a report with nothing to refer to a report, referring to itself, so its id never depends on the export', () => {
    expect(byLocalId('lonely-report')).toMatchObject({
      type: 'report',
      object_refs: [stixIdFor('report', 'lonely-report')],
    });
  });

  it("writes relationships with STIX's name where STIX suggests it between the two types, else related-to with ours in the extension", () => {
    const ties = byLocalId('ties');
    expect(ties).toMatchObject({
      type: 'relationship',
      relationship_type: 'related-to',
      confidence: 65,
      start_time: '2023-01-01T00:00:00.000Z',
      source_ref: stixIdFor('threat-actor', 'actor'),
      target_ref: stixIdFor('identity', 'state'),
    });
    expect(extensionOf(ties)).toMatchObject({
      type: 'AFFILIATED_WITH',
      stance: 'SUSPECTED',
      until: '2023-01-01',
      disputed_by: [stixIdFor('opinion', 'denial')],
    });
    expect(ties.stop_time).toBeUndefined();
    const uses = byLocalId('uses');
    expect(uses).toMatchObject({ relationship_type: 'uses', target_ref: mitreObject.id });
    expect(uses.confidence).toBeUndefined();
  });

  it('takes timestamps from the graph, else from the data, never the clock', () => {
    expect(byLocalId('state')).toMatchObject({ created: '2024-02-01T10:00:00.000Z', modified: '2024-02-02T10:00:00.000Z' });
    expect(byLocalId('denial').created).toBe('2023-12-28T00:00:00.000Z');
  });

  it('adds the definitions the objects use: the TLP 2.0 marking and extension, and the project extension with its identity', () => {
    const types = bundle.objects.slice(0, 4).map((object) => [object.type, object.id]);
    expect(types).toEqual([
      ['extension-definition', 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d'],
      ['marking-definition', red.id],
      ['identity', 'identity--f19c2360-d685-4f28-a20e-1295ea3bfc87'],
      ['extension-definition', extensionId],
    ]);
    expect(bundle.objects[1]).toEqual(red.object);
  });

  it('reads back through the importer to the same model', () => {
    const { document, problems } = parseStixBundle(exportStix(subgraph));
    expect(problems).toEqual([]);
    const back = (id: string) => document!.entities.find((item) => item.id === id)!;
    expect(back('actor')).toMatchObject({
      kind: 'THREAT_ACTOR',
      name: 'ACTOR',
      aliases: ['alias'],
      properties: { firstSeen: '2022-07-15' },
      markings: [red.id],
      stixObject: null,
    });
    expect(back('state')).toMatchObject({ kind: 'STATE', properties: { isoCode: 'TL' }, created: state.created, modified: state.modified });
    expect(back(mitreObject.id)).toMatchObject({
      kind: 'MALWARE',
      aliases: ['SNAKEHOSE'],
      externalIds: ['S0605'],
      stixObject: mitreObject,
    });
    const ties = document!.relationships.find((item) => item.id === 'ties')!;
    expect(ties).toMatchObject({
      type: 'AFFILIATED_WITH',
      stance: 'SUSPECTED',
      confidence: 65,
      since: '2023-01-01',
      until: '2023-01-01',
      disputedBy: ['denial'],
    });
    expect(document!.relationships.find((item) => item.id === 'uses')).toMatchObject({ confidence: null, stance: 'ASSERTED' });
  });
});
