import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { describe, expect, it } from 'vitest';
import { isLayoutName, layoutNames, layoutOptions } from '../../../client/src/graph/layouts';
import { renderingHints } from '../../../client/src/graph/performance';

cytoscape.use(fcose);
cytoscape.use(dagre);

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

  it('uses fast settings for big graphs and proof quality for incremental runs', () => {
    expect(layoutOptions('fcose', { fast: true })).toMatchObject({ animate: false, quality: 'draft' });
    expect(layoutOptions('fcose', { incremental: true })).toMatchObject({ randomize: false, quality: 'proof', fit: false });
    expect(layoutOptions('fcose')).toMatchObject({ randomize: true, animate: true });
  });

  it('passes fixed nodes to fcose as constraints', () => {
    const fixed = [{ nodeId: 'actor', position: { x: 10, y: 20 } }];
    expect(layoutOptions('fcose', { fixed })).toMatchObject({ fixedNodeConstraint: fixed });
    expect((layoutOptions('fcose', { fixed: [] }) as { fixedNodeConstraint?: unknown }).fixedNodeConstraint).toBeUndefined();
  });

  it('runs each layout headless and places the nodes apart', () => {
    for (const name of layoutNames) {
      const cy = cytoscape({ headless: true, styleEnabled: true, elements: chain() });
      cy.layout({ ...layoutOptions(name, { fast: true }), animate: false } as cytoscape.LayoutOptions).run();
      const positions = cy.nodes().map((n) => `${Math.round(n.position('x'))},${Math.round(n.position('y'))}`);
      expect(new Set(positions).size, name).toBe(4);
      cy.destroy();
    }
  });

  it('lays the attribution chain out top-down with dagre', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: chain() });
    cy.layout({ ...layoutOptions('dagre'), animate: false } as cytoscape.LayoutOptions).run();
    expect(cy.$id('incident').position('y')).toBeLessThan(cy.$id('actor').position('y'));
    expect(cy.$id('ministry').position('y')).toBeLessThan(cy.$id('state').position('y'));
    cy.destroy();
  });

  it('keeps fixed nodes in place in an incremental fcose run', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: chain() });
    cy.nodes().forEach((n, i) => void n.position({ x: i * 100, y: 0 }));
    const fixed = [{ nodeId: 'actor', position: { x: 100, y: 0 } }];
    cy.layout({ ...layoutOptions('fcose', { incremental: true, fixed }), animate: false } as cytoscape.LayoutOptions).run();
    expect(Math.round(cy.$id('actor').position('x'))).toBe(100);
    expect(Math.round(cy.$id('actor').position('y'))).toBe(0);
    cy.destroy();
  });
});

describe('renderingHints', () => {
  it('leaves small views alone', () => {
    expect(renderingHints(40, 80)).toEqual({ hideEdgesOnViewport: false, textureOnViewport: false, large: false, fastLayout: false });
  });

  it('pulls Cytoscape levers as views grow', () => {
    expect(renderingHints(500, 900)).toMatchObject({ hideEdgesOnViewport: true, large: true, fastLayout: true, textureOnViewport: true });
    expect(renderingHints(3000, 6000)).toMatchObject({ textureOnViewport: true });
    expect(renderingHints(200, 300).fastLayout).toBe(true);
  });

  it('never hides edges while panning without also panning a bitmap', () => {
    // hideEdgesOnViewport alone redraws every node each frame, bypassing the layer cache.
    for (const [nodes, edges] of [[40, 80], [300, 900], [401, 10], [650, 1350], [1374, 3626], [5000, 20000]]) {
      const hints = renderingHints(nodes, edges);
      if (hints.hideEdgesOnViewport) expect(hints.textureOnViewport, `${nodes}/${edges}`).toBe(true);
    }
  });
});
