import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { describe, expect, it } from 'vitest';
import barnesHut from '../../../../../client/src/graph/barnes-hut-layout';
import { isLayoutName, layoutNames, layoutOptions } from '../../../../../client/src/graph/layouts';
import { renderingHints } from '../../../../../client/src/graph/performance';

cytoscape.use(fcose);
cytoscape.use(dagre);
cytoscape.use(barnesHut);

const chain = () => [
  { data: { id: 'incident' } },
  { data: { id: 'actor' } },
  { data: { id: 'ministry' } },
  { data: { id: 'state' } },
  { data: { id: 'e1', source: 'incident', target: 'actor' } },
  { data: { id: 'e2', source: 'actor', target: 'ministry' } },
  { data: { id: 'e3', source: 'ministry', target: 'state' } },
];

describe('layoutOptions', () => {
  it('gives options named after each layout', () => {
    for (const name of layoutNames) expect(layoutOptions(name).name).toBe(name);
    expect(isLayoutName('dagre')).toBe(true);
    expect(isLayoutName('grid')).toBe(false);
  });

  it('uses fcose for small views, proof quality for their incremental runs', () => {
    expect(layoutOptions('fcose')).toMatchObject({ name: 'fcose', quality: 'default', randomize: true, animate: true });
    expect(layoutOptions('fcose', { incremental: true })).toMatchObject({ name: 'fcose', randomize: false, quality: 'proof', fit: false });
  });

  it('uses the Barnes-Hut layout for large views, fresh or incremental, never animated', () => {
    expect(layoutOptions('fcose', { fast: true })).toMatchObject({ name: 'barnes-hut', animate: false, randomize: true, fit: true });
    expect(layoutOptions('fcose', { fast: true, incremental: true })).toMatchObject({
      name: 'barnes-hut',
      animate: false,
      randomize: false,
      fit: false,
    });
    const fixed = [{ nodeId: 'actor', position: { x: 10, y: 20 } }];
    expect(layoutOptions('fcose', { fast: true, fixed })).toMatchObject({ fixed });
    // Only "Force" changes engine: dagre and concentric stay themselves at any size.
    expect(layoutOptions('dagre', { fast: true }).name).toBe('dagre');
    expect(layoutOptions('concentric', { fast: true }).name).toBe('concentric');
  });

  it('chooses the engine from the view size the way GraphView does', () => {
    const engine = (nodes: number, edges: number) => layoutOptions('fcose', { fast: renderingHints(nodes, edges).large }).name;
    expect(engine(200, 300)).toBe('fcose');
    expect(engine(400, 800)).toBe('fcose');
    expect(engine(650, 1350)).toBe('barnes-hut');
    expect(engine(300, 900)).toBe('barnes-hut');
    expect(engine(1374, 3626)).toBe('barnes-hut');
  });

  it('passes fixed nodes to fcose as constraints', () => {
    const fixed = [{ nodeId: 'actor', position: { x: 10, y: 20 } }];
    expect(layoutOptions('fcose', { fixed })).toMatchObject({ fixedNodeConstraint: fixed });
    expect((layoutOptions('fcose', { fixed: [] }) as { fixedNodeConstraint?: unknown }).fixedNodeConstraint).toBeUndefined();
  });

  it('runs each layout headless, small and large, and places the nodes apart', () => {
    for (const name of layoutNames) {
      for (const fast of [false, true]) {
        const cy = cytoscape({ headless: true, styleEnabled: true, elements: chain() });
        cy.layout({ ...layoutOptions(name, { fast }), animate: false } as cytoscape.LayoutOptions).run();
        const positions = cy.nodes().map((n) => `${Math.round(n.position('x'))},${Math.round(n.position('y'))}`);
        expect(new Set(positions).size, `${name}, fast ${fast}`).toBe(4);
        cy.destroy();
      }
    }
  });

  it('lays the attribution chain out top-down with dagre', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: chain() });
    cy.layout({ ...layoutOptions('dagre'), animate: false } as cytoscape.LayoutOptions).run();
    expect(cy.$id('incident').position('y')).toBeLessThan(cy.$id('actor').position('y'));
    expect(cy.$id('ministry').position('y')).toBeLessThan(cy.$id('state').position('y'));
    cy.destroy();
  });

  it('keeps fixed nodes in place in an incremental run, small or large', () => {
    for (const fast of [false, true]) {
      const cy = cytoscape({ headless: true, styleEnabled: true, elements: chain() });
      cy.nodes().forEach((n, i) => void n.position({ x: i * 100, y: 0 }));
      const fixed = [{ nodeId: 'actor', position: { x: 100, y: 0 } }];
      cy.layout({ ...layoutOptions('fcose', { incremental: true, fast, fixed }), animate: false } as cytoscape.LayoutOptions).run();
      expect(Math.round(cy.$id('actor').position('x')), `fast ${fast}`).toBe(100);
      expect(Math.round(cy.$id('actor').position('y')), `fast ${fast}`).toBe(0);
      cy.destroy();
    }
  });
});

describe('renderingHints', () => {
  it('leaves small views alone', () => {
    expect(renderingHints(40, 80)).toEqual({ hideEdgesOnViewport: false, textureOnViewport: false, large: false });
  });

  it('pulls Cytoscape levers as views grow', () => {
    expect(renderingHints(500, 900)).toMatchObject({ hideEdgesOnViewport: true, large: true, textureOnViewport: true });
    expect(renderingHints(3000, 6000)).toMatchObject({ textureOnViewport: true });
  });

  it('never hides edges while panning without also panning a bitmap', () => {
    // hideEdgesOnViewport alone redraws every node each frame, bypassing the layer cache.
    for (const [nodes, edges] of [
      [40, 80],
      [300, 900],
      [401, 10],
      [650, 1350],
      [1374, 3626],
      [5000, 20000],
    ]) {
      const hints = renderingHints(nodes, edges);
      if (hints.hideEdgesOnViewport) expect(hints.textureOnViewport, `${nodes}/${edges}`).toBe(true);
    }
  });
});
