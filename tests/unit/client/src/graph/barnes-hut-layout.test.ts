import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import barnesHut, { forcePositions, spiralPlacement } from '../../../../../client/src/graph/barnes-hut-layout';
import { layoutOptions } from '../../../../../client/src/graph/layouts';

cytoscape.use(barnesHut);

/** Hubs with many leaves and links among the hubs: the shape that piled up under fcose's draft quality. */
function hubsAndLeaves(hubs: number, leaves: number) {
  const nodes: string[] = [];
  const edges: { source: string; target: string }[] = [];
  for (let h = 0; h < hubs; h += 1) {
    nodes.push(`h${h}`);
    if (h > 0) edges.push({ source: `h${h - 1}`, target: `h${h}` });
    for (let l = 0; l < leaves; l += 1) {
      nodes.push(`h${h}l${l}`);
      edges.push({ source: `h${h}`, target: `h${h}l${l}` });
    }
  }
  return { nodes, edges };
}

const elementsOf = ({ nodes, edges }: ReturnType<typeof hubsAndLeaves>) => [
  ...nodes.map((id) => ({ group: 'nodes' as const, data: { id } })),
  ...edges.map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, ...e } })),
];

function overlappingPairs(positions: Map<string, { x: number; y: number }>, diameter: number): number {
  const points = [...positions.values()];
  let pairs = 0;
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      if (Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y) < diameter) pairs += 1;
    }
  }
  return pairs;
}

describe('spiralPlacement', () => {
  it('starts at the best-connected node and places its neighbours next', () => {
    const { nodes, edges } = hubsAndLeaves(2, 3);
    const placed = spiralPlacement(nodes, edges, 30);
    expect(placed.size).toBe(nodes.length);
    const byDistance = [...placed.entries()].sort(([, a], [, b]) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y)).map(([id]) => id);
    // h0 and h1 both have degree 4; ties go by id.
    expect(byDistance[0]).toBe('h0');
    expect(byDistance.slice(1, 5).sort()).toEqual(['h0l0', 'h0l1', 'h0l2', 'h1']);
  });

  it('places every component, isolated nodes included', () => {
    const placed = spiralPlacement(['a', 'b', 'lonely'], [{ source: 'a', target: 'b' }], 30);
    expect([...placed.keys()].sort()).toEqual(['a', 'b', 'lonely']);
  });
});

describe('forcePositions', () => {
  const graph = hubsAndLeaves(6, 40);
  const input = graph.nodes.map((id) => ({ id, position: { x: 0, y: 0 }, size: 40 }));

  it('leaves no two node bodies on top of each other', () => {
    const positions = forcePositions(input, graph.edges);
    expect(positions.size).toBe(graph.nodes.length);
    expect(overlappingPairs(positions, 40)).toBe(0);
  });

  it('is deterministic, so views and tests repeat', () => {
    const first = forcePositions(input, graph.edges);
    const second = forcePositions(input, graph.edges);
    expect([...second.entries()]).toEqual([...first.entries()]);
  });

  it('keeps fixed nodes exactly where they are and starts the others from their positions when not randomized', () => {
    const fixed = [{ nodeId: 'h0', position: { x: 500, y: -300 } }];
    const positions = forcePositions(
      [
        { id: 'h0', position: { x: 500, y: -300 }, size: 30 },
        { id: 'new', position: { x: 520, y: -300 }, size: 30 },
      ],
      [{ source: 'h0', target: 'new' }],
      { randomize: false, fixed },
    );
    expect(positions.get('h0')).toEqual({ x: 500, y: -300 });
    const fresh = positions.get('new')!;
    expect(Math.hypot(fresh.x - 500, fresh.y + 300)).toBeGreaterThan(30);
    expect(Math.hypot(fresh.x - 500, fresh.y + 300)).toBeLessThan(300);
  });

  it('ignores edges to nodes outside the run and loops', () => {
    const positions = forcePositions(
      [{ id: 'a', position: { x: 0, y: 0 }, size: 30 }],
      [
        { source: 'a', target: 'gone' },
        { source: 'a', target: 'a' },
      ],
    );
    expect(positions.size).toBe(1);
    expect(forcePositions([], []).size).toBe(0);
  });
});

describe("the 'barnes-hut' Cytoscape layout", () => {
  it('lays a large view out in one step and reports one layoutstop to the core', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: elementsOf(hubsAndLeaves(5, 30)) });
    let stops = 0;
    cy.on('layoutstop', () => void (stops += 1));
    cy.layout(layoutOptions('fcose', { fast: true })).run();
    expect(stops).toBe(1);
    const positions = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }] as const));
    expect(overlappingPairs(positions, 30)).toBe(0);
    cy.destroy();
  });

  it('settles newcomers of an expansion without moving the nodes already placed', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: elementsOf(hubsAndLeaves(3, 20)) });
    cy.layout(layoutOptions('fcose', { fast: true })).run();
    const before = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }] as const));
    const anchor = cy.$id('h1').position();
    cy.add([
      { group: 'nodes', data: { id: 'new1' }, position: { x: anchor.x + 90, y: anchor.y } },
      { group: 'nodes', data: { id: 'new2' }, position: { x: anchor.x - 90, y: anchor.y } },
      { group: 'edges', data: { id: 'n1', source: 'h1', target: 'new1' } },
      { group: 'edges', data: { id: 'n2', source: 'h1', target: 'new2' } },
    ]);
    const fixed = [...before.entries()].map(([nodeId, position]) => ({ nodeId, position }));
    cy.layout(layoutOptions('fcose', { fast: true, incremental: true, fixed })).run();
    for (const [id, position] of before) expect(cy.$id(id).position(), id).toEqual(position);
    expect(cy.$id('new1').position()).not.toEqual({ x: anchor.x + 90, y: anchor.y });
    cy.destroy();
  });
});
