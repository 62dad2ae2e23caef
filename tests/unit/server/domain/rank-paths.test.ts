import { describe, expect, it } from 'vitest';
import { costOf, kBestPaths, YenPaths, LinkGraph, type Key, type RankEdge } from '../../../../server/domain/rank-paths.js';

// Weights as the search gives them: -ln of a factor of the score (here a confidence as a fraction).
const confidences = new Map<Key, number>();
const edge = (id: string, a: string, b: string, confidence: number): RankEdge => {
  confidences.set(id, confidence);
  return { id, a, b, weight: costOf(confidence / 100) };
};
const score = (_edges: RankEdge[], ids: Key[]) => ids.reduce<number>((product, id) => (product * confidences.get(id)!) / 100, 1);

describe('kBestPaths', () => {
  const diamond = [
    edge('ab', 'a', 'b', 90),
    edge('bd', 'b', 'd', 90),
    edge('ac', 'a', 'c', 50),
    edge('cd', 'c', 'd', 99),
    edge('ad', 'a', 'd', 70),
  ];

  it('ranks by product of confidences, best first', () => {
    const paths = kBestPaths(diamond, 'a', 'd', 4, 5);
    expect(paths.map((path) => path.edges)).toEqual([['ab', 'bd'], ['ad'], ['ac', 'cd']]);
    const scores = paths.map((path) => score(diamond, path.edges));
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(scores[0]).toBeCloseTo(0.81);
  });

  it('follows links against their direction and returns only simple paths', () => {
    const paths = kBestPaths(diamond, 'd', 'a', 4, 10);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const path of paths) expect(new Set(path.nodes).size).toBe(path.nodes.length);
  });

  it('respects the hop limit', () => {
    const paths = kBestPaths(diamond, 'a', 'd', 1, 5);
    expect(paths.map((path) => path.edges)).toEqual([['ad']]);
  });

  it('prefers fewer hops on equal scores', () => {
    const ties = [edge('x1', 's', 'm', 100), edge('x2', 'm', 't', 100), edge('direct', 's', 't', 100)];
    expect(kBestPaths(ties, 's', 't', 3, 2).map((path) => path.edges)).toEqual([['direct'], ['x1', 'x2']]);
  });

  it('gives the same paths one at a time as a generator, and nothing once they run out', () => {
    const graph = new LinkGraph();
    for (const e of diamond) graph.addLink(e);
    const yen = new YenPaths(graph, 'a', 'd', 4);
    const all = [yen.next(), yen.next(), yen.next()].map((path) => path!.edges);
    expect(all).toEqual(kBestPaths(diamond, 'a', 'd', 4, 3).map((path) => path.edges));
    expect(yen.next()).toBeNull();
    expect(yen.next()).toBeNull();
  });

  it('finds nothing across a gap, and skips zero-confidence links', () => {
    expect(kBestPaths([edge('ab', 'a', 'b', 80)], 'a', 'z', 4, 3)).toEqual([]);
    expect(kBestPaths([edge('ab', 'a', 'b', 0)], 'a', 'b', 4, 3)).toEqual([]);
  });

  it('keeps parallel links between the same entities as distinct paths', () => {
    const parallel = [edge('p1', 'a', 'b', 90), edge('p2', 'a', 'b', 60)];
    expect(kBestPaths(parallel, 'a', 'b', 2, 5).map((path) => path.edges)).toEqual([['p1'], ['p2']]);
  });

  it('agrees with brute force on a random graph', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const nodes = Array.from({ length: 9 }, (_, index) => `n${index}`);
    const edges: RankEdge[] = [];
    for (let index = 0; index < 22; index += 1) {
      const a = nodes[Math.floor(random() * nodes.length)];
      const b = nodes[Math.floor(random() * nodes.length)];
      if (a !== b) edges.push(edge(`e${index}`, a, b, 10 + Math.floor(random() * 90)));
    }
    const all: Key[][] = [];
    const walk = (node: Key, visited: Key[], used: Key[]) => {
      if (node === 'n8') return void all.push(used);
      if (used.length === 4) return;
      for (const e of edges) {
        const next = e.a === node ? e.b : e.b === node ? e.a : null;
        if (next && !visited.includes(next)) walk(next, [...visited, next], [...used, e.id]);
      }
    };
    walk('n0', ['n0'], []);
    const expected = all
      .map((ids) => score(edges, ids))
      .sort((x, y) => y - x)
      .slice(0, 6);
    const actual = kBestPaths(edges, 'n0', 'n8', 4, 6).map((path) => score(edges, path.edges));
    expect(actual.length).toBe(expected.length);
    actual.forEach((value, index) => expect(value).toBeCloseTo(expected[index], 9));
  });
});
