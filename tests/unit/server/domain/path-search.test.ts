import { describe, expect, it } from 'vitest';
import type { EntityKindName } from '../../../../shared/vocabulary.js';
import { overlap, searchPaths, type PathSearchOptions } from '../../../../server/domain/path-search.js';
import { PathEvaluator } from '../../../../server/domain/paths/evaluate-paths.js';
import { maxReliabilityWeight } from '../../../../server/domain/paths/evidence-support.js';
import { profiles, type PathProfileDefinition } from '../../../../server/domain/paths/profiles.js';
import { stepModel } from '../../../../server/domain/paths/step-bounds.js';
import {
  bruteForcePaths,
  modelEvidence,
  modelReader,
  randomModelGraph,
  rulesFor,
  degreeOf,
  type ModelGraph,
  type ReadRules,
} from '../../../support/path-model.js';

const options = (overrides: Partial<PathSearchOptions> = {}): PathSearchOptions => ({
  maxHops: 4,
  limit: 4,
  maxOverlap: 0.5,
  maxLinksRead: Infinity,
  batchSize: 8,
  maxCandidates: 100_000,
  evaluationBatch: 8,
  ...overrides,
});

async function search(
  graph: ModelGraph,
  from: string,
  to: string,
  profile: PathProfileDefinition,
  rules: ReadRules,
  settings: PathSearchOptions,
  knowEndDegrees = true,
) {
  const reader = modelReader(graph, rules);
  const evaluator = new PathEvaluator(modelEvidence(graph), profile, rules.excluded);
  const degree = degreeOf(graph);
  const result = await searchPaths(
    from,
    to,
    {
      expand: reader.expand,
      evaluate: (paths) => evaluator.evaluate(paths),
      endDegrees: knowEndDegrees ? [degree.get(from) ?? 0, degree.get(to) ?? 0] : undefined,
    },
    stepModel(profile, maxReliabilityWeight(['A'])),
    settings,
  );
  return { ...result, asked: reader.asked };
}

const costs = (paths: { cost: number }[]) => paths.map((path) => path.cost);

