import { describe, expect, it } from 'vitest';
import { exportStix, stixRelationshipType } from '../../../../../server/domain/export/export-stix.js';
import { stixId } from '../../../../../server/domain/export/stix-ids.js';
import { parseStixBundle } from '../../../../../server/domain/import/parse-stix.js';
import type { ExportSubgraph } from '../../../../../server/domain/export/types.js';
import type { Citation, EntityRecord, RelationshipRecord } from '../../../../../server/domain/types.js';

const cite: Citation[] = [
  {
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
  },
];
const entity = (
  id: string,
  kind: EntityRecord['kind'],
  properties: Record<string, string | null> = {},
  date: string | null = null,
): EntityRecord => ({
  id,
  kind,
  name: id.toUpperCase(),
  aliases: ['alias'],
  description: `About ${id}`,
  date,
  properties,
  sources: cite,
  extra: null,
});

const actor = entity('actor', 'THREAT_ACTOR', { firstSeen: '2022-07-15' });
const state = entity('state', 'STATE', { isoCode: 'TL' });
const denial = entity('denial', 'DENIAL', { statement: 'Baseless.' }, '2023-12-28');
const lonelyReport = entity('lonely-report', 'REPORT');
const rel = (
  id: string,
  type: string,
  from: EntityRecord,
  to: EntityRecord,
  extra: Partial<RelationshipRecord> = {},
): RelationshipRecord => ({
  id,
  type,
  from,
  to,
  stance: 'SUSPECTED',
  confidence: 65,
  since: null,
  until: null,
  description: null,
  sources: cite,
  disputedBy: [],
  ...extra,
});

const subgraph: ExportSubgraph = {
  entities: [actor, denial, lonelyReport, state],
  relationships: [
    rel('ties', 'AFFILIATED_WITH', actor, state, { since: '2023-01-01', until: '2023-01-01', disputedBy: [denial] }),
    rel('denial-about', 'ABOUT', denial, actor, { stance: 'ASSERTED', confidence: 90 }),
  ],
  truncated: false,
  authors: new Map(),
  request: { ids: ['actor'], depth: 0, filter: null, exportedOn: '2024-01-01' },
};

const bundle = JSON.parse(exportStix(subgraph)) as { id: string; objects: Record<string, unknown>[] };
const byAeId = (id: string) => bundle.objects.find((object) => object.x_ae_id === id)!;

describe('STIX export mapping', () => {
  it('names objects type--uuidv5 of our id, the same on every export', () => {
    expect(byAeId('actor').id).toBe(stixId('threat-actor', 'actor'));
    expect(byAeId('actor').id).toMatch(/^threat-actor--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(exportStix(subgraph)).toBe(JSON.stringify(bundle, null, 2));
  });

  it('maps kinds to STIX types with their required properties and x_ae_ extras', () => {
    expect(byAeId('actor')).toMatchObject({
      type: 'threat-actor',
      threat_actor_types: ['unknown'],
      aliases: ['alias'],
      first_seen: '2022-07-15T00:00:00.000Z',
      x_ae_kind: 'THREAT_ACTOR',
      x_ae_first_seen: '2022-07-15',
    });
    expect(byAeId('state')).toMatchObject({
      type: 'identity',
      identity_class: 'organization',
      sectors: ['government-national'],
      x_ae_aliases: ['alias'],
      x_ae_iso_code: 'TL',
    });
    expect(byAeId('state').aliases).toBeUndefined();
    expect(byAeId('actor').external_references).toEqual([
      { source_name: 'Agency', description: 'It said so.', url: 'https://example.org/a', external_id: 'src-a' },
    ]);
    expect(byAeId('actor').x_ae_sources).toEqual([cite[0]]);
  });

  it("carries a source's reliability, origin and derivations and a citation's credibility in x_ae_sources, and reads them back", () => {
    const { document } = parseStixBundle(exportStix(subgraph));
    expect(document!.sources).toEqual([
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
    expect(byAeId('denial')).toMatchObject({
      type: 'opinion',
      opinion: 'strongly-disagree',
      explanation: 'Baseless.',
      x_ae_name: 'DENIAL',
      x_ae_date: '2023-12-28',
      object_refs: [stixId('relationship', 'ties'), stixId('threat-actor', 'actor')],
    });
    expect(byAeId('denial').name).toBeUndefined();
  });

  it('keeps a report with nothing to refer to as a note that still refers to something', () => {
    expect(byAeId('lonely-report')).toMatchObject({
      type: 'note',
      x_ae_kind: 'REPORT',
      abstract: 'LONELY-REPORT',
      object_refs: [stixId('note', 'lonely-report')],
    });
  });

  it('writes relationships with STIX names where they fit, and no stop_time equal to start_time', () => {
    const ties = byAeId('ties');
    expect(ties).toMatchObject({
      type: 'relationship',
      relationship_type: 'affiliated-with',
      confidence: 65,
      start_time: '2023-01-01T00:00:00.000Z',
      x_ae_type: 'AFFILIATED_WITH',
      x_ae_stance: 'SUSPECTED',
      x_ae_until: '2023-01-01',
      x_ae_disputed_by: [stixId('opinion', 'denial')],
      source_ref: stixId('threat-actor', 'actor'),
      target_ref: stixId('identity', 'state'),
    });
    expect(ties.stop_time).toBeUndefined();
    expect(['ATTRIBUTED_TO', 'TARGETED', 'USES', 'LOCATED_IN', 'MADE_BY', 'SEVERED_TIES_WITH'].map(stixRelationshipType)).toEqual([
      'attributed-to',
      'targets',
      'uses',
      'located-at',
      'authored-by',
      'severed-ties-with',
    ]);
  });

  it('takes timestamps from the data, never the clock', () => {
    expect(byAeId('denial').created).toBe('2023-12-28T00:00:00.000Z');
    expect(byAeId('state').modified).toBe('2023-12-27T00:00:00.000Z');
  });
});
