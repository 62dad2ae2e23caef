import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildStylesheet } from '../../../../../client/src/graph/style';
import {
  linkWidthBands,
  entityKinds,
  kindDefinitions,
  palette,
  stanceDefinitions,
  stanceStroke,
  stances,
  visibleGap,
} from '../../../../../shared/vocabulary';

const selectors = (large = false) =>
  (buildStylesheet({ large }) as { selector: string; style: Record<string, unknown> }[]).map((b) => b.selector);
const block = (selector: string, large = false) =>
  (buildStylesheet({ large }) as { selector: string; style: Record<string, unknown> }[]).find((b) => b.selector === selector)?.style;

afterEach(() => vi.restoreAllMocks());

const edgeCap = (cy: cytoscape.Core, id: string) => cy.$id(id).style('line-cap') as string;

describe('stylesheet', () => {
  it('has a rule for each of the 25 entity kinds', () => {
    expect(entityKinds).toHaveLength(25);
    for (const kind of entityKinds) expect(selectors()).toContain(`node[kind = "${kind}"]`);
  });

  it('has a rule for each stance: solid asserted, dashed suspected, dotted claimed, red denied', () => {
    for (const stance of stances) expect(selectors()).toContain(`edge[stance = "${stance}"]`);
    expect(block('edge[stance = "ASSERTED"]')?.['line-style']).toBe('solid');
    expect(block('edge[stance = "SUSPECTED"]')?.['line-style']).toBe('dashed');
    // Dots are Cytoscape dashes of no length with round caps: its own 'dotted' ignores the pattern (a fixed [1, 1]
    // that draws solid at any width over 1), so a claim at 90% looked like a fact on the canvas.
    expect(block('edge[stance = "CLAIMED"]')?.['line-style']).toBe('dashed');
    expect(block('edge[stance = "DENIED"]')?.['line-color']).toBe(stanceDefinitions.DENIED.color);
  });

  it('draws each confidence band wider than the one below and keeps path, faded, hidden, filtered, grouped and orphan classes', () => {
    const widths = linkWidthBands.map(
      (band) => block(`edge[stance = "ASSERTED"][confidence >= ${band.min}][confidence <= ${band.max}]`)?.width,
    );
    expect(widths).toEqual([...widths].sort((a, b) => Number(a) - Number(b)));
    expect(new Set(widths).size).toBe(linkWidthBands.length);
    for (const cls of ['.faded', 'edge.path', 'node.path', '.hidden, .filtered, .grouped, .orphan']) expect(selectors()).toContain(cls);
    expect(block('.hidden, .filtered, .grouped, .orphan')?.display).toBe('none');
  });

  it('keeps claimed, suspected and denied links recognisable at every width, in both themes and at both sizes', () => {
    for (const large of [false, true]) {
      for (const theme of ['dark', 'light'] as const) {
        const cy = cytoscape({
          headless: true,
          styleEnabled: true,
          style: buildStylesheet({ large, theme }),
          elements: [
            { data: { id: 'a', kind: 'THREAT_ACTOR', label: 'A' } },
            { data: { id: 'b', kind: 'STATE', label: 'B' } },
            ...stances.flatMap((stance) =>
              [null, 5, 45, 65, 90, 100].map((confidence) => ({
                data: { id: `${stance}-${confidence}`, source: 'a', target: 'b', type: 'RELATED_TO', stance, confidence, label: 'x' },
              })),
            ),
          ],
        });
        // null: the source states no confidence (ATT&CK); its link is still dotted, dashed or solid by stance.
        for (const confidence of [null, 5, 45, 65, 90, 100]) {
          const look = (stance: string) => {
            const edge = cy.$id(`${stance}-${confidence}`);
            const width = edge.numericStyle('width');
            const dash = edge.style('line-style') === 'solid' ? null : (edge.numericStyle('line-dash-pattern') as unknown as number[]);
            const gap = dash ? dash[1] - (edge.style('line-cap') === 'round' ? width : 0) : 0;
            return {
              style: edge.style('line-style'),
              width,
              dash,
              gap,
              fill: edge.style('target-arrow-fill'),
              color: edge.style('line-color'),
            };
          };
          const asserted = look('ASSERTED');
          const claimed = look('CLAIMED');
          const suspected = look('SUSPECTED');
          const denied = look('DENIED');
          const where = `confidence ${confidence}, ${theme}, large ${large}`;
          expect(claimed.style, where).toBe('dashed');
          expect(claimed.dash![0], `${where}: dots`).toBeLessThan(0.5);
          expect(edgeCap(cy, `CLAIMED-${confidence}`), where).toBe('round');
          expect(suspected.style, where).toBe('dashed');
          // The gaps stay open: 3 px at 1x zoom (12 px at 4x; dashes scale with the zoom), whatever the width.
          expect(claimed.gap, where).toBeGreaterThanOrEqual(3);
          expect(suspected.gap, where).toBeGreaterThanOrEqual(3);
          expect(claimed.dash![0] + claimed.width, where).toBeLessThan(suspected.dash![0]);
          expect(asserted.width, where).toBe(claimed.width);
          expect(asserted.style, where).toBe('solid');
          if (!large) expect(claimed.fill, where).toBe('hollow');
          expect(denied.color, where).not.toBe(asserted.color);
        }
        cy.destroy();
      }
    }
  });

  it('grows the dash pattern with the width so no broken line closes', () => {
    for (const stance of ['CLAIMED', 'SUSPECTED'] as const) {
      for (let width = 0.5; width <= 12; width += 0.5) expect(visibleGap(stanceStroke(stance, width), width)).toBeGreaterThanOrEqual(3.9);
    }
    expect(stanceStroke('ASSERTED', 4).dash).toBeNull();
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
      expect(cy.$id('u').numericStyle('width')).toBe(linkWidthBands[0].width);
      expect(cy.$id('z').numericStyle('width')).toBe(linkWidthBands[0].width);
      expect(cy.$id('d').numericStyle('width')).toBe(linkWidthBands[3].width);
      expect(cy.$id('a').style('shape')).toBe(kindDefinitions.THREAT_ACTOR.shape);
      expect(cy.$id('e').style('line-style')).toBe('dashed');
      expect(cy.$id('d').style('line-style')).toBe('solid');
      cy.$id('a').addClass('hidden');
      expect(cy.$id('a').style('display')).toBe('none');
      expect(cy.$id('e').numericStyle('width')).toBe(linkWidthBands[2].width);
      cy.destroy();
    }
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});
