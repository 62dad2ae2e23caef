import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportDocument } from '../../../../../server/domain/import/document.js';
import { parseStixBundle } from '../../../../../server/domain/import/parse-stix.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const bundleId = `bundle--${uuid(0)}`;
const bundleSource = `src-${bundleId}`;
let next = 1;
/** A STIX object with a fresh id of its type. */
const sdo = (type: string, fields: Record<string, unknown> = {}) => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuid(next++)}`,
  created: '2024-01-01T00:00:00Z',
  modified: '2024-01-01T00:00:00Z',
  ...fields,
});
const sro = (source: { id: string }, relationshipType: string, target: { id: string }, fields: Record<string, unknown> = {}) =>
  sdo('relationship', { relationship_type: relationshipType, source_ref: source.id, target_ref: target.id, ...fields });
const bundle = (...objects: unknown[]) => JSON.stringify({ type: 'bundle', id: bundleId, objects });

function parse(...objects: unknown[]): ImportDocument {
  const { document, problems } = parseStixBundle(bundle(...objects));
  expect(problems).toEqual([]);
  return document!;
}
const problemsOf = (content: string) => parseStixBundle(content).problems;
const entity = (document: ImportDocument, id: string) => document.entities.find((item) => item.id === id)!;
const relationship = (document: ImportDocument, id: string) => document.relationships.find((item) => item.id === id)!;

describe('parseStixBundle: objects to entities', () => {
  it.each([
    [
      sdo('identity', { name: 'Jane Doe', identity_class: 'individual', roles: ['spokesperson', 'minister'] }),
      'PERSON',
      { role: 'spokesperson, minister' },
    ],
    [sdo('identity', { name: 'MEK', identity_class: 'group' }), 'GROUP', {}],
    [
      sdo('identity', { name: 'One Albania', identity_class: 'organization', sectors: ['telecommunications'] }),
      'ORGANIZATION',
      { sector: 'telecommunications' },
    ],
    [sdo('identity', { name: 'Banks', identity_class: 'class' }), 'ORGANIZATION', {}],
    [sdo('identity', { name: 'Somebody' }), 'ORGANIZATION', {}],
    [
      sdo('identity', {
        name: 'Iran',
        identity_class: 'organization',
        sectors: ['government-national'],
        x_ae_kind: 'STATE',
        x_ae_iso_code: 'IR',
      }),
      'STATE',
      { isoCode: 'IR' },
    ],
    [sdo('threat-actor', { name: 'HomeLand Justice', first_seen: '2022-07-15T00:00:00Z' }), 'THREAT_ACTOR', { firstSeen: '2022-07-15' }],
    [sdo('intrusion-set', { name: 'DEV-0842', first_seen: '2022-05-01T12:30:00.000Z' }), 'INTRUSION_SET', { firstSeen: '2022-05-01' }],
    [
      sdo('campaign', { name: 'C', first_seen: '2022-07-15T00:00:00Z', last_seen: '2022-09-09T00:00:00Z' }),
      'CAMPAIGN',
      { firstSeen: '2022-07-15', lastSeen: '2022-09-09' },
    ],
    [sdo('malware', { name: 'ROADSWEEP', is_family: true }), 'MALWARE', {}],
    [sdo('tool', { name: 'Mimikatz' }), 'TOOL', {}],
    [sdo('location', { name: 'Tirana', country: 'AL' }), 'LOCATION', { countryCode: 'AL' }],
    [sdo('location', { name: 'Albania', country: 'AL', x_ae_kind: 'STATE' }), 'STATE', { isoCode: 'AL' }],
    [sdo('vulnerability', { name: 'CVE-2019-0604' }), 'VULNERABILITY', {}],
    [
      sdo('incident', { name: 'Parliament attack', x_ae_aim: 'delete data', x_ae_outcome: 'failed' }),
      'INCIDENT',
      { aim: 'delete data', outcome: 'failed' },
    ],
    [sdo('report', { name: 'Report', published: '2022-09-08T16:00:00Z', object_refs: [] }), 'REPORT', {}],
    [sdo('note', { abstract: 'Summary', content: 'The words.', object_refs: [] }), 'CLAIM', { statement: 'The words.' }],
    [sdo('opinion', { opinion: 'agree', explanation: 'Right.', object_refs: [] }), 'CLAIM', { statement: 'Right.' }],
    [sdo('opinion', { opinion: 'disagree', explanation: 'Baseless.', object_refs: [] }), 'DENIAL', { statement: 'Baseless.' }],
    [sdo('opinion', { opinion: 'strongly-disagree', object_refs: [] }), 'DENIAL', {}],
    [
      sdo('course-of-action', { name: 'OFAC designation', x_ae_kind: 'SANCTION', x_ae_program: 'E.O. 13694' }),
      'SANCTION',
      { program: 'E.O. 13694' },
    ],
    [
      sdo('course-of-action', { name: 'Ties severed', x_ae_kind: 'DIPLOMATIC_ACTION', x_ae_action: 'severed ties' }),
      'DIPLOMATIC_ACTION',
      { action: 'severed ties' },
    ],
    [
      sdo('attack-pattern', {
        name: 'Block Command Message',
        kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'inhibit-response-function' }],
      }),
      'ATTACK_PATTERN',
      { killChainPhases: 'inhibit-response-function (mitre-ics-attack)' },
    ],
    [sdo('course-of-action', { name: 'Network Segmentation' }), 'COURSE_OF_ACTION', {}],
    [
      sdo('indicator', {
        pattern: "[ipv4-addr:value = '198.51.100.1']",
        pattern_type: 'stix',
        valid_from: '2024-01-01T00:00:00Z',
        valid_until: '2024-06-01T00:00:00Z',
      }),
      'INDICATOR',
      { pattern: "[ipv4-addr:value = '198.51.100.1']", patternType: 'stix', validFrom: '2024-01-01', validUntil: '2024-06-01' },
    ],
    [sdo('infrastructure', { name: 'C2', first_seen: '2022-06-01T00:00:00Z' }), 'INFRASTRUCTURE', { firstSeen: '2022-06-01' }],
    [
      sdo('observed-data', {
        first_observed: '2024-01-01T00:00:00Z',
        last_observed: '2024-01-02T00:00:00Z',
        number_observed: 3,
        object_refs: [],
      }),
      'OBSERVED_DATA',
      { firstObserved: '2024-01-01', lastObserved: '2024-01-02', numberObserved: '3' },
    ],
    [sdo('grouping', { name: 'G', context: 'suspicious-activity', object_refs: [] }), 'GROUPING', { context: 'suspicious-activity' }],
    [sdo('malware-analysis', { product: 'sandbox', result: 'malicious' }), 'MALWARE_ANALYSIS', { product: 'sandbox', result: 'malicious' }],
    [sdo('x-mitre-tactic', { name: 'Inhibit Response Function', x_mitre_shortname: 'inhibit-response-function' }), 'STIX_OBJECT', {}],
    [sdo('ipv4-addr', { value: '198.51.100.1' }), 'STIX_OBJECT', {}],
  ])('maps a %s', (object, kind, properties) => {
    const [mapped] = parse(object).entities;
    expect(mapped).toMatchObject({ id: object.id, kind, properties });
  });

  it('uses x_ae_id as the stable id, and refs to that object follow it', () => {
    const actor = sdo('intrusion-set', { name: 'A', x_ae_id: 'apt-a' });
    const state = sdo('identity', { name: 'S', x_ae_kind: 'STATE', x_ae_id: 'state-s' });
    const link = sro(actor, 'attributed-to', state, { x_ae_id: 'rel-a-s' });
    const document = parse(actor, state, link);
    expect(document.entities.map((item) => item.id)).toEqual(['apt-a', 'state-s']);
    expect(relationship(document, 'rel-a-s')).toMatchObject({ from: 'apt-a', to: 'state-s' });
  });

  it('maps names, aliases, descriptions, and dates from x_ae_date, published or first_seen', () => {
    const actor = sdo('threat-actor', { name: 'HJ', aliases: ['Homeland Justice'], description: 'A persona.' });
    const report = sdo('report', { name: 'R', published: '2022-09-08T23:30:00-05:00', object_refs: [] });
    const incident = sdo('incident', { name: 'I', first_seen: '2023-12-25T09:00:00Z' });
    const dated = sdo('incident', { name: 'D', first_seen: '2023-12-25T09:00:00Z', x_ae_date: '2023-12-26' });
    const note = sdo('note', { content: 'No abstract.', object_refs: [] });
    const document = parse(actor, report, incident, dated, note);
    expect(entity(document, actor.id)).toMatchObject({ name: 'HJ', aliases: ['Homeland Justice'], description: 'A persona.', date: null });
    expect(entity(document, report.id).date).toBe('2022-09-08');
    expect(entity(document, incident.id).date).toBe('2023-12-25');
    expect(entity(document, dated.id).date).toBe('2023-12-26');
    // Without a name or an abstract, the words stand for it.
    expect(entity(document, note.id).name).toBe('No abstract.');
  });

  it('keeps custom x_ properties and unmapped standard ones in extra, but not the x_ae_ ones it used nor bookkeeping', () => {
    const malware = sdo('malware', {
      name: 'M',
      is_family: true,
      malware_types: ['wiper'],
      labels: ['apt'],
      confidence: 70,
      x_vendor_score: 9,
      x_ae_id: 'm',
      x_ae_sector: 'not a malware property',
    });
    const [mapped] = parse(malware).entities;
    expect(mapped.extra).toEqual({
      is_family: true,
      malware_types: ['wiper'],
      x_vendor_score: 9,
      x_ae_sector: 'not a malware property',
    });
    // The whole object is kept (its labels, confidence and the rest): an export gives it back as it came.
    expect(mapped.stixObject).toEqual(malware);
    expect(parse(sdo('tool', { name: 'T' })).entities[0].extra).toBeNull();
  });

  it('restores an object of our own export from its x_ae_ properties', () => {
    const claim = sdo('note', {
      abstract: 'Claim of responsibility',
      content: 'We did it.',
      object_refs: [],
      x_ae_id: 'claim-hj',
      x_ae_kind: 'CLAIM',
      x_ae_name: 'Homeland Justice claims the attack',
      x_ae_description: 'Posted on Telegram.',
      x_ae_aliases: ['HJ claim'],
      x_ae_statement: 'We did it.',
      x_ae_sources: [
        {
          id: 'src-therecord',
          title: 'The Record',
          publisher: 'Recorded Future News',
          url: 'https://therecord.media/x',
          published: '2023-12-27',
          excerpt: 'The group claimed it.',
        },
      ],
      x_ae_extra: { analyst_note: 'kept' },
      x_other_tool: 1,
      external_references: [{ source_name: 'Recorded Future News', external_id: 'src-therecord', url: 'https://therecord.media/x' }],
    });
    const report = sdo('report', {
      name: 'R',
      published: '2023-12-28T00:00:00Z',
      report_types: ['threat-report'],
      object_refs: [claim.id],
      x_ae_kind: 'REPORT',
    });
    const document = parse(claim, report);
    expect(entity(document, 'claim-hj')).toMatchObject({
      id: 'claim-hj',
      kind: 'CLAIM',
      name: 'Homeland Justice claims the attack',
      aliases: ['HJ claim'],
      description: 'Posted on Telegram.',
      date: null,
      properties: { statement: 'We did it.' },
      sources: [{ source: 'src-therecord', excerpt: 'The group claimed it.' }],
      extra: { analyst_note: 'kept', x_other_tool: 1 },
      // An older export of ours: the model is what it carried, no STIX object of another producer is kept.
      stixObject: null,
      created: claim.created,
      modified: claim.modified,
    });
    expect(document.sources).toContainEqual({
      id: 'src-therecord',
      title: 'The Record',
      publisher: 'Recorded Future News',
      url: 'https://therecord.media/x',
      published: '2023-12-27',
    });
    // x_ae_kind without x_ae_id is another producer's hint: the report is theirs, with its date and report_types.
    expect(entity(document, report.id)).toMatchObject({ kind: 'REPORT', date: '2023-12-28', extra: { report_types: ['threat-report'] } });
  });
});

describe('parseStixBundle: relationships and sightings', () => {
  const a = sdo('intrusion-set', { name: 'A' });
  const b = sdo('identity', { name: 'B' });

  it.each([
    ['attributed-to', 'ATTRIBUTED_TO', null],
    ['targets', 'TARGETED', null],
    ['uses', 'USES', null],
    ['located-at', 'LOCATED_IN', null],
    ['related-to', 'RELATED_TO', null],
    ['authored-by', 'MADE_BY', null],
    ['part-of', 'PART_OF', null],
    ['affiliated-with', 'AFFILIATED_WITH', null],
    ['cooperates-with', 'RELATED_TO', { original_relationship_type: 'cooperates-with' }],
  ])('maps relationship_type %s to %s', (stixType, type, extra) => {
    const link = sro(a, stixType, b);
    expect(relationship(parse(a, b, link), link.id)).toMatchObject({ type, from: a.id, to: b.id, extra });
  });

  it('carries confidence over, keeps an absent one null, and derives the stance from the meaning and the confidence', () => {
    const plain = sro(a, 'attributed-to', b);
    const claimedBy = sro(b, 'claimed-by', a);
    const confident = sro(a, 'attributed-to', b, { confidence: 85 });
    const hedged = sro(a, 'attributed-to', b, { confidence: 84 });
    const claimed = sro(a, 'related-to', b, { confidence: 40, x_ae_stance: 'CLAIMED', x_ae_type: 'CLAIMED_BY' });
    const document = parse(a, b, plain, claimedBy, confident, hedged, claimed);
    expect(relationship(document, plain.id)).toMatchObject({ confidence: null, stance: 'ASSERTED' });
    expect(relationship(document, claimedBy.id)).toMatchObject({ type: 'CLAIMED_BY', confidence: null, stance: 'CLAIMED' });
    expect(relationship(document, confident.id)).toMatchObject({ confidence: 85, stance: 'ASSERTED' });
    expect(relationship(document, hedged.id)).toMatchObject({ confidence: 84, stance: 'SUSPECTED' });
    expect(relationship(document, claimed.id)).toMatchObject({ type: 'CLAIMED_BY', stance: 'CLAIMED', extra: null });
  });

  it('maps start_time and stop_time to since and until, and x_ae_disputed_by to disputedBy', () => {
    const denial = sdo('opinion', { opinion: 'disagree', object_refs: [], x_ae_id: 'denial-1' });
    const link = sro(a, 'attributed-to', b, {
      start_time: '2022-07-15T00:00:00Z',
      stop_time: '2022-09-09T00:00:00Z',
      x_ae_disputed_by: [denial.id, 'denial-in-graph'],
    });
    expect(relationship(parse(a, b, denial, link), link.id)).toMatchObject({
      since: '2022-07-15',
      until: '2022-09-09',
      disputedBy: ['denial-1', 'denial-in-graph'],
    });
  });

  it('prefers x_ae_since and x_ae_until, which keep a one-day link that STIX times cannot', () => {
    const link = sro(a, 'attributed-to', b, { start_time: '2022-07-15T00:00:00Z', x_ae_since: '2022-07-15', x_ae_until: '2022-07-15' });
    expect(relationship(parse(a, b, link), link.id)).toMatchObject({ since: '2022-07-15', until: '2022-07-15', extra: null });
  });

  it('keeps ends outside the bundle as plain ids, for validation against the graph', () => {
    const outside = `threat-actor--${uuid(999)}`;
    const link = sdo('relationship', { relationship_type: 'uses', source_ref: outside, target_ref: a.id });
    expect(relationship(parse(a, link), link.id)).toMatchObject({ from: outside, to: a.id });
  });

  it('links any two objects, of the model or kept whole, and skips only links to what no link can join, with a warning', () => {
    const indicator = sdo('indicator', {
      pattern: '[ipv4-addr:value = "10.0.0.1"]',
      pattern_type: 'stix',
      valid_from: '2024-01-01T00:00:00Z',
    });
    const tactic = sdo('x-mitre-tactic', { name: 'Execution' });
    const marking = { id: `marking-definition--${uuid(996)}` };
    const indicates = sro(indicator, 'indicates', a);
    const custom = sro(a, 'uses', tactic);
    const outside = sro({ id: `indicator--${uuid(998)}` }, 'indicates', a);
    const document = parse(a, indicator, tactic, indicates, custom, outside, sro(marking, 'related-to', a));
    expect(document.relationships.map((link) => [link.id, link.type])).toEqual([
      [indicates.id, 'INDICATES'],
      [custom.id, 'USES'],
      [outside.id, 'INDICATES'],
    ]);
    expect(document.warnings).toEqual([
      'skipped 1 relationship object: an end is a relationship, sighting or marking, which no link can join',
    ]);
  });

  it('turns a sighting into one SIGHTED link per place, with its count and first and last seen', () => {
    const place = sdo('location', { name: 'Tirana' });
    const sighting = sdo('sighting', {
      sighting_of_ref: a.id,
      where_sighted_refs: [b.id, place.id],
      first_seen: '2022-07-15T00:00:00Z',
      last_seen: '2022-07-18T00:00:00Z',
      count: 3,
    });
    const document = parse(a, b, place, sighting);
    expect(document.relationships).toEqual([
      expect.objectContaining({
        id: `${sighting.id}--sighted-at--${b.id}`,
        type: 'SIGHTED',
        from: a.id,
        to: b.id,
        stance: 'ASSERTED',
        confidence: null,
        description: null,
        since: '2022-07-15',
        until: '2022-07-18',
        count: 3,
        extra: null,
        stixObject: sighting,
      }),
      expect.objectContaining({ id: `${sighting.id}--sighted-at--${place.id}`, to: place.id, count: 3 }),
    ]);
    const nowhere = sdo('sighting', { sighting_of_ref: a.id });
    const kept = parse(a, nowhere);
    expect(kept.entities.map((item) => [item.id, item.kind])).toContainEqual([nowhere.id, 'STIX_OBJECT']);
    expect(kept.warnings).toContain('kept 1 sighting that name no place as STIX objects (a link needs two ends)');
  });
});

describe('parseStixBundle: reports, notes and opinions', () => {
  const actor = sdo('intrusion-set', { name: 'A' });
  const victim = sdo('identity', { name: 'V' });
  const author = sdo('identity', { name: 'Vendor', x_ae_id: 'vendor' });
  const attribution = sro(actor, 'attributed-to', victim, { confidence: 60 });
  const indicator = sdo('indicator', { pattern: '[x]', pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z' });

  it('links a report RELATED_TO each entity it refers to, at its own confidence, else none stated', () => {
    const report = sdo('report', { name: 'R', object_refs: [actor.id, victim.id, attribution.id, indicator.id], x_ae_author: author.id });
    const sure = sdo('report', { name: 'S', confidence: 95, object_refs: [actor.id] });
    const document = parse(actor, victim, author, attribution, indicator, report, sure);
    const links = document.relationships.filter((link) => link.from === report.id);
    expect(links).toEqual([
      expect.objectContaining({
        id: `${report.id}--refers-to--${actor.id}`,
        type: 'RELATED_TO',
        to: actor.id,
        stance: 'ASSERTED',
        confidence: null,
        description: 'referenced in the report',
      }),
      expect.objectContaining({ id: `${report.id}--refers-to--${victim.id}`, to: victim.id }),
      expect.objectContaining({ id: `${report.id}--refers-to--${indicator.id}`, to: indicator.id }),
      expect.objectContaining({ id: `${report.id}--made-by--vendor`, type: 'MADE_BY', to: 'vendor' }),
    ]);
    expect(document.relationships.find((link) => link.from === sure.id)?.confidence).toBe(95);
  });

  it('makes a note a claim ABOUT its entities, MADE_BY its x_ae_author only', () => {
    const note = sdo('note', { abstract: 'Assessment', content: 'A did it.', authors: ['Jane'], object_refs: [actor.id, attribution.id] });
    const authored = sdo('note', { content: 'Said so.', object_refs: [actor.id], x_ae_author: 'person-in-graph' });
    const document = parse(actor, victim, attribution, note, authored);
    expect(entity(document, note.id)).toMatchObject({
      kind: 'CLAIM',
      name: 'Assessment',
      properties: { statement: 'A did it.' },
      extra: { authors: ['Jane'] },
    });
    expect(document.relationships.filter((link) => link.from === note.id).map((link) => [link.type, link.to])).toEqual([
      ['ABOUT', actor.id],
    ]);
    expect(document.relationships.filter((link) => link.from === authored.id).map((link) => [link.type, link.to])).toEqual([
      ['ABOUT', actor.id],
      ['MADE_BY', 'person-in-graph'],
    ]);
    expect(document.warnings).toEqual(['left out 1 object_ref of claims that point at relationships: a claim is ABOUT entities only']);
  });

  it('adds no derived link where a relationship object already joins the pair', () => {
    const note = sdo('note', { content: 'A did it.', object_refs: [actor.id], x_ae_author: victim.id });
    const about = sro(note, 'about', actor, { x_ae_type: 'ABOUT' });
    const madeBy = sro(note, 'authored-by', victim);
    const document = parse(actor, victim, note, about, madeBy);
    expect(document.relationships.map((link) => [link.id, link.type])).toEqual([
      [about.id, 'ABOUT'],
      [madeBy.id, 'MADE_BY'],
    ]);
  });

  it('makes a disagreeing opinion a denial that disputes the relationships it refers to', () => {
    const denial = sdo('opinion', {
      opinion: 'strongly-disagree',
      explanation: 'Baseless.',
      object_refs: [attribution.id, actor.id, `relationship--${uuid(997)}`],
      x_ae_author: victim.id,
    });
    const agreement = sdo('opinion', { opinion: 'agree', object_refs: [attribution.id] });
    const document = parse(actor, victim, attribution, denial, agreement);
    expect(entity(document, denial.id)).toMatchObject({
      kind: 'DENIAL',
      name: 'Baseless.',
      properties: { statement: 'Baseless.' },
      extra: { opinion: 'strongly-disagree' },
    });
    expect(relationship(document, attribution.id).disputedBy).toEqual([denial.id]);
    expect(document.relationships.filter((link) => link.from === denial.id).map((link) => [link.type, link.to, link.confidence])).toEqual([
      ['ABOUT', actor.id, null],
      ['MADE_BY', victim.id, null],
    ]);
    expect(document.warnings).toEqual([
      'left out 1 object_ref of claims that point at relationships: a claim is ABOUT entities only',
      'left out 1 dispute: a denial refers to a relationship outside the bundle',
    ]);
  });
});

describe('parseStixBundle: sources', () => {
  const reference = { source_name: 'Mandiant', url: 'https://example.org/roadsweep', description: 'ROADSWEEP was deployed.' };

  it('turns external_references into sources, one per document, cited with their description', () => {
    const first = sdo('malware', {
      name: 'ROADSWEEP',
      external_references: [reference, { source_name: 'mitre-attack', external_id: 'S1000' }],
    });
    const second = sdo('malware', { name: 'ZeroCleare', external_references: [{ ...reference, description: 'Another excerpt.' }] });
    const document = parse(first, second);
    expect(document.sources).toHaveLength(2);
    const [mandiant, mitre] = document.sources;
    expect(mandiant).toEqual({
      id: expect.stringMatching(/^src-[0-9a-f]{12}$/),
      title: 'Mandiant',
      publisher: 'Mandiant',
      url: reference.url,
      published: null,
    });
    expect(mitre).toMatchObject({ title: 'mitre-attack S1000', url: null });
    expect(entity(document, first.id).sources).toEqual([
      { source: mandiant.id, excerpt: 'ROADSWEEP was deployed.' },
      { source: mitre.id, excerpt: null },
    ]);
    expect(entity(document, second.id).sources).toEqual([{ source: mandiant.id, excerpt: 'Another excerpt.' }]);
    expect(parse(first).sources[0].id).toBe(mandiant.id);
  });

  it('cites the bundle itself for an element without references, so every element has a source', () => {
    const actor = sdo('intrusion-set', { name: 'A' });
    const tool = sdo('tool', { name: 'T' });
    const document = parse(actor, tool, sro(actor, 'uses', tool));
    expect(document.sources).toEqual([{ id: bundleSource, title: `STIX bundle ${bundleId}`, publisher: null, url: null, published: null }]);
    for (const element of [...document.entities, ...document.relationships])
      expect(element.sources).toEqual([{ source: bundleSource, excerpt: null }]);
  });
});

describe('parseStixBundle: ATT&CK conventions', () => {
  it('reads ATT&CK citations as works cited, alias notes as no source, catalogue entries as external ids', () => {
    const malware = sdo('malware', {
      name: 'EKANS',
      is_family: true,
      description: '[EKANS](https://attack.mitre.org/software/S0605) is ransomware.(Citation: Dragos EKANS) It spread.',
      x_mitre_aliases: ['EKANS', 'SNAKEHOSE'],
      external_references: [
        { source_name: 'mitre-attack', url: 'https://attack.mitre.org/software/S0605', external_id: 'S0605' },
        { source_name: 'SNAKEHOSE', description: '(Citation: FireEye Ransomware Feb 2020)' },
        { source_name: 'Dragos EKANS', description: 'Dragos. (2020, February 3). EKANS Ransomware.', url: 'https://www.dragos.com/ekans' },
      ],
    });
    const document = parse(malware);
    const mapped = entity(document, malware.id);
    expect(mapped).toMatchObject({
      aliases: ['SNAKEHOSE'],
      externalIds: ['S0605'],
      description: '[EKANS](https://attack.mitre.org/software/S0605) is ransomware. It spread.',
    });
    expect(document.sources).toEqual([
      {
        id: expect.any(String),
        title: 'mitre-attack S0605',
        publisher: 'mitre-attack',
        url: 'https://attack.mitre.org/software/S0605',
        published: null,
      },
      {
        id: expect.any(String),
        title: 'Dragos. (2020, February 3). EKANS Ransomware.',
        publisher: null,
        url: 'https://www.dragos.com/ekans',
        published: null,
      },
    ]);
    // A bibliographic entry is not a quotation: no excerpt.
    expect(mapped.sources.map((cited) => cited.excerpt)).toEqual([null, null]);
  });

  it('keeps revoked and deprecated objects, marked so, and the revoked-by link to the replacement', () => {
    const old = sdo('intrusion-set', { name: 'APT34', revoked: true });
    const current = sdo('intrusion-set', { name: 'OilRig' });
    const retired = sdo('malware', { name: 'Old', is_family: true, x_mitre_deprecated: true });
    const revokedBy = sro(old, 'revoked-by', current);
    const document = parse(old, current, retired, revokedBy);
    expect(entity(document, old.id)).toMatchObject({ revoked: true, deprecated: false });
    expect(entity(document, retired.id)).toMatchObject({ revoked: false, deprecated: true });
    expect(relationship(document, revokedBy.id)).toMatchObject({ type: 'REVOKED_BY', from: old.id, to: current.id });
  });

  it('keeps the markings, marking definitions and versions of every object', () => {
    const statement = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: `marking-definition--${uuid(990)}`,
      created: '2017-06-01T00:00:00.000Z',
      definition_type: 'statement',
      definition: { statement: 'Copyright MITRE' },
    };
    const red = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
    const marked = sdo('malware', {
      name: 'M',
      is_family: true,
      object_marking_refs: [red, statement.id],
      granular_markings: [{ marking_ref: red, selectors: ['description'] }],
    });
    const document = parse(statement, marked);
    expect(document.markings).toEqual([{ id: statement.id, object: statement }]);
    expect(entity(document, marked.id)).toMatchObject({
      markings: [red, statement.id],
      created: marked.created,
      modified: marked.modified,
    });
    expect(entity(document, marked.id).stixObject).toMatchObject({ granular_markings: [{ marking_ref: red, selectors: ['description'] }] });
  });
});

describe('parseStixBundle: problems', () => {
  it('refuses text that is not JSON, or JSON that is not a bundle', () => {
    expect(problemsOf('{ nope')).toEqual([{ location: 'bundle', message: expect.stringMatching(/^is not valid JSON/) }]);
    expect(problemsOf(JSON.stringify({ type: 'report', id: bundleId, objects: [] }))).toEqual([
      { location: 'bundle', message: 'type must be "bundle"' },
    ]);
    expect(problemsOf(JSON.stringify({ type: 'bundle', id: bundleId, objects: {} }))).toEqual([
      { location: 'bundle', message: 'objects must be a list of STIX objects' },
    ]);
    expect(problemsOf(JSON.stringify({ type: 'bundle', objects: [] }))[0].location).toBe('bundle');
    expect(problemsOf(JSON.stringify([]))[0].location).toBe('bundle');
  });

  it('locates object problems by STIX id, or by position when there is no usable id', () => {
    expect(problemsOf(bundle({ type: 'malware', name: 'No id' }, { type: 'malware', id: 'malware-1', name: 'Bad id' }))).toEqual([
      { location: 'objects[0]', message: 'id must be a STIX id (type--uuid)' },
      { location: 'objects[1]', message: 'id "malware-1" is not a STIX id (type--uuid)' },
    ]);
    const mismatched = sdo('tool', { name: 'T' });
    expect(problemsOf(bundle({ ...mismatched, type: 'malware' }))).toEqual([
      { location: mismatched.id, message: `id names type "tool" but the object's type is "malware"` },
    ]);
  });

  it('keeps the newest of several versions of an object, and refuses two versions with the same modified', () => {
    const tool = sdo('tool', { name: 'T' });
    const newer = { ...tool, name: 'T2', modified: '2024-02-01T00:00:00Z' };
    const document = parse(newer, tool);
    expect(document.entities.map((item) => item.name)).toEqual(['T2']);
    expect(document.warnings).toEqual([
      'kept the newest version of objects the bundle holds several versions of (1 older version left out)',
    ]);
    expect(problemsOf(bundle(tool, { ...tool, name: 'T3' }))).toEqual([
      {
        location: tool.id,
        message: 'appears twice with the same modified (objects 0, 1); versions of an object need different modified timestamps',
      },
    ]);
  });

  it('names the referring object and the malformed ref', () => {
    const tool = sdo('tool', { name: 'T' });
    const link = sdo('relationship', { relationship_type: 'uses', source_ref: 'apt-1', target_ref: tool.id });
    const report = sdo('report', { name: 'R', object_refs: [tool.id, 'nonsense'] });
    expect(problemsOf(bundle(tool, link, report))).toEqual([
      { location: link.id, message: 'source_ref "apt-1" is not a STIX id (type--uuid)' },
      { location: report.id, message: 'object_refs.1 "nonsense" is not a STIX id (type--uuid)' },
    ]);
  });

  it('checks confidence, time order, x_ae_ vocabularies and required fields, and collects every problem', () => {
    const a = sdo('intrusion-set', { name: 'A', confidence: 101 });
    const b = sdo('identity', { name: 'B', x_ae_kind: 'SPACESHIP' });
    const late = sro(a, 'uses', b, {
      confidence: 50.5,
      start_time: '2023-01-02T00:00:00Z',
      stop_time: '2023-01-01T00:00:00Z',
      x_ae_stance: 'MAYBE',
    });
    const incomplete = sdo('relationship', { source_ref: a.id });
    const note = sdo('note', { object_refs: [a.id], x_ae_date: 'yesterday' });
    const report = sdo('report', { name: 'R', object_refs: [a.id], published: '2023-02-30T00:00:00Z' });
    expect(problemsOf(bundle(a, b, late, incomplete, note, report))).toEqual([
      { location: a.id, message: 'confidence must be from 0 to 100' },
      { location: b.id, message: expect.stringMatching(/^x_ae_kind must be one of THREAT_ACTOR, STATE/) },
      { location: late.id, message: 'confidence must be a whole number' },
      { location: late.id, message: 'x_ae_stance must be one of ASSERTED, CLAIMED, SUSPECTED, DENIED' },
      { location: late.id, message: 'stop_time (2023-01-01T00:00:00Z) is before start_time (2023-01-02T00:00:00Z)' },
      { location: incomplete.id, message: 'relationship_type is required on a relationship' },
      { location: incomplete.id, message: 'target_ref is required on a relationship' },
      { location: note.id, message: 'x_ae_date must be a STIX timestamp such as 2023-12-25T08:00:00Z' },
      { location: note.id, message: 'content is required on a note' },
      { location: report.id, message: 'published must be a STIX timestamp such as 2023-12-25T08:00:00Z' },
    ]);
  });
});

