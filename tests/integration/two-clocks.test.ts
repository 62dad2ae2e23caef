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
    // The July attack's place in the campaign rests only on the undated seed article (recorded when the case was loaded).
    const undated = 'rel-july-2022-part-of-campaign';
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

  it('refuses a range that runs backwards', async () => {
    const result = await server.graphql(changesQuery, { from: '2022-09-30', to: '2022-08-01' });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
