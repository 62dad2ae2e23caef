import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../../../../client/src/graph/filters';
import { hubGroupElements } from '../../../../../client/src/graph/groups';
import { captureViewState, parseViewState } from '../../../../../client/src/state/view-state';

function canvas() {
  const cy = cytoscape({
    headless: true,
    layout: { name: 'preset' },
    elements: [
      { group: 'nodes', data: { id: 'iran', kind: 'STATE' }, position: { x: 10.123456789, y: -3.5 } },
      { group: 'nodes', data: { id: 'albania', kind: 'STATE' }, position: { x: 200, y: 40 }, classes: 'hidden' },
      { group: 'nodes', data: { id: 'hj', kind: 'THREAT_ACTOR' }, position: { x: -80, y: 1e-7 }, classes: 'pinned' },
      { group: 'edges', data: { id: 'r1', source: 'hj', target: 'iran' } },
      ...hubGroupElements('iran', [{ type: 'TARGETED', direction: 'IN', kind: 'INCIDENT', count: 40 }], { x: 0, y: 0 }),
    ],
  });
  cy.$id('hj').select();
  cy.viewport({ zoom: 0.75, pan: { x: 12, y: -4 } });
  return cy;
}

describe('view state', () => {
  it('captures positions in model coordinates, links, hidden, pinned, selection, groups, filters and viewport', () => {
    const cy = canvas();
    const filters = { ...emptyFilters(), minConfidence: 40, hideOrphans: true };
    const state = captureViewState(cy, { filters, layout: 'dagre', captions: true });
    expect(state.positions).toEqual([
      { id: 'iran', x: 10.123456789, y: -3.5 },
      { id: 'albania', x: 200, y: 40 },
      { id: 'hj', x: -80, y: 1e-7 },
    ]);
    expect(state.edges).toEqual(['r1']);
    expect(state).toMatchObject({ hidden: ['albania'], pinned: ['hj'], selection: ['hj'], layout: 'dagre', captions: true, filters });
    expect(state.groups).toHaveLength(1);
    expect(state.groups[0].data).toMatchObject({ source: 'hub', hub: 'iran', count: 40 });
    // What is in view, in model coordinates: 0.75 zoom with pan (12, -4) on a 0 x 0 headless canvas.
    expect(state.viewport).toEqual(expect.objectContaining({ x1: -16, y1: 16 / 3 }));
    cy.destroy();
  });

  it('reads back exactly what it wrote, through JSON', () => {
    const cy = canvas();
    const state = captureViewState(cy, { filters: emptyFilters(), layout: 'fcose', captions: false });
    expect(parseViewState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    cy.destroy();
  });

  it('drops what it cannot trust instead of failing, and draws every link when the state names none', () => {
    const parsed = parseViewState({
      positions: [{ id: 'iran', x: 1, y: 2 }, { id: 'bad', x: 'left', y: 0 }, 'junk'],
      hidden: ['a', 3],
      filters: { hiddenStances: ['MAYBE', 'DENIED'], minConfidence: 400, start: 'yesterday' },
      groups: [{ data: { id: 'not-a-group', source: 'hub' }, position: { x: 0, y: 0 } }],
      layout: 'spiral',
      viewport: { x1: 5, y1: 0, x2: 1, y2: 3 },
    });
    expect(parsed.positions).toEqual([{ id: 'iran', x: 1, y: 2 }]);
    expect(parsed.hidden).toEqual(['a']);
    expect(parsed.edges).toBeNull();
    expect(parsed.filters).toMatchObject({ hiddenStances: ['DENIED'], minConfidence: 100, start: null });
    expect(parsed.groups).toEqual([]);
    expect(parsed.layout).toBe('fcose');
    expect(parsed.viewport).toBeNull();
    expect(parseViewState(null).positions).toEqual([]);
  });
});
