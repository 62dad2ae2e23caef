import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  neighbourGroupFields,
  neighbourPageQuery as pageQuery,
  neighbourTotalsFields,
  type NeighbourPage as Page,
} from '../support/canvas-queries.js';
import { startTestServer, type TestServer } from '../support/graph.js';

// What the canvas asks of the server at scale: a first-view summary, hubs as groups, pages of a group, expand counts
// that leave out what is drawn, and a saved view's entities with the links among them. On the founding case,
// which the global setup loads and no test changes.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

type Link = { id: string; confidence: number; from: { id: string }; to: { id: string } };

function connected(ids: string[], links: Link[]): boolean {
  const seen = new Set([ids[0]]);
  for (let grew = true; grew;) {
    grew = false;
    for (const link of links) {
      const [a, b] = [link.from.id, link.to.id];
      if (seen.has(a) !== seen.has(b)) {
        seen.add(seen.has(a) ? b : a);
        grew = true;
      }
    }
  }
  return ids.every((id) => seen.has(id));
}

describe('graphSummary', () => {
  it('is one connected picture of at most `limit` entities, with the graph totals', async () => {
    const { data, errors } = await server.graphql<{
      graphSummary: {
        entities: { id: string; name: string }[];
        relationships: Link[];
        totalEntities: number;
        totalRelationships: number;
        unconnected: number;
      };
    }>(/* GraphQL */ `
      {
        graphSummary(limit: 12) {
          entities {
            id
            name
          }
          relationships {
            id
            confidence
            from {
              id
            }
            to {
              id
            }
          }
          totalEntities
          totalRelationships
          unconnected
        }
      }
    `);
    expect(errors).toBeUndefined();
    const summary = data!.graphSummary;
    expect(summary.entities.length).toBe(12);
    expect(summary.totalEntities).toBeGreaterThanOrEqual(36);
    expect(summary.totalRelationships).toBeGreaterThan(summary.relationships.length);
    const ids = summary.entities.map((e) => e.id);
    expect(ids).toContain('iran');
    for (const link of summary.relationships) expect(ids).toEqual(expect.arrayContaining([link.from.id, link.to.id]));
    expect(connected(ids, summary.relationships)).toBe(true);
  });

  it('refuses a limit out of range', async () => {
    const { errors } = await server.graphql(/* GraphQL */ `
      {
        graphSummary(limit: 5000) {
          totalEntities
        }
      }
    `);
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const groupsQuery = /* GraphQL */ `
  query Groups($id: ID!, $exclude: [ID!]) {
    neighbourGroups(id: $id, exclude: $exclude) { ${neighbourGroupFields} }
    neighbourCounts(id: $id, exclude: $exclude) {
      type
      direction
      count
    }
  }
`;
type Group = { type: string; direction: string; kind: string; count: number; maxConfidence: number };

describe('hubs as groups', () => {
  it('groups neighbours by type, direction and kind, agreeing with the expand counts, and leaves out what is drawn', async () => {
    const all = await server.graphql<{ neighbourGroups: Group[]; neighbourCounts: { type: string; direction: string; count: number }[] }>(
      groupsQuery,
      { id: 'iran' },
    );
    expect(all.errors).toBeUndefined();
    const groups = all.data!.neighbourGroups;
    expect(groups.length).toBeGreaterThan(1);
    // A neighbour linked by one type counts once per kind it is, so per type and direction the groups add up.
    for (const count of all.data!.neighbourCounts) {
      const sum = groups.filter((g) => g.type === count.type && g.direction === count.direction).reduce((s, g) => s + g.count, 0);
      expect(sum, `${count.type} ${count.direction}`).toBe(count.count);
    }
    const biggest = groups[0];
    const page = await server.graphql<{ neighbourPage: Page }>(pageQuery, { id: 'iran', ...pick(biggest), limit: 50 });
    const drawn = page.data!.neighbourPage.entities.map((e) => e.id);
    const without = await server.graphql<{
      neighbourGroups: Group[];
      neighbourCounts: { type: string; direction: string; count: number }[];
    }>(groupsQuery, { id: 'iran', exclude: drawn });
    expect(without.data!.neighbourGroups.find((g) => same(g, biggest))).toBeUndefined();
    const before = all.data!.neighbourCounts.reduce((s, c) => s + c.count, 0);
    const after = without.data!.neighbourCounts.reduce((s, c) => s + c.count, 0);
    expect(after).toBeLessThan(before);
  });

  it('pages through a group: each page is exactly the next one, nothing twice, nothing skipped, remaining counts down', async () => {
    const { data } = await server.graphql<{ neighbourGroups: Group[] }>(groupsQuery, { id: 'iran' });
    const group = data!.neighbourGroups.find((g) => g.count >= 3)!;
    const full = await server.graphql<{ neighbourPage: Page }>(pageQuery, { id: 'iran', ...pick(group), limit: 500 });
    const everyone = full.data!.neighbourPage.entities.map((e) => e.id);
    expect(everyone).toHaveLength(group.count);
    expect(full.data!.neighbourPage.remaining).toBe(0);
    const seen: string[] = [];
    for (let pageNumber = 0; seen.length < group.count; pageNumber += 1) {
      const next = await server.graphql<{ neighbourPage: Page }>(pageQuery, { id: 'iran', ...pick(group), exclude: seen, limit: 2 });
      const page = next.data!.neighbourPage;
      expect(page.total).toBe(group.count - seen.length);
      expect(page.entities.map((e) => e.id)).toEqual(everyone.slice(seen.length, seen.length + 2));
      expect(page.remaining).toBe(Math.max(0, group.count - seen.length - 2));
      for (const link of page.relationships) {
        expect(link.type).toBe(group.type);
        expect([link.from.id, link.to.id]).toContain('iran');
      }
      seen.push(...page.entities.map((e) => e.id));
      expect(pageNumber).toBeLessThan(group.count);
    }
    expect(new Set(seen).size).toBe(group.count);
  });

  it('orders a page by the strongest link to the hub, or by the newest date', async () => {
    const { data } = await server.graphql<{ neighbourGroups: Group[] }>(groupsQuery, { id: 'albania' });
    const group = data!.neighbourGroups.find((g) => g.count >= 2)!;
    const strongest = (await server.graphql<{ neighbourPage: Page }>(pageQuery, { id: 'albania', ...pick(group), limit: 100 })).data!
      .neighbourPage;
    const best = (id: string) =>
      Math.max(...strongest.relationships.filter((r) => [r.from.id, r.to.id].includes(id)).map((r) => r.confidence));
    const order = strongest.entities.map((e) => best(e.id));
    expect(order).toEqual([...order].sort((a, b) => b - a));
    const newest = (
      await server.graphql<{ neighbourPage: Page }>(pageQuery, { id: 'albania', ...pick(group), order: 'NEWEST', limit: 100 })
    ).data!.neighbourPage;
    expect(new Set(newest.entities.map((e) => e.id))).toEqual(new Set(strongest.entities.map((e) => e.id)));
  });

  it('says so when the entity, the type or the kind does not exist', async () => {
    const unknown = await server.graphql(pageQuery, { id: 'no-such-entity', type: 'TARGETED', direction: 'IN', kind: 'INCIDENT' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const badType = await server.graphql(pageQuery, { id: 'iran', type: 'LIKES', direction: 'IN', kind: 'INCIDENT' });
    expect(badType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badDirection = await server.graphql(pageQuery, { id: 'iran', type: 'TARGETED', direction: 'SIDEWAYS', kind: 'INCIDENT' });
    expect(badDirection.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('neighbourTotals', () => {
  type Way = { type: string; direction: string };
  type Totals = { neighbours: number; links: number; overlaps: { ways: Way[]; count: number }[] };
  const totalsQuery = /* GraphQL */ `
    query Totals($id: ID!, $exclude: [ID!]) {
      neighbourTotals(id: $id, exclude: $exclude) { ${neighbourTotalsFields} }
      neighbourCounts(id: $id, exclude: $exclude) {
        type
        direction
        count
      }
      neighbourhood(ids: [$id], depth: 1, limit: 5000) {
        entities {
          id
        }
        relationships {
          type
          from {
            id
          }
          to {
            id
          }
        }
      }
    }
  `;
  type Answer = {
    neighbourTotals: Totals;
    neighbourCounts: (Way & { count: number })[];
    neighbourhood: { entities: { id: string }[]; relationships: { type: string; from: { id: string }; to: { id: string } }[] };
  };
  const key = (way: Way) => `${way.type}/${way.direction}`;

  it('counts each neighbour once however many ways link it, agreeing with the neighbourhood and the per-way counts', async () => {
    let linkedInSeveralWays = 0;
    for (const id of ['iran', 'albania', 'iran-mois', 'homeland-justice']) {
      const { data, errors } = await server.graphql<Answer>(totalsQuery, { id });
      expect(errors).toBeUndefined();
      const { neighbourTotals: totals, neighbourCounts: byWay, neighbourhood } = data!;
      // The ground truth, from the links themselves: each neighbour and the ways it is linked to the entity.
      const ways = new Map<string, Set<string>>();
      const links = neighbourhood.relationships.filter((link) => link.from.id === id || link.to.id === id);
      for (const link of links) {
        const other = link.from.id === id ? link.to.id : link.from.id;
        ways.set(other, (ways.get(other) ?? new Set()).add(key({ type: link.type, direction: link.from.id === id ? 'OUT' : 'IN' })));
      }
      expect(totals.neighbours, id).toBe(ways.size);
      expect(totals.links, id).toBe(links.length);
      const expected = new Map<string, number>();
      for (const set of ways.values()) {
        const name = [...set].sort().join(' + ');
        expected.set(name, (expected.get(name) ?? 0) + 1);
      }
      const said = new Map(totals.overlaps.map((overlap) => [overlap.ways.map(key).sort().join(' + '), overlap.count]));
      expect(said, id).toEqual(expected);
      // Per way, the overlaps that include it add up to that way's count.
      for (const way of byWay) {
        const sum = totals.overlaps.filter((o) => o.ways.some((w) => key(w) === key(way))).reduce((s, o) => s + o.count, 0);
        expect(sum, `${id} ${key(way)}`).toBe(way.count);
      }
      linkedInSeveralWays += totals.overlaps.filter((o) => o.ways.length > 1).reduce((s, o) => s + o.count, 0);
    }
    // Otherwise nothing above tells a distinct count from a sum of the per-way counts.
    expect(linkedInSeveralWays).toBeGreaterThan(0);
  });

  it('leaves out what the canvas shows, and says so when the entity does not exist', async () => {
    const all = await server.graphql<Answer>(totalsQuery, { id: 'iran' });
    const shown = all
      .data!.neighbourhood.entities.map((e) => e.id)
      .filter((id) => id !== 'iran')
      .slice(0, 3);
    const rest = await server.graphql<Answer>(totalsQuery, { id: 'iran', exclude: shown });
    expect(rest.data!.neighbourTotals.neighbours).toBe(all.data!.neighbourTotals.neighbours - shown.length);
    const unknown = await server.graphql(totalsQuery, { id: 'no-such-entity' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('linksAmong', () => {
  it('returns the entities as they are and every link between two of them, and skips unknown ids', async () => {
    const ids = ['iran', 'albania', 'homeland-justice', 'iran-mois', 'no-such-entity'];
    const { data, errors } = await server.graphql<{
      linksAmong: { entities: { id: string }[]; relationships: Link[]; truncated: boolean };
    }>(
      /* GraphQL */ `
        query ($ids: [ID!]!) {
          linksAmong(ids: $ids) {
            entities {
              id
            }
            relationships {
              id
              confidence
              from {
                id
              }
              to {
                id
              }
            }
            truncated
          }
        }
      `,
      { ids },
    );
    expect(errors).toBeUndefined();
    expect(data!.linksAmong.entities.map((e) => e.id).sort()).toEqual(ids.slice(0, 4).sort());
    expect(data!.linksAmong.relationships.length).toBeGreaterThan(0);
    for (const link of data!.linksAmong.relationships) expect(ids).toEqual(expect.arrayContaining([link.from.id, link.to.id]));
    expect(data!.linksAmong.truncated).toBe(false);
  });
});

function pick(group: Group) {
  return { type: group.type, direction: group.direction, kind: group.kind };
}
function same(a: Group, b: Group) {
  return a.type === b.type && a.direction === b.direction && a.kind === b.kind;
}
