import { describe, expect, it } from 'vitest';
import { exportMarkdown } from '../../../../../server/domain/export/export-markdown.js';
import { layoutSubgraph } from '../../../../../server/domain/export/layout-subgraph.js';
import { phraseRelationship, mentionName } from '../../../../../server/domain/export/phrasing.js';
import { buildReportModel } from '../../../../../server/domain/export/report-model.js';
import type { ExportSubgraph } from '../../../../../server/domain/export/types.js';
import type { Citation, EntityRecord, RelationshipRecord } from '../../../../../server/domain/types.js';
import { entityRecord, relationshipRecord } from '../../../../support/records.js';

const source = (excerpt: string): Citation => ({
  markings: [],
  id: 'src-1',
  title: 'Report title.',
  publisher: 'The Record',
  url: 'https://example.org/r',
  published: '2023-12-27',
  publishedInferred: false,
  publishedNote: null,
  reliability: null,
  origin: null,
  derivedFrom: [],
  excerpt,
  credibility: 6,
});
const entity = (id: string, kind: EntityRecord['kind'], name: string, extra: Partial<EntityRecord> = {}): EntityRecord =>
  entityRecord({
    id,
    kind,
    name,
    aliases: [],
    description: null,
    date: null,
    properties: {},
    sources: [source(`${name} exists.`)],
    extra: null,
    ...extra,
  });

const hj = entity('hj', 'THREAT_ACTOR', 'Homeland Justice');
const iran = entity('iran', 'STATE', 'Iran');
const incident = entity('inc', 'INCIDENT', 'Attack on the Parliament', { date: '2023-12-25' });
const denial = entity('denial', 'DENIAL', 'Iran denies', {
  date: '2023-12-27',
  properties: { statement: 'Baseless, hollow and unproven.' },
});
const link = (
  id: string,
  type: string,
  from: EntityRecord,
  to: EntityRecord,
  stance: RelationshipRecord['stance'],
  confidence: number | null,
  extra: Partial<RelationshipRecord> = {},
): RelationshipRecord =>
  relationshipRecord({
    id,
    type,
    from,
    to,
    stance,
    confidence,
    sources: [source('Suspected ties to Iran.')],
    ...extra,
  });
const text = (relationship: RelationshipRecord) =>
  phraseRelationship(relationship)
    .map((part) => (typeof part === 'string' ? part : mentionName(part)))
    .join('');

describe('report sentences', () => {
  it('phrase each link by type and stance, hedges next to the verb', () => {
    expect(text(link('a', 'AFFILIATED_WITH', hj, iran, 'SUSPECTED', 65))).toBe(
      'Homeland Justice is suspected (confidence 65) of ties to Iran',
    );
    expect(text(link('b', 'ATTRIBUTED_TO', incident, iran, 'SUSPECTED', 50))).toBe(
      'Iran is suspected (confidence 50) of being behind the Attack on the Parliament',
    );
    expect(text(link('c', 'CLAIMED_BY', incident, hj, 'CLAIMED', 65))).toBe(
      'Homeland Justice claims responsibility (confidence 65) for the Attack on the Parliament',
    );
    expect(text(link('d', 'DENIED_BY', incident, iran, 'DENIED', 70))).toBe(
      'Iran denies (confidence 70) any involvement in the Attack on the Parliament',
    );
    expect(text(link('e', 'PART_OF', iran, hj, 'ASSERTED', 95))).toBe('Iran is part of Homeland Justice');
    expect(text(link('f', 'HOSTS', iran, hj, 'SUSPECTED', 40))).toBe('Iran is believed (confidence 40) to host Homeland Justice');
    expect(text(link('g', 'MADE_BY', denial, iran, 'ASSERTED', 90))).toBe('“Iran denies” was made by Iran');
  });
});

describe('report model and Markdown', () => {
  const ties = link('ties', 'AFFILIATED_WITH', hj, iran, 'SUSPECTED', 65, { since: '2022-07-15', disputedBy: [denial] });
  const subgraph: ExportSubgraph = {
    entities: [denial, hj, incident, iran],
    relationships: [ties, link('claim', 'CLAIMED_BY', incident, hj, 'CLAIMED', 65)],
    truncated: false,
    authors: new Map([['denial', { id: 'mfa', name: "Iran's Ministry of Foreign Affairs", kind: 'ORGANIZATION' as const }]]),
    request: { ids: ['hj'], depth: 1, filter: { minConfidence: 40 }, exportedOn: '2024-01-01', tlpCeiling: null },
    markings: new Map(),
    withheld: { entities: 0, relationships: 0 },
  };

  it('numbers each distinct citation once, in order of first use, and names who disputes a link', () => {
    const model = buildReportModel(subgraph);
    expect(model.title).toBe('Attribution report: Homeland Justice');
    expect(model.scope).toBe('Everything within 1 link of Homeland Justice, limited to confidence at least 40.');
    expect(model.contested).toHaveLength(1);
    expect(model.contested[0].disputes[0].label).toBe("Iran's Ministry of Foreign Affairs (denial, 2023-12-27)");
    expect(model.contested[0].period).toBe('from 2022-07-15');
    const sentences = model.sections.flatMap((section) => section.sentences);
    expect(sentences.map((entry) => entry.notes)).toEqual([[1], [1]]);
    expect(model.footnotes.map((note) => note.citation.excerpt)).toEqual([
      'Suspected ties to Iran.',
      'Iran denies exists.',
      'Homeland Justice exists.',
      'Iran exists.',
      'Attack on the Parliament exists.',
    ]);
  });

  it('writes Markdown with footnote marks, disputes quoted once, an entity table and numbered sources', () => {
    const markdown = exportMarkdown(subgraph, layoutSubgraph);
    expect(markdown).toContain('- Homeland Justice is suspected (confidence 65) of ties to Iran [1]. *(suspected, from 2022-07-15)*');
    expect(markdown).toContain(
      "  - ⚑ disputed by Iran's Ministry of Foreign Affairs (denial, 2023-12-27): “Baseless, hollow and unproven.” [2]",
    );
    expect(markdown).toContain('| **Homeland Justice** | Threat actor |  |  [3] |');
    expect(markdown).toContain(
      '1. “Suspected ties to Iran.” — The Record, *Report title*, 2023-12-27. [https://example.org/r](https://example.org/r)',
    );
  });
});
