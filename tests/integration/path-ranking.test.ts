import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/graph.js';

// The founding case, loaded by the global setup, is read here and never changed.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const pathsQuery = /* GraphQL */ `
  query RankedPaths(
    $from: ID!
    $to: ID!
    $maxHops: Int
    $limit: Int
    $filter: RelationshipFilter
    $profile: PathProfile
    $typeWeights: [TypeWeightInput!]
    $maxOverlap: Float
  ) {
    paths(
      from: $from
      to: $to
      maxHops: $maxHops
      limit: $limit
      filter: $filter
      profile: $profile
      typeWeights: $typeWeights
      maxOverlap: $maxOverlap
    ) {
      hops
      score
      support
      exhaustive
      metaPath
      reading
      band
      variants
      entities {
        id
        kind
        name
      }
      relationships {
        id
        type
        stance
      }
      steps {
        from {
          id
        }
        to {
          id
        }
        relationships {
          id
          type
          stance
          from {
            id
          }
        }
        support
        evidenceGroups
        singleSource
        contested
        claimed
      }
      criticalSource {
        id
        reliability
        origin
      }
      variantPaths {
        entities {
          id
        }
        variants
      }
    }
  }
`;

interface Step {
  from: { id: string };
  to: { id: string };
  relationships: { id: string; type: string; stance: string; from: { id: string } }[];
  support: number;
  evidenceGroups: number;
  singleSource: boolean;
  contested: boolean;
  claimed: boolean;
}
interface Path {
  hops: number;
  score: number;
  support: number;
  exhaustive: boolean;
  metaPath: string;
  reading: string;
  band: 'LOW' | 'MODERATE' | 'HIGH';
  variants: number;
  entities: { id: string; kind: string; name: string }[];
  relationships: { id: string; type: string; stance: string }[];
  steps: Step[];
  criticalSource: { id: string; reliability: string; origin: string } | null;
  variantPaths: { entities: { id: string }[]; variants: number }[];
}

async function paths(variables: Record<string, unknown>): Promise<Path[]> {
  const { data, errors } = await server.graphql<{ paths: Path[] }>(pathsQuery, variables);
  expect(errors).toBeUndefined();
  return data!.paths;
}

const ids = (path: Path) => path.entities.map((entity) => entity.id);
const contextTypes = ['TARGETED', 'SEVERED_TIES_WITH', 'SUPPORTS', 'FOLLOWS'];

/** Steps as the diversity rule counts them: pairs of entities, a claim or denial passed through standing for its author's word. */
function stepPairs(path: Path): string[] {
  const anchors = path.entities.filter(
    (entity, index) => index === 0 || index === path.entities.length - 1 || !['CLAIM', 'DENIAL'].includes(entity.kind),
  );
  return anchors.slice(1).map((entity, index) => [anchors[index].id, entity.id].sort().join('~'));
}
function overlap(a: Path, b: Path): number {
  const [x, y] = [new Set(stepPairs(a)), new Set(stepPairs(b))];
  return [...x].filter((pair) => y.has(pair)).length / Math.min(x.size, y.size);
}

describe('paths on the founding case (issue 14 acceptance)', () => {
  for (const maxHops of [4, 8]) {
    it(`Homeland Justice -> the US sanctions at maxHops ${maxHops}: #1 through Iran or MOIS, the top 5 without context links or denials`, async () => {
      const found = await paths({ from: 'homeland-justice', to: 'sanc-us-mois-2022', maxHops });
      expect(found.length).toBe(5);
      expect(ids(found[0]).some((id) => id === 'iran' || id === 'iran-mois')).toBe(true);
      for (const path of found) {
        expect(path.exhaustive).toBe(true);
        expect(path.relationships.filter((link) => contextTypes.includes(link.type))).toEqual([]);
        expect(path.entities.filter((entity) => entity.kind === 'DENIAL')).toEqual([]);
        expect(path.relationships.filter((link) => link.stance === 'DENIED')).toEqual([]);
      }
      // Best first, and pairwise diverse: at most half of the steps of the shorter of two paths in common.
      for (let i = 1; i < found.length; i += 1) expect(found[i - 1].score).toBeGreaterThanOrEqual(found[i].score);
      for (const [i, a] of found.entries()) for (const b of found.slice(i + 1)) expect(overlap(a, b)).toBeLessThanOrEqual(0.5);
    });
  }

  it('with stances [ASSERTED, SUSPECTED] no path passes through a claim node or uses a claimed link', async () => {
    for (const maxHops of [4, 8]) {
      const found = await paths({
        from: 'homeland-justice',
        to: 'sanc-us-mois-2022',
        maxHops,
        filter: { stances: ['ASSERTED', 'SUSPECTED'] },
      });
      expect(found.length).toBeGreaterThan(0);
      for (const path of found) {
        expect(path.entities.filter((entity) => entity.kind === 'CLAIM')).toEqual([]);
        expect(path.relationships.filter((link) => link.stance === 'CLAIMED')).toEqual([]);
        expect(path.steps.some((step) => step.claimed)).toBe(false);
      }
    }
  });

  it("Iran's foreign ministry -> the July 2022 attack never runs through the ministry's own denial", async () => {
    for (const maxHops of [4, 8]) {
      const found = await paths({ from: 'iran-mfa', to: 'inc-july-2022', maxHops, limit: 10 });
      expect(found.length).toBeGreaterThan(0);
      for (const path of found) {
        expect(ids(path).filter((id) => id.startsWith('denial-'))).toEqual([]);
        expect(path.relationships.filter((link) => link.stance === 'DENIED')).toEqual([]);
      }
      // Asked for, a denial is found, and reads as one.
      const withDenials = await paths({
        from: 'iran-mfa',
        to: 'inc-july-2022',
        maxHops,
        limit: 10,
        filter: { stances: ['ASSERTED', 'CLAIMED', 'SUSPECTED', 'DENIED'] },
        profile: 'ANY_CONNECTION',
      });
      const throughDenial = withDenials.find((path) => path.entities.some((entity) => entity.kind === 'DENIAL'));
      expect(throughDenial).toBeDefined();
      expect(throughDenial!.steps.every((step) => step.claimed)).toBe(true);
      expect(throughDenial!.band).toBe('LOW');
    }
  });

  it('explains the best path: meta-path, a sentence in reading order, a band in words, steps, the critical source', async () => {
    const [best] = await paths({ from: 'homeland-justice', to: 'sanc-us-mois-2022' });
    expect(ids(best)).toEqual(['homeland-justice', 'iran', 'iran-mois', 'sanc-us-mois-2022']);
    expect(best.metaPath).toBe('ThreatActor -affiliated with-> State <-part of- Organization <-sanctions- Sanction');
    expect(best.reading).toBe(
      "Homeland Justice is affiliated with Iran (suspected), which includes Ministry of Intelligence and Security of Iran, which is sanctioned by US Treasury sanctions on Iran's Ministry of Intelligence and Security.",
    );
    // Iran's denial disputes the affiliation: corroborated, but contested, so no higher than moderate.
    expect(best.band).toBe('MODERATE');
    expect(best.steps.map((step) => [step.from.id, step.to.id])).toEqual([
      ['homeland-justice', 'iran'],
      ['iran', 'iran-mois'],
      ['iran-mois', 'sanc-us-mois-2022'],
    ]);
    expect(best.steps[0]).toMatchObject({ contested: true, singleSource: false, claimed: false });
    // The seed article retells The Record: the three citations of the affiliation are three origins, not four.
    expect(best.steps[0].evidenceGroups).toBe(3);
    expect(best.support).toBeCloseTo(
      best.steps.reduce((product, step) => product * step.support, 1),
      10,
    );
    expect(best.score).toBeLessThan(best.support);
    // Without the State Department's statement, MOIS is part of Iran on the anonymous seed article's word alone.
    expect(best.criticalSource).toMatchObject({ id: 'src-state-2022-09-09', reliability: 'A', origin: 'U.S. Department of State' });
  });

  it('folds near-duplicates into the path they resemble, and lists them', async () => {
    const [best] = await paths({ from: 'homeland-justice', to: 'sanc-us-mois-2022', maxHops: 8 });
    expect(best.variants).toBeGreaterThan(0);
    expect(best.variantPaths.length).toBe(Math.min(best.variants, 5));
    for (const variant of best.variantPaths) expect(variant.variants).toBe(0);
    // With maxOverlap 1 nothing is folded: the near-duplicates come back as paths of their own.
    const all = await paths({ from: 'homeland-justice', to: 'sanc-us-mois-2022', maxHops: 8, maxOverlap: 1, limit: 20 });
    expect(all.every((path) => path.variants === 0)).toBe(true);
    const variantIds = best.variantPaths.map((variant) => variant.entities.map((entity) => entity.id).join('>'));
    expect(all.map((path) => ids(path).join('>'))).toEqual(expect.arrayContaining(variantIds.slice(0, 1)));
  });

  it('what-if: leaving out the only sources of a link removes every path through it, by source id or by origin', async () => {
    const claimedJuly = (path: Path) => path.relationships.some((link) => link.id === 'rel-july-claimed-by-hj');
    const before = await paths({ from: 'homeland-justice', to: 'sanc-us-mois-2022', maxHops: 6, limit: 10 });
    expect(before.some(claimedJuly)).toBe(true);
    const bySource = await paths({
      from: 'homeland-justice',
      to: 'sanc-us-mois-2022',
      maxHops: 6,
      limit: 10,
      filter: { excludeSources: ['src-cisa-aa22-264a', 'src-therecord-2023-12-27'] },
    });
    expect(bySource.length).toBeGreaterThan(0);
    expect(bySource.some(claimedJuly)).toBe(false);
    // Origins compare without case or punctuation: "cisa fbi" is CISA/FBI.
    const byOrigin = await paths({
      from: 'homeland-justice',
      to: 'sanc-us-mois-2022',
      maxHops: 6,
      limit: 10,
      filter: { excludeOrigins: ['cisa fbi', 'The Record (Recorded Future News)'] },
    });
    expect(byOrigin.map(ids)).toEqual(bySource.map(ids));
    // A source left out lowers the support of the steps it backed, never raises it.
    const withoutState = await paths({
      from: 'homeland-justice',
      to: 'sanc-us-mois-2022',
      filter: { excludeSources: ['src-state-2022-09-09'] },
    });
    const same = withoutState.find((path) => ids(path).join('>') === 'homeland-justice>iran>iran-mois>sanc-us-mois-2022')!;
    expect(same.support).toBeLessThan(before.find((path) => ids(path).join('>') === ids(same).join('>'))!.support);
  });

  it('profiles: ANY_CONNECTION follows context links anywhere, typeWeights leave a type out, bad arguments are refused', async () => {
    const any = await paths({ from: 'homeland-justice', to: 'iran', profile: 'ANY_CONNECTION', limit: 10 });
    expect(any.some((path) => path.relationships.some((link) => link.type === 'TARGETED'))).toBe(true);
    const attribution = await paths({ from: 'homeland-justice', to: 'iran', limit: 10 });
    for (const path of attribution) {
      // A context link only ever touches an end.
      path.steps.forEach((step, index) => {
        if (step.relationships.some((link) => contextTypes.includes(link.type))) expect([0, path.steps.length - 1]).toContain(index);
      });
    }
    const noAffiliation = await paths({ from: 'homeland-justice', to: 'iran', typeWeights: [{ type: 'AFFILIATED_WITH', weight: 0 }] });
    expect(noAffiliation.some((path) => path.relationships.some((link) => link.type === 'AFFILIATED_WITH'))).toBe(false);
    for (const [variables, message] of [
      [{ typeWeights: [{ type: 'LIKES', weight: 1 }] }, /unknown relationship type LIKES/],
      [{ typeWeights: [{ type: 'USES', weight: 2 }] }, /from 0 to 1/],
      [{ maxOverlap: 1.5 }, /maxOverlap must be a number from 0 to 1/],
      [{ filter: { excludeOrigins: Array.from({ length: 501 }, (_, i) => `o${i}`) } }, /at most 500/],
    ] as const) {
      const { errors } = await server.graphql(pathsQuery, { from: 'homeland-justice', to: 'iran', ...variables });
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0].message).toMatch(message);
    }
  });
});
