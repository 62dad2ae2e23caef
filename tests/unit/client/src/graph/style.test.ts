import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildStylesheet } from '../../../../../client/src/graph/style';
import { entityKinds, kindDefinitions, palette, stanceDefinitions, stances } from '../../../../../shared/vocabulary';

const selectors = (large = false) =>
  (buildStylesheet({ large }) as { selector: string; style: Record<string, unknown> }[]).map((b) => b.selector);
const block = (selector: string, large = false) =>
  (buildStylesheet({ large }) as { selector: string; style: Record<string, unknown> }[]).find((b) => b.selector === selector)?.style;

afterEach(() => vi.restoreAllMocks());

describe('stylesheet', () => {
  it('has a rule for each of the 25 entity kinds', () => {
    expect(entityKinds).toHaveLength(25);
    for (const kind of entityKinds) expect(selectors()).toContain(`node[kind = "${kind}"]`);
  });

  it('has a rule for each stance: solid asserted, dashed suspected, dotted claimed, red denied', () => {
    for (const stance of stances) expect(selectors()).toContain(`edge[stance = "${stance}"]`);
    expect(block('edge[stance = "ASSERTED"]')?.['line-style']).toBe('solid');
    expect(block('edge[stance = "SUSPECTED"]')?.['line-style']).toBe('dashed');
    expect(block('edge[stance = "CLAIMED"]')?.['line-style']).toBe('dotted');
    expect(block('edge[stance = "DENIED"]')?.['line-color']).toBe(stanceDefinitions.DENIED.color);
  });

  it('maps confidence to width and keeps path, faded, hidden and filtered classes', () => {
    expect(block('edge[confidence > 0]')?.width).toBe('mapData(confidence, 0, 100, 1, 5)');
    expect(block('edge')?.width).toBe(1);
    for (const cls of ['.faded', 'edge.path', 'node.path', '.hidden, .filtered']) expect(selectors()).toContain(cls);
    expect(block('.hidden, .filtered')?.display).toBe('none');
  });

  it('uses only Okabe-Ito colours for kinds, and no two kinds look alike', () => {
    const okabeIto = new Set<string>(Object.values(palette));
    const looks = new Set<string>();
    for (const kind of entityKinds) {
      expect(okabeIto.has(kindDefinitions[kind].color)).toBe(true);
      looks.add(`${kindDefinitions[kind].color}/${kindDefinitions[kind].shape}`);
    }
    expect(looks.size).toBe(entityKinds.length);
  });

  it('switches to haystack edges without arrows for large views', () => {
    expect(block('edge', true)?.['curve-style']).toBe('haystack');
    expect(block('edge', true)?.['target-arrow-shape']).toBe('none');
    expect(block('edge')?.['curve-style']).toBe('bezier');
  });

  it('is accepted by Cytoscape without warnings and styles elements by kind and stance', () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    for (const large of [false, true]) {
      const cy = cytoscape({
        headless: true,
        styleEnabled: true,
        style: buildStylesheet({ large }),
        elements: [
          { data: { id: 'a', kind: 'THREAT_ACTOR', label: 'A' } },
          { data: { id: 'b', kind: 'STATE', label: 'B' } },
          {
            data: { id: 'e', source: 'a', target: 'b', type: 'ATTRIBUTED_TO', stance: 'SUSPECTED', confidence: 60, label: 'attributed to' },
          },
          { data: { id: 'd', source: 'b', target: 'a', type: 'DENIED_BY', stance: 'DENIED', confidence: 90, label: 'denied by' } },
          // ATT&CK states no confidence: the link is drawn as thin as the least sure, never as the surest.
          { data: { id: 'u', source: 'a', target: 'b', type: 'USES', stance: 'ASSERTED', confidence: null, label: 'uses' } },
          { data: { id: 'z', source: 'a', target: 'b', type: 'USES', stance: 'ASSERTED', confidence: 0, label: 'uses' } },
        ],
      });
      expect(cy.$id('u').style('width')).toBe('1px');
      expect(cy.$id('z').style('width')).toBe('1px');
      expect(parseFloat(cy.$id('e').style('width'))).toBeCloseTo(3.4);
      expect(parseFloat(cy.$id('d').style('width'))).toBeCloseTo(4.6);
      expect(cy.$id('a').style('shape')).toBe(kindDefinitions.THREAT_ACTOR.shape);
      expect(cy.$id('e').style('line-style')).toBe('dashed');
      expect(cy.$id('d').style('line-style')).toBe('solid');
      cy.$id('a').addClass('hidden');
      expect(cy.$id('a').style('display')).toBe('none');
      cy.destroy();
    }
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});
