import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import {
  maxLabelLength,
  mergeSubgraphs,
  nodeLabel,
  pathElementIds,
  subgraphToElements,
  type SubgraphInput,
} from '../../../shared/graph-elements';

const subgraph: SubgraphInput = {
  entities: [
    { id: 'homeland-justice', kind: 'THREAT_ACTOR', name: 'Homeland Justice', aliases: ['HomeLand Justice'], date: null },
    {
      id: 'inc-july-2022',
      kind: 'INCIDENT',
      name: 'July 2022 cyberattack on Albanian government services',
      aliases: [],
      date: '2022-07-15',
    },
    { id: 'iran', kind: 'STATE', name: 'Iran', aliases: [] },
  ],
  relationships: [
    {
      id: 'r1',
      type: 'CLAIMED_BY',
      stance: 'CLAIMED',
      confidence: 80,
      since: '2022-07-18',
      until: null,
      from: { id: 'inc-july-2022' },
      to: { id: 'homeland-justice' },
    },
    { id: 'r2', type: 'ATTRIBUTED_TO', stance: 'SUSPECTED', confidence: 70, from: { id: 'inc-july-2022' }, to: { id: 'iran' } },
    { id: 'r3', type: 'TARGETED', stance: 'ASSERTED', confidence: 90, from: { id: 'inc-july-2022' }, to: { id: 'albania' } },
  ],
};

describe('subgraphToElements', () => {
  it('makes one node per entity keyed by its stable id, with kind and label', () => {
    const nodes = subgraphToElements(subgraph).filter((e) => e.group === 'nodes');
    expect(nodes.map((n) => n.data.id)).toEqual(['homeland-justice', 'inc-july-2022', 'iran']);
    expect(nodes[0].data).toMatchObject({
      kind: 'THREAT_ACTOR',
      label: 'Homeland Justice',
      name: 'Homeland Justice',
      aliases: ['HomeLand Justice'],
      date: null,
    });
    expect(nodes[1].data.date).toBe('2022-07-15');
  });

  it('makes edges with source, target, type, stance and confidence', () => {
    const edge = subgraphToElements(subgraph).find((e) => e.data.id === 'r1');
    expect(edge?.group).toBe('edges');
    expect(edge?.data).toMatchObject({
      source: 'inc-july-2022',
      target: 'homeland-justice',
      type: 'CLAIMED_BY',
      stance: 'CLAIMED',
      confidence: 80,
      since: '2022-07-18',
      until: null,
      label: 'claimed by',
    });
  });

  it('drops links to entities that are neither in the result nor on the canvas', () => {
    expect(subgraphToElements(subgraph).some((e) => e.data.id === 'r3')).toBe(false);
    expect(subgraphToElements(subgraph, new Set(['albania'])).some((e) => e.data.id === 'r3')).toBe(true);
  });

  it('drops duplicate ids', () => {
    const doubled = {
      entities: [...subgraph.entities, subgraph.entities[0]],
      relationships: [...subgraph.relationships, subgraph.relationships[0]],
    };
    const ids = subgraphToElements(doubled).map((e) => e.data.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('loads into a headless Cytoscape without errors', () => {
    const cy = cytoscape({ headless: true, elements: subgraphToElements(subgraph) });
    expect(cy.nodes().length).toBe(3);
    expect(cy.edges().length).toBe(2);
    expect(cy.$id('r2').data('stance')).toBe('SUSPECTED');
    expect(cy.$id('iran').connectedEdges().length).toBe(1);
    cy.destroy();
  });
});

describe('labels and paths', () => {
  it('shortens only very long names, for the canvas only', () => {
    const long = 'Iran-linked cyberattacks against Albania and its allies (2022-2023 campaign), as reported by several agencies';
    expect(nodeLabel(long).length).toBeLessThanOrEqual(maxLabelLength);
    expect(nodeLabel('Ministry of Intelligence and Security of the Islamic Republic')).toBe(
      'Ministry of Intelligence and Security of the Islamic Republic',
    );
    expect(nodeLabel(long).endsWith('…')).toBe(true);
    expect(nodeLabel('Iran')).toBe('Iran');
  });

  it('lists every element id of a path and merges several paths without duplicates', () => {
    expect(pathElementIds(subgraph)).toEqual(['homeland-justice', 'inc-july-2022', 'iran', 'r1', 'r2', 'r3']);
    const merged = mergeSubgraphs([subgraph, { entities: [subgraph.entities[2]], relationships: [subgraph.relationships[1]] }]);
    expect(merged.entities).toHaveLength(3);
    expect(merged.relationships).toHaveLength(3);
  });
});
