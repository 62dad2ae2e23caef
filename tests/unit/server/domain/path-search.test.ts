import { describe, expect, it } from 'vitest';
import { bestPathsBelow, searchPaths, type ExpandedLinks } from '../../../../server/domain/path-search.js';
import { kBestPaths, type Key, type RankEdge } from '../../../../server/domain/rank-paths.js';

/** A heavy-tailed random graph: a few hubs collect most links, like states and prolific actors. */
function randomGraph(seed: number, nodes: number, links: number): RankEdge[] {
  // mulberry32: exact in 32-bit integer arithmetic, unlike an LCG in doubles.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = () => `n${Math.floor(nodes * random() ** 2.5)}`;
  const edges: RankEdge[] = [];
  for (let index = 0; index < links; index += 1) {
    const a = `n${Math.floor(random() * nodes)}`;
    const b = pick();
    if (a !== b) edges.push({ id: `e${index}`, a, b, confidence: random() < 0.05 ? 0 : 20 + Math.floor(random() * 81) });
  }
  return edges;
}

/** The graph as the search reads it, counting what it was asked for. */
function reader(edges: RankEdge[]) {
  const byNode = new Map<Key, ExpandedLinks>();
  const add = (node: Key, id: Key, other: Key, confidence: number) => {
    const links = byNode.get(node) ?? byNode.set(node, { ids: [], others: [], confidences: [] }).get(node)!;
    links.ids.push(id);
    links.others.push(other);
    links.confidences.push(confidence);
  };
  for (const edge of edges) {
    if (edge.confidence <= 0) continue; // as expand-for-paths.cypher: a link nobody believes is not read
    add(edge.a, edge.id, edge.b, edge.confidence);
    if (edge.a !== edge.b) add(edge.b, edge.id, edge.a, edge.confidence);
  }
  const asked: Key[] = [];
  const expand = async (nodes: Key[]) => {
    asked.push(...nodes);
    return new Map(nodes.flatMap((node): [Key, ExpandedLinks][] => (byNode.has(node) ? [[node, byNode.get(node)!]] : [])));
  };
  return { expand, asked };
}

const weights = (paths: { weight: number }[]) => paths.map((path) => path.weight);

describe('searchPaths', () => {
  it('finds exactly the k best paths of the whole graph, reading a fraction of it', async () => {
    const edges = randomGraph(11, 3_000, 12_000);
    for (const [from, to, maxHops] of [
      ['n2900', 'n0', 4],
      ['n1500', 'n2400', 6],
      ['n7', 'n2999', 3],
    ] as const) {
      const { expand, asked } = reader(edges);
      const found = await searchPaths(from, to, expand, { maxHops, limit: 5, maxLinksRead: Infinity, batchSize: 16 });
      const expected = kBestPaths(edges, from, to, maxHops, 5);
      expect(found.exhaustive).toBe(true);
      expect(weights(found.paths).length).toBe(expected.length);
      weights(found.paths).forEach((weight, index) => expect(weight).toBeCloseTo(expected[index].weight, 9));
      expect(new Set(asked).size).toBe(asked.length); // no entity is read twice
      expect(asked.length).toBeLessThan(3_000);
    }
  });

  it('agrees with the whole-graph ranking for many random pairs, whatever the batch size', async () => {
    const edges = randomGraph(5, 400, 1_200);
    for (let pair = 0; pair < 30; pair += 1) {
      const from = `n${(pair * 37) % 400}`;
      const to = `n${(pair * 91 + 13) % 400}`;
      if (from === to) continue;
      const maxHops = 2 + (pair % 5);
      const expected = weights(kBestPaths(edges, from, to, maxHops, 4));
      for (const batchSize of [1, 7, 64]) {
        const found = await searchPaths(from, to, reader(edges).expand, { maxHops, limit: 4, maxLinksRead: Infinity, batchSize });
        expect(found.exhaustive).toBe(true);
        expect(weights(found.paths).length, `${from} -> ${to} in ${maxHops}`).toBe(expected.length);
        weights(found.paths).forEach((weight, index) => expect(weight).toBeCloseTo(expected[index], 9));
      }
    }
  });

  it('stops at its read budget, says so, and still returns the best paths among what it read', async () => {
    const edges = randomGraph(3, 3_000, 20_000);
    const found = await searchPaths('n2500', 'n2700', reader(edges).expand, { maxHops: 6, limit: 20, maxLinksRead: 500, batchSize: 8 });
    expect(found.exhaustive).toBe(false);
    expect(found.linksRead).toBeGreaterThanOrEqual(500);
    expect(found.linksRead).toBeLessThan(20_000);
    for (const path of found.paths) expect(path.edges.length).toBeLessThanOrEqual(6);
    expect(weights(found.paths)).toEqual([...weights(found.paths)].sort((x, y) => x - y));
  });

  it('answers at once when an end has no links, and finds nothing across a gap', async () => {
    const edges: RankEdge[] = [
      { id: 'ab', a: 'a', b: 'b', confidence: 80 },
      { id: 'cd', a: 'c', b: 'd', confidence: 80 },
    ];
    const lonely = await searchPaths('a', 'z', reader(edges).expand, { maxHops: 4, limit: 5, maxLinksRead: Infinity, batchSize: 4 });
    expect(lonely).toMatchObject({ paths: [], exhaustive: true });
    const apart = await searchPaths('a', 'd', reader(edges).expand, { maxHops: 4, limit: 5, maxLinksRead: Infinity, batchSize: 4 });
    expect(apart).toMatchObject({ paths: [], exhaustive: true });
  });
});

describe('bestPathsBelow', () => {
  it('keeps every path lighter than the bound and nothing heavier', () => {
    const edges = randomGraph(9, 200, 700);
    const all = kBestPaths(edges, 'n60', 'n3', 5, 30);
    expect(all.length).toBe(30);
    const bound = all[10].weight;
    const below = bestPathsBelow(edges, 'n60', 'n3', 5, 30, bound);
    expect(below.length).toBeGreaterThanOrEqual(10);
    expect(weights(below)).toEqual(weights(all.filter((path) => path.weight < bound)));
  });
});
