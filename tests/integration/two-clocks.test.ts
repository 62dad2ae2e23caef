import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/graph.js';

// The founding case, loaded by the global setup, is read here and never changed.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

interface Link {
  id: string;
  since: string | null;
  sources: { id: string; published: string | null }[];
}

const neighbourhoodQuery = /* GraphQL */ `
  query Known($ids: [ID!]!, $filter: RelationshipFilter) {
    neighbourhood(ids: $ids, depth: 1, filter: $filter) {
      relationships {
        id
        since
        sources {
          id
          published
        }
      }
    }
  }
`;

async function linksKnown(filter: Record<string, unknown> | null): Promise<Link[]> {
  const result = await server.graphql<{ neighbourhood: { relationships: Link[] } }>(neighbourhoodQuery, {
    ids: ['inc-july-2022', 'homeland-justice'],
    filter,
  });
  if (result.errors) throw new Error(result.errors[0].message);
  return result.data!.neighbourhood.relationships;
}

const firstPublished = (link: Link) =>
  link.sources
    .map((source) => source.published)
    .filter(Boolean)
    .sort()[0] ?? null;

describe('knowledge time (knownAsOf) beside valid time (asOf)', () => {
  it('shows nothing first published after knownAsOf, and the FBI/CISA attribution from 2022-09-22', async () => {
    const everything = await linksKnown(null);
    expect(everything.length).toBeGreaterThan(10);
    for (const knownAsOf of ['2022-08-01', '2022-09-08', '2022-09-20']) {
      const known = await linksKnown({ knownAsOf });
      for (const link of known) expect(firstPublished(link), `${link.id} on ${knownAsOf}`).not.toBeNull();
      for (const link of known) expect(firstPublished(link)! <= knownAsOf, `${link.id} on ${knownAsOf}`).toBe(true);
      expect(known.map((link) => link.id)).not.toContain('rel-hj-affiliated-iran');
    }
    expect(await linksKnown({ knownAsOf: '2022-08-01' })).toEqual([]);
    const afterAdvisory = (await linksKnown({ knownAsOf: '2022-09-22' })).map((link) => link.id);
    // CISA/FBI AA22-264A (published 2022-09-21): "Iranian state cyber actors—identifying as 'HomeLand Justice'".
    expect(afterAdvisory).toEqual(expect.arrayContaining(['rel-hj-affiliated-iran', 'rel-hj-uses-zerocleare', 'rel-july-claimed-by-hj']));
    // December 2023 reporting is not known in September 2022.
    expect(afterAdvisory).not.toContain('rel-parliament-claimed-by-hj');
  });

  it('dates a link with only undated sources by its recording, never as always known, and keeps the two clocks independent', async () => {
    // Homeland Justice's use of ROADSWEEP rests only on SecurityWeek's undated article (recorded when the case was loaded).
    const undated = 'rel-hj-uses-roadsweep';
    expect((await linksKnown({ knownAsOf: '2022-09-30' })).map((link) => link.id)).not.toContain(undated);
    expect((await linksKnown({ knownAsOf: '2022-09-30', includeUndated: false })).map((link) => link.id)).not.toContain(undated);
    // Recorded today: known today, even without includeUndated.
    expect((await linksKnown({ knownAsOf: new Date().toISOString().slice(0, 10) })).map((link) => link.id)).toContain(undated);
    // Valid time alone still shows what was true on the day, whenever it was learnt.
    const validOnly = (await linksKnown({ asOf: '2022-08-01' })).map((link) => link.id);
    expect(validOnly).toContain('rel-july-targeted-albania');
    const both = await linksKnown({ asOf: '2022-08-01', knownAsOf: '2022-09-08' });
    expect(both.map((link) => link.id)).toContain('rel-july-targeted-albania');
    expect(both.map((link) => link.id)).not.toContain('rel-july-attributed-iran');
  });

  it('knows what rests only on the seed article from its inferred publication day, 2023-12-31, and not before', async () => {
    // The seed article states no date; it is recorded as published on 2023-12-31 (the latest day its text allows),
    // inferred. The July attack's place in the campaign and the December attack's sequel to it rest on it alone.
    const seedOnly = ['rel-july-2022-part-of-campaign', 'rel-parliament-follows-july'];
    type Cited = { id: string; published: string; publishedInferred: boolean; publishedNote: string | null };
    const read = await server.graphql<{ relationship: { knownSince: string; sources: Cited[] } }>(/* GraphQL */ `
      query {
        relationship(id: "rel-july-2022-part-of-campaign") {
          knownSince
          sources {
            id
            published
            publishedInferred
            publishedNote
          }
        }
      }
    `);
    expect(read.errors).toBeUndefined();
    expect(read.data!.relationship.knownSince).toBe('2023-12-31');
    const seed = read.data!.relationship.sources[0];
    expect(seed).toMatchObject({ id: 'src-seed-article', published: '2023-12-31', publishedInferred: true });
    expect(seed.publishedNote).toContain('“Reports from local media emerged earlier this week”');
    const before = (await linksKnown({ knownAsOf: '2023-12-30' })).map((link) => link.id);
    for (const id of seedOnly) expect(before, `${id} on 2023-12-30`).not.toContain(id);
    const after = (await linksKnown({ knownAsOf: '2024-01-01' })).map((link) => link.id);
    expect(after).toEqual(expect.arrayContaining(seedOnly));
  });

  it('refuses a knownAsOf that is not a date', async () => {
    const result = await server.graphql(neighbourhoodQuery, { ids: ['inc-july-2022'], filter: { knownAsOf: '2022-13-01' } });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('changes between two knowledge dates', () => {
  const changesQuery = /* GraphQL */ `
    query Changes($from: Date!, $to: Date!, $ids: [ID!]) {
      changes(from: $from, to: $to, ids: $ids) {
        kind
        date
        subjectId
        description
        source {
          id
        }
        relationship {
          id
        }
      }
    }
  `;

  it('lists the FBI/CISA advisory and the ranking change it caused, between 2022-08-01 and 2022-09-30', async () => {
    const result = await server.graphql<{ changes: { kind: string; date: string; subjectId: string; description: string }[] }>(
      changesQuery,
      {
        from: '2022-08-01',
        to: '2022-09-30',
      },
    );
    expect(result.errors).toBeUndefined();
    const changes = result.data!.changes;
    const appeared = changes.filter((change) => change.kind === 'APPEARED');
    expect(appeared.find((change) => change.subjectId === 'rel-hj-affiliated-iran')).toMatchObject({ date: '2022-09-21' });
    expect(appeared.find((change) => change.subjectId === 'rel-july-attributed-iran')).toMatchObject({ date: '2022-09-07' });
    expect(changes.find((change) => change.kind === 'SOURCE_PUBLISHED' && change.subjectId === 'src-cisa-aa22-264a')?.date).toBe(
      '2022-09-21',
    );
    for (const change of changes) expect(change.date > '2022-08-01' && change.date <= '2022-09-30', change.description).toBe(true);
    expect(changes.some((change) => change.subjectId === 'rel-parliament-claimed-by-hj')).toBe(false);
    const ranking = changes.find((change) => change.kind === 'RANKING_CHANGED' && change.subjectId === 'inc-july-2022');
    expect(ranking?.description).toBe(
      'July 2022 cyberattack on Albanian government services: no hypothesis led on 2022-08-01; ' +
        'Iran (state, with Ministry of Intelligence and Security of Iran) leads on 2022-09-30 ' +
        '(Iran (state, with Ministry of Intelligence and Security of Iran): not yet a hypothesis -> rank 1; ' +
        'Homeland Justice acting alone: not yet a hypothesis -> rank 2).',
    );
  });

  const pathBandQuery = /* GraphQL */ `
    query PathBand($from: Date!, $to: Date!, $path: ChosenPathInput) {
      changes(from: $from, to: $to, ids: ["homeland-justice"], path: $path) {
        kind
        date
        description
        pathBand {
          entityIds
          before
          after
          supportBefore
          supportAfter
        }
      }
    }
  `;
  // Homeland Justice -affiliated with-> Iran <-part of- MOIS <-sanctions- the US sanctions, as the path panel gives it.
  const sanctionsPath = ['rel-hj-affiliated-iran', 'rel-mois-part-of-iran', 'rel-sanction-sanctions-mois'];
  type PathBand = { before: string | null; after: string | null; supportBefore: number | null; supportAfter: number | null };
  async function pathBand(from: string, to: string, relationships: string[]) {
    const result = await server.graphql<{ changes: { kind: string; date: string; description: string; pathBand: PathBand | null }[] }>(
      pathBandQuery,
      { from, to, path: { relationships } },
    );
    if (result.errors) throw new Error(result.errors[0].message);
    const bands = result.data!.changes.filter((change) => change.kind === 'PATH_BAND');
    expect(bands).toHaveLength(1);
    return bands[0];
  }

  it("reports what the FBI/CISA advisory did to a chosen path's band, worked by hand from the seed", async () => {
    // By hand, ATTRIBUTION profile (asserted and suspected links count in full; strength = confidence x reliability
    // weight, A 1, B 0.9, D 0.5, C 0.75; credibility not judged: 1). On 2022-08-01 no source of the first step
    // (seed article, dated 2023-12-31 by inference; CISA/FBI AA22-264A, 2022-09-21; OODA Loop, 2024-02-14) was
    // published: the path was not known. On 2022-09-30 each step keeps the citations published by then:
    //   Homeland Justice -> Iran: CISA/FBI (B) 0.65 x 0.9 = 0.585 (the seed and OODA Loop later: left out)
    //   MOIS -> Iran: State (A) 0.95 x 1 = 0.95 (the seed later)
    //   sanctions -> MOIS: State (A) 0.95 (cited twice, one group; RFE/RL undated beside dated sources: left out)
    //   support = 0.585 x 0.95 x 0.95 = 0.5280; >= 0.2 and no claimed step, but one reliable group per step and
    //   the first step disputed by Iran's denial, so MODERATE, not HIGH.
    const change = await pathBand('2022-08-01', '2022-09-30', sanctionsPath);
    expect(change.date).toBe('2022-09-30');
    expect(change.pathBand).toMatchObject({
      entityIds: ['homeland-justice', 'iran', 'iran-mois', 'sanc-us-mois-2022'],
      before: null,
      after: 'MODERATE',
      supportBefore: null,
    });
    expect(change.pathBand!.supportAfter).toBeCloseTo(0.585 * 0.95 * 0.95, 6);
    expect(change.description).toBe(
      "Path Homeland Justice → Iran → Ministry of Intelligence and Security of Iran → US Treasury sanctions on Iran's Ministry of " +
        'Intelligence and Security was not known on 2022-08-01 (nothing known then links Homeland Justice and Iran); ' +
        'MODERATE on 2022-09-30 (support 0.53).',
    );
  });

  it("follows the same path's support to 2024-03-01, with the seed article's inferred date", async () => {
    // On 2024-03-01 the seed article (D, inferred 2023-12-31; it retells The Record, a group of its own) and OODA
    // Loop (C, 2024-02-14) have joined:
    //   Homeland Justice -> Iran: 1 - (1 - 0.585)(1 - 0.65 x 0.5)(1 - 0.65 x 0.75) = 1 - 0.415 x 0.675 x 0.5125
    //   MOIS -> Iran: 1 - (1 - 0.95)(1 - 0.95 x 0.5);  sanctions -> MOIS: the same (RFE/RL still undated)
    // MOIS -> Iran has one graded (A-C) group only (the seed article is D), so the band stays MODERATE.
    const first = 1 - 0.415 * 0.675 * 0.5125;
    const second = 1 - 0.05 * 0.525;
    const change = await pathBand('2022-09-30', '2024-03-01', sanctionsPath);
    expect(change.pathBand).toMatchObject({ before: 'MODERATE', after: 'MODERATE' });
    expect(change.pathBand!.supportBefore).toBeCloseTo(0.585 * 0.95 * 0.95, 6);
    expect(change.pathBand!.supportAfter).toBeCloseTo(first * second * second, 6);
    expect(change.description).toMatch(/ stayed MODERATE \(support 0\.53 → 0\.81\)\.$/);
  });

  it('refuses links that do not make a path, and names links it does not know', async () => {
    const notAPath = await server.graphql(pathBandQuery, {
      from: '2022-08-01',
      to: '2022-09-30',
      path: { relationships: ['rel-hj-affiliated-iran', 'rel-sanction-sanctions-mois'] },
    });
    expect(notAPath.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await server.graphql(pathBandQuery, { from: '2022-08-01', to: '2022-09-30', path: { relationships: ['rel-nowhere'] } });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a range that runs backwards', async () => {
    const result = await server.graphql(changesQuery, { from: '2022-09-30', to: '2022-08-01' });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
