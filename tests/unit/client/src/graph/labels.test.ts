import { describe, expect, it } from 'vitest';
import { mostConnected, priorityCount } from '../../../../../client/src/graph/labels';

describe('label level of detail', () => {
  it('labels about 4% of a view, at least 12 and at most 150 nodes', () => {
    expect(priorityCount(5)).toBe(5);
    expect(priorityCount(100)).toBe(12);
    expect(priorityCount(2_000)).toBe(80);
    expect(priorityCount(20_000)).toBe(150);
  });

  it('keeps the best-connected nodes, ties broken by id', () => {
    const nodes = [
      { id: 'c', degree: 3 },
      { id: 'a', degree: 9 },
      { id: 'b', degree: 3 },
      { id: 'd', degree: 1 },
    ];
    expect([...mostConnected(nodes, 2)]).toEqual(['a', 'b']);
    expect(mostConnected(nodes, 0).size).toBe(0);
  });
});