describe('searchPaths', () => {
  it('chooses exactly the brute-force selection on random graphs, for both profiles, what-ifs and overlaps', async () => {
    let compared = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const graph = randomModelGraph(seed, 36, 90);
      const from = `n${(seed * 7) % 36}`;
      const to = `n${(seed * 13 + 5) % 36}`;
      if (from === to) continue;
      const profile = seed % 3 === 0 ? profiles.ANY_CONNECTION : profiles.ATTRIBUTION;
      const rules = rulesFor(profile, [from, to], {
        excluded: seed % 4 === 0 ? new Set(['s1', 's5']) : new Set(),
        stances: seed % 5 === 0 ? ['ASSERTED', 'SUSPECTED', 'CLAIMED', 'DENIED'] : undefined,
      });
      const settings = options({
        maxHops: 2 + (seed % 4),
        limit: 1 + (seed % 5),
        maxOverlap: [0.5, 0, 1, 0.34][seed % 4],
        batchSize: [1, 4, 16][seed % 3],
      });
      const expected = await bruteForcePaths(graph, from, to, profile, rules, settings);
      // Half the searches know their ends' degrees (the server's do): which side reads first must not change the answer.
      const found = await search(graph, from, to, profile, rules, settings, seed % 2 === 0);
      expect(found.exhaustive, `seed ${seed}`).toBe(true);
      const got = found.paths.map((path) => path.evaluated);
      expect(got.length, `seed ${seed}: ${from} -> ${to}`).toBe(expected.length);
      got.forEach((path, index) => expect(path.cost, `seed ${seed} #${index + 1}`).toBeCloseTo(expected[index].cost, 9));
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('keeps the chosen paths pairwise diverse, and folds every near-duplicate scored into the path it resembles', async () => {
    const graph = randomModelGraph(77, 60, 260);
    const rules = rulesFor(profiles.ANY_CONNECTION, ['n3', 'n1']);
    const found = await search(graph, 'n3', 'n1', profiles.ANY_CONNECTION, rules, options({ maxHops: 5, limit: 6, maxOverlap: 0.5 }));
    expect(found.paths.length).toBeGreaterThan(2);
    for (const [i, a] of found.paths.entries()) {
      for (const b of found.paths.slice(i + 1)) expect(overlap(a.evaluated.signature, b.evaluated.signature)).toBeLessThanOrEqual(0.5);
      for (const variant of a.variants) {
        expect(overlap(a.evaluated.signature, variant.evaluated.signature)).toBeGreaterThan(0.5);
        expect(variant.evaluated.cost).toBeGreaterThanOrEqual(a.evaluated.cost);
      }
    }
    expect(found.paths.some((path) => path.variants.length > 0)).toBe(true);
  });

  it('reads a fraction of a large graph and reads no entity twice', async () => {
    const graph = randomModelGraph(11, 2_000, 8_000);
    const rules = rulesFor(profiles.ATTRIBUTION, ['n1900', 'n0']);
    const found = await search(graph, 'n1900', 'n0', profiles.ATTRIBUTION, rules, options({ maxHops: 4, limit: 5, batchSize: 16 }));
    expect(found.exhaustive).toBe(true);
    expect(new Set(found.asked).size).toBe(found.asked.length);
    expect(found.asked.length).toBeLessThan(2_000);
  });

  it('stops at its read budget, says so, and still returns a ranked, diverse selection among what it read', async () => {
    const graph = randomModelGraph(3, 3_000, 20_000);
    const rules = rulesFor(profiles.ANY_CONNECTION, ['n2500', 'n2700']);
    const found = await search(
      graph,
      'n2500',
      'n2700',
      profiles.ANY_CONNECTION,
      rules,
      options({ maxHops: 6, limit: 8, maxLinksRead: 500 }),
    );
    expect(found.exhaustive).toBe(false);
    expect(found.linksRead).toBeGreaterThanOrEqual(500);
    // A batch stops where the links its entities are known to have would pass the budget: the last round reads at
    // most one entity beyond it (its links are the most it can overshoot by).
    const degree = degreeOf(graph);
    expect(found.linksRead).toBeLessThanOrEqual(500 + Math.max(...found.asked.map((node) => degree.get(node as string) ?? 0)));
    for (const path of found.paths) expect(path.candidate.steps.length).toBeLessThanOrEqual(6);
    expect(costs(found.paths.map((path) => path.evaluated))).toEqual(
      [...costs(found.paths.map((path) => path.evaluated))].sort((x, y) => x - y),
    );
  });

  it('leaves a hub at one end unread when the other side reaches it for less', async () => {
    // `hub` has 400 links to leaves; `from` reaches it through two short chains.
    const links: ModelGraph['links'] = [];
    const link = (id: string, from: string, to: string) =>
      links.push({
        id,
        type: 'AFFILIATED_WITH',
        from,
        to,
        stance: 'ASSERTED',
        confidence: 80,
        citations: [{ sourceId: 's1', credibility: 6 }],
      });
    for (let i = 0; i < 400; i += 1) link(`leaf${i}`, `leaf${i}`, 'hub');
    link('a1', 'from', 'mid1');
    link('a2', 'mid1', 'hub');
    link('b1', 'from', 'mid2');
    link('b2', 'mid2', 'hub');
    const kinds = new Map<string, EntityKindName>([...new Set(links.flatMap((l) => [l.from, l.to]))].map((id) => [id, 'ORGANIZATION']));
    const graph: ModelGraph = {
      kinds,
      links,
      sources: [
        {
          id: 's1',
          title: 's1',
          publisher: null,
          url: null,
          published: null,
          publishedInferred: false,
          publishedNote: null,
          reliability: 'B',
          origin: 'CISA',
          derivedFrom: [],
        },
      ],
    };
    const rules = rulesFor(profiles.ANY_CONNECTION, ['from', 'hub']);
    const found = await search(graph, 'from', 'hub', profiles.ANY_CONNECTION, rules, options({ maxHops: 3, limit: 2 }));
    expect(found.exhaustive).toBe(true);
    expect(found.paths.map((path) => path.candidate.nodes)).toEqual([
      ['from', 'mid1', 'hub'],
      ['from', 'mid2', 'hub'],
    ]);
    expect(found.asked).not.toContain('hub');
    expect(found.linksRead).toBeLessThan(20);
    // Not knowing the ends' degrees, the search reads the hub (as it did before it knew them): same answer.
    const blind = await search(graph, 'from', 'hub', profiles.ANY_CONNECTION, rules, options({ maxHops: 3, limit: 2 }), false);
    expect(blind.paths.map((path) => path.candidate.nodes)).toEqual(found.paths.map((path) => path.candidate.nodes));
    expect(blind.asked).toContain('hub');
  });

  it('says the selection is not proven when it had to stop scoring candidates', async () => {
    const graph = randomModelGraph(5, 40, 200);
    const rules = rulesFor(profiles.ANY_CONNECTION, ['n2', 'n9']);
    const found = await search(
      graph,
      'n2',
      'n9',
      profiles.ANY_CONNECTION,
      rules,
      options({ maxHops: 6, limit: 10, maxOverlap: 0, maxCandidates: 3 }),
    );
    expect(found.exhaustive).toBe(false);
    expect(found.candidatesScored).toBeLessThanOrEqual(3);
  });

  it('answers at once when an end has no links, and finds nothing across a gap', async () => {
    const graph: ModelGraph = {
      kinds: new Map([
        ['a', 'STATE'],
        ['b', 'STATE'],
        ['c', 'STATE'],
        ['d', 'STATE'],
        ['z', 'STATE'],
      ]),
      links: [
        { id: 'ab', type: 'ATTRIBUTED_TO', from: 'a', to: 'b', stance: 'ASSERTED', confidence: 80, citations: [] },
        { id: 'cd', type: 'ATTRIBUTED_TO', from: 'c', to: 'd', stance: 'ASSERTED', confidence: 80, citations: [] },
      ],
      sources: [],
    };
    const lonely = await search(graph, 'a', 'z', profiles.ATTRIBUTION, rulesFor(profiles.ATTRIBUTION, ['a', 'z']), options());
    expect(lonely).toMatchObject({ paths: [], exhaustive: true });
    const apart = await search(graph, 'a', 'd', profiles.ATTRIBUTION, rulesFor(profiles.ATTRIBUTION, ['a', 'd']), options());
    expect(apart).toMatchObject({ paths: [], exhaustive: true });
  });
});