describe('parseStixBundle: the APT fixture', () => {
  const content = fs.readFileSync(new URL('../../../../fixtures/stix/apt-bundle.json', import.meta.url), 'utf8');
  const { document, problems } = parseStixBundle(content);
  const byName = (name: string) => document!.entities.find((item) => item.name === name)!;

  it('maps the realistic bundle without problems', () => {
    expect(problems).toEqual([]);
    // Every object of the bundle arrives: 19 entities, the indicator among them, and its TLP marking on them.
    expect(document!.entities).toHaveLength(20);
    expect(document!.warnings).toEqual([]);
    expect(byName('Islamic Republic of Iran')).toMatchObject({ kind: 'STATE', properties: { isoCode: 'IR' } });
    expect(byName('DEV-0842')).toMatchObject({
      kind: 'INTRUSION_SET',
      aliases: ['Void Manticore', 'Storm-0842'],
      extra: { x_vendor_tracking_id: 'DEV-0842' },
    });
  });

  it('records the opinion as a denial disputing the attribution to Iran', () => {
    const denial = document!.entities.find((item) => item.kind === 'DENIAL')!;
    const disputed = document!.relationships.filter((link) => link.disputedBy.includes(denial.id));
    expect(disputed.map((link) => [link.type, link.to])).toEqual([['ATTRIBUTED_TO', byName('Islamic Republic of Iran').id]]);
  });

  it('gives the same document for the same content', () => {
    expect(parseStixBundle(content)).toEqual({ document, problems });
  });
});

