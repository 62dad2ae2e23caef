import { describe, expect, it } from 'vitest';
import { collectGraph, hasGraph } from '../../../../../client/src/graph/collect-result';

describe('collectGraph', () => {
  it('finds entities and relationships anywhere in a console result', () => {
    const data = {
      search: [
        {
          id: 'inc-july-2022',
          kind: 'INCIDENT',
          name: 'July 2022 cyberattack',
          date: '2022-07-15',
          attributionHypotheses: [
            {
              stance: 'SUSPECTED',
              actor: { id: 'iran', kind: 'STATE', name: 'Iran' },
              relationship: {
                id: 'r2',
                type: 'ATTRIBUTED_TO',
                stance: 'SUSPECTED',
                confidence: 70,
                from: { id: 'inc-july-2022' },
                to: { id: 'iran' },
              },
            },
          ],
        },
      ],
    };
    const graph = collectGraph(data);
    expect(graph.entities.map((e) => e.id)).toEqual(['inc-july-2022', 'iran']);
    expect(graph.relationships).toEqual([
      {
        id: 'r2',
        type: 'ATTRIBUTED_TO',
        stance: 'SUSPECTED',
        confidence: 70,
        since: null,
        until: null,
        // A console query that does not ask for knowledge time leaves it unknown: undated for the time bar.
        knownSince: null,
        from: { id: 'inc-july-2022' },
        to: { id: 'iran' },
      },
    ]);
    expect(graph.entities[0].date).toBe('2022-07-15');
  });

  it('fills in stance and confidence a hand-written query left out', () => {
    const graph = collectGraph({ relationship: { id: 'r', type: 'USES', from: { id: 'a' }, to: { id: 'b' } } });
    expect(graph.relationships[0]).toMatchObject({ stance: 'ASSERTED', confidence: 50 });
  });

  it('finds nothing in results without graph data', () => {
    expect(hasGraph(collectGraph({ stats: { entities: 3 }, relationshipTypes: ['USES'] }))).toBe(false);
    expect(hasGraph(collectGraph(null))).toBe(false);
  });
});
