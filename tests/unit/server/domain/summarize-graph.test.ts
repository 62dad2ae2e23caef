import { describe, expect, it } from 'vitest';
import { pickConnected } from '../../../../server/domain/summarize-graph.js';

const link = (id: string, from: string, to: string, confidence: number | null = 50) => ({ id, from, to, confidence });

describe('pickConnected (the first view of a large graph)', () => {
  it('grows one connected picture from the best-ranked entity, best-ranked neighbours first', () => {
    const ranked = ['a', 'b', 'c', 'd', 'e'];
    const links = [link('ab', 'a', 'b'), link('cd', 'c', 'd'), link('bd', 'b', 'd'), link('ae', 'a', 'e')];
    const picked = pickConnected(ranked, links, 4, 10);
    // From a: b (rank 1) before e (rank 4); then d joins through b; then c through d; e is cut by the limit.
    expect(picked.ids).toEqual(['a', 'b', 'c', 'd']);
    expect(picked.unreached).toEqual([]);
  });

  it('keeps every chosen entity joined, even when links are cut to the limit', () => {
    const ranked = ['hub', 'x', 'y', 'z'];
    const links = [
      link('hx', 'hub', 'x', 90),
      link('xy', 'x', 'y', 20),
      link('yz', 'y', 'z', 10),
      link('hx2', 'hub', 'x', 95),
      link('hub-z', 'hub', 'z', 15),
    ];
    const picked = pickConnected(ranked, links, 4, 3);
    expect(picked.ids).toEqual(['hub', 'x', 'y', 'z']);
    expect(picked.links).toHaveLength(3);
    // The strongest joining links: hx2 for x, xy for y, hub-z for z (stronger than yz).
    expect(new Set(picked.links)).toEqual(new Set(['hx2', 'xy', 'hub-z']));
  });

  it('weighs a link whose source states no confidence as an even chance, between stated doubt and stated belief', () => {
    const ranked = ['hub', 'x', 'y'];
    // x is joined by an unstated link and a doubtful one, y by an unstated one: 2 links, one per chosen entity.
    const links = [link('hx-unstated', 'hub', 'x', null), link('hx-doubt', 'hub', 'x', 30), link('hy-unstated', 'hub', 'y', null)];
    expect(new Set(pickConnected(ranked, links, 3, 2).links)).toEqual(new Set(['hx-unstated', 'hy-unstated']));
    const sure = [link('hx-unstated', 'hub', 'x', null), link('hx-sure', 'hub', 'x', 80), link('hy', 'hub', 'y', 10)];
    expect(new Set(pickConnected(ranked, sure, 3, 2).links)).toEqual(new Set(['hx-sure', 'hy']));
  });

  it('says which candidates nothing joins to the picture, and leaves them out', () => {
    const ranked = ['a', 'b', 'lonely', 'c'];
    const picked = pickConnected(ranked, [link('ab', 'a', 'b'), link('bc', 'b', 'c')], 10, 10);
    expect(picked.ids).toEqual(['a', 'b', 'c']);
    expect(picked.unreached).toEqual(['lonely']);
  });

  it('joins nothing through loops or links to non-candidates, keeps loops as links, and handles no candidates', () => {
    expect(pickConnected([], [], 5, 5)).toEqual({ ids: [], links: [], unreached: [] });
    const picked = pickConnected(
      ['a', 'b', 'c'],
      [link('aa', 'a', 'a'), link('ax', 'a', 'x'), link('xc', 'x', 'c'), link('ab', 'a', 'b')],
      5,
      5,
    );
    expect(picked).toEqual({ ids: ['a', 'b'], links: ['ab', 'aa'], unreached: ['c'] });
  });
});