describe('evidence from STIX', () => {
  const page = { source_name: 'Associated Press (via KESQ)', url: 'https://example.org/ap-story', description: 'Mandiant said...' };
  const mandiant = sdo('identity', { name: 'Mandiant', identity_class: 'organization' });
  const ap = sdo('identity', { name: 'Associated Press', identity_class: 'organization' });
  const attack = sdo('campaign', { name: 'July attack' });
  const iran = sdo('identity', { name: 'Government of Iran', identity_class: 'organization' });
  const actor = sdo('threat-actor', { name: 'HomeLand Justice' });

  it("takes a citation's origin from its object's creator: one page carrying two organisations' findings is two sources", () => {
    const finding = sro(attack, 'attributed-to', iran, { confidence: 50, created_by_ref: mandiant.id, external_references: [page] });
    const report = sdo('report', {
      name: 'AP story',
      published: '2022-08-04T00:00:00Z',
      object_refs: [attack.id],
      created_by_ref: ap.id,
      external_references: [page],
    });
    const unknownCreator = sro(actor, 'attributed-to', iran, {
      confidence: 50,
      created_by_ref: `identity--${uuid(999)}`,
      external_references: [page],
    });
    const document = parse(mandiant, ap, attack, iran, actor, finding, report, unknownCreator);
    const ofPage = document.sources.filter((source) => source.url === page.url);
    expect(ofPage.map((source) => source.origin).sort()).toEqual(['Associated Press', 'Mandiant', `identity--${uuid(999)}`]);
    expect(new Set(ofPage.map((source) => source.id)).size).toBe(3);
  });

  it('makes the sources of an object derived from another derive from its sources, and a claim CLAIMED whatever its confidence', () => {
    const treasury = sdo('report', {
      name: 'Treasury release',
      published: '2022-09-09T00:00:00Z',
      object_refs: [attack.id],
      external_references: [{ source_name: 'Treasury', url: 'https://example.org/treasury' }],
    });
    const state = sdo('report', {
      name: 'State statement',
      published: '2022-09-09T00:00:00Z',
      object_refs: [attack.id],
      external_references: [{ source_name: 'State', url: 'https://example.org/state' }],
    });
    const claim = sro(attack, 'claimed-by', actor, { external_references: [page] });
    const document = parse(attack, actor, treasury, state, sro(state, 'derived-from', treasury), claim);
    const byUrl = (url: string) => document.sources.find((source) => source.url === url)!;
    expect(byUrl('https://example.org/state').derivedFrom).toEqual([byUrl('https://example.org/treasury').id]);
    expect(byUrl('https://example.org/treasury').derivedFrom).toBeUndefined();
    expect(relationship(document, claim.id)).toMatchObject({ type: 'CLAIMED_BY', stance: 'CLAIMED' });
  });
});
