import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, finishPage, screenshot, useExplorer, waitForNodes, settled } from '../support/browser.js';

// A canvas readable at every zoom and pictures fit for a report (issue 18). The stance test draws two links of 90%
// confidence side by side, one claimed and one asserted, and requires them to differ in the canvas's computed
// styles, in its pixels at 1x and 4x zoom, in the PNG export's pixels and in the SVG export's attributes.
// Never return Cytoscape objects from page.evaluate: they do not serialise.
const explorer = useExplorer();
type Cy = import('cytoscape').Core;
type Win = {
  cy: Cy;
  explorer: { draw(s: unknown): Promise<number>; settled(): Promise<void>; picture(f: string, o?: object): Promise<Pict> };
};
interface Pict {
  svg: string;
  width: number;
  height: number;
  graph: { x: number; y: number };
  dataUrl?: string;
  scale?: number;
}

const entity = (id: string, kind = 'ORGANIZATION') => ({ id, kind, name: `Entity ${id}`, aliases: [], date: null });
const link = (id: string, from: string, to: string, stance: string, confidence = 90) => ({
  id,
  type: 'AFFILIATED_WITH',
  stance,
  confidence,
  since: null,
  until: null,
  from: { id: from },
  to: { id: to },
});

/** Two 90% links, claimed (top) and asserted (below), each 400 units long, drawn and placed. */
async function drawStancePair(page: Page): Promise<void> {
  await page.evaluate(
    async (subgraph) => {
      const w = window as unknown as Win;
      w.cy.elements().remove();
      await w.explorer.draw(subgraph);
      const place: Record<string, [number, number]> = { a: [0, 0], b: [400, 0], c: [0, 160], d: [400, 160] };
      for (const [id, [x, y]] of Object.entries(place)) w.cy.$id(id).position({ x, y });
      w.cy.elements().unselect();
    },
    {
      entities: ['a', 'b', 'c', 'd'].map((id) => entity(id)),
      relationships: [link('claimed', 'a', 'b', 'CLAIMED'), link('asserted', 'c', 'd', 'ASSERTED')],
    },
  );
}

/**
 * A line's look along its middle half, sampled every half pixel on the canvas's own layers after centring it at
 * `zoom`: how often it switches between ink and background (a dotted line many times, a solid one not at all) and
 * how much of it is ink (so a line off the screen cannot pass for a solid one).
 */
const canvasLine = (page: Page, id: string, zoom: number) =>
  page.evaluate(
    async ([edgeId, level]) => {
      const cy = (window as unknown as Win).cy;
      const edge = cy.$id(edgeId);
      cy.zoom(level);
      cy.center(edge.connectedNodes());
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const layers = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=canvas] canvas')];
      const ratio = window.devicePixelRatio;
      const from = edge.source().renderedPosition();
      const to = edge.target().renderedPosition();
      const samples: boolean[] = [];
      const steps = Math.round(Math.hypot(to.x - from.x, to.y - from.y) * 2);
      // The middle half of the line, as far as it lies on the canvas (at 4x it runs past the edges).
      const inset = 12;
      for (let i = Math.round(steps * 0.25); i <= steps * 0.75; i += 1) {
        const px = from.x + ((to.x - from.x) * i) / steps;
        const py = from.y + ((to.y - from.y) * i) / steps;
        if (px < inset || py < inset || px > cy.width() - inset || py > cy.height() - inset) continue;
        const [x, y] = [Math.round(px * ratio), Math.round(py * ratio)];
        samples.push(layers.some((layer) => layer.getContext('2d')!.getImageData(x, y, 1, 1).data[3] > 100));
      }
      return {
        samples: samples.length,
        switches: samples.filter((ink, i) => i > 0 && ink !== samples[i - 1]).length,
        ink: samples.filter(Boolean).length / samples.length,
      };
    },
    [id, zoom] as const,
  );

describe('stance at every width, zoom and export', { timeout: 180_000 }, () => {
  it('draws a claimed link at 90% differently from an asserted one: styles, canvas at 1x and 4x, PNG, SVG', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    await drawStancePair(page);

    const styles = await page.evaluate(() => {
      const cy = (window as unknown as Win).cy;
      type Parsed = { pstyle(name: string): { strValue: string; pfValue: number | number[]; value: unknown } };
      const read = (id: string) => {
        const edge = cy.$id(id) as unknown as Parsed;
        return {
          lineStyle: edge.pstyle('line-style').strValue,
          dash: edge.pstyle('line-dash-pattern').pfValue as number[],
          cap: edge.pstyle('line-cap').strValue,
          width: edge.pstyle('width').pfValue as number,
          arrowFill: edge.pstyle('target-arrow-fill').strValue,
        };
      };
      return { claimed: read('claimed'), asserted: read('asserted') };
    });
    expect(styles.claimed.width).toBe(styles.asserted.width);
    // Dots: dashes of no length with round caps (Cytoscape's own 'dotted' draws solid at this width).
    expect(styles.claimed.lineStyle).toBe('dashed');
    expect(styles.claimed.dash[0]).toBeLessThan(0.5);
    expect(styles.asserted.lineStyle).toBe('solid');
    expect(styles.claimed.arrowFill).toBe('hollow');
    expect(styles.asserted.arrowFill).toBe('filled');
    // The gap left between two round-capped dots: open, and wider than a pixel at 1x.
    const [, gap] = styles.claimed.dash;
    expect(styles.claimed.cap).toBe('round');
    expect(gap - styles.claimed.width).toBeGreaterThanOrEqual(2);

    for (const zoom of [1, 4]) {
      const claimed = await canvasLine(page, 'claimed', zoom);
      await screenshot(page, `stance-canvas-${zoom}x`);
      const asserted = await canvasLine(page, 'asserted', zoom);
      expect(claimed.samples).toBeGreaterThan(200);
      expect(asserted.samples).toBeGreaterThan(200);
      expect(claimed.switches, `claimed at ${zoom}x is broken into dots`).toBeGreaterThanOrEqual(6);
      expect(claimed.ink, `claimed at ${zoom}x`).toBeGreaterThan(0.1);
      expect(claimed.ink, `claimed at ${zoom}x has gaps`).toBeLessThan(0.8);
      expect(asserted.switches, `asserted at ${zoom}x is solid`).toBeLessThanOrEqual(1);
      expect(asserted.ink, `asserted at ${zoom}x is drawn`).toBeGreaterThan(0.95);
    }

    // The PNG export: the same count along the same lines, in the picture's pixels.
    const png = await page.evaluate(async () => {
      const w = window as unknown as Win;
      const picture = await w.explorer.picture('png', { title: 'Claimed and asserted at 90%', legend: true });
      const box = w.cy.elements(':visible').boundingBox({});
      const image = new Image();
      image.src = picture.dataUrl!;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const scale = picture.scale!;
      const at = (x: number, y: number) => ({ x: (picture.graph.x + x - box.x1) * scale, y: (picture.graph.y + y - box.y1) * scale });
      const switches = (from: { x: number; y: number }, to: { x: number; y: number }) => {
        const a = at(from.x, from.y);
        const b = at(to.x, to.y);
        const steps = Math.round(Math.hypot(b.x - a.x, b.y - a.y) * 2);
        const samples: boolean[] = [];
        for (let i = Math.round(steps * 0.25); i <= steps * 0.75; i += 1) {
          const [r, g, bl] = context.getImageData(
            Math.round(a.x + ((b.x - a.x) * i) / steps),
            Math.round(a.y + ((b.y - a.y) * i) / steps),
            1,
            1,
          ).data;
          samples.push((r + g + bl) / 3 < 200);
        }
        return {
          switches: samples.filter((ink, i) => i > 0 && ink !== samples[i - 1]).length,
          ink: samples.filter(Boolean).length / samples.length,
        };
      };
      const corner = context.getImageData(2, 2, 1, 1).data;
      return {
        claimed: switches({ x: 0, y: 0 }, { x: 400, y: 0 }),
        asserted: switches({ x: 0, y: 160 }, { x: 400, y: 160 }),
        background: [corner[0], corner[1], corner[2]],
        dataUrl: picture.dataUrl!,
      };
    });
    expect(png.background, 'light theme by default').toEqual([255, 255, 255]);
    expect(png.claimed.switches).toBeGreaterThanOrEqual(6);
    expect(png.claimed.ink).toBeGreaterThan(0.1);
    expect(png.claimed.ink).toBeLessThan(0.8);
    expect(png.asserted.switches).toBeLessThanOrEqual(1);
    expect(png.asserted.ink).toBeGreaterThan(0.95);
    fs.writeFileSync(path.join(artifactsDir, 'stance-export.png'), Buffer.from(png.dataUrl.split(',')[1], 'base64'));

    // The SVG export: one stroke has a dash pattern (round dots with open gaps), the other none.
    const svg = await page.evaluate(async () => {
      const picture = await (window as unknown as Win).explorer.picture('svg', { title: 'Claimed and asserted at 90%' });
      const doc = new DOMParser().parseFromString(picture.svg, 'image/svg+xml');
      const strokes = [...doc.querySelectorAll('.graph path[stroke]')]
        .filter((p) => Number(p.getAttribute('stroke-width')) >= 3 && p.getAttribute('fill') === 'none')
        .map((p) => ({
          dash: p.getAttribute('stroke-dasharray'),
          cap: p.getAttribute('stroke-linecap'),
          width: Number(p.getAttribute('stroke-width')),
        }));
      return { svg: picture.svg, viewBox: doc.documentElement.getAttribute('viewBox'), strokes };
    });
    expect(svg.viewBox).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
    expect(svg.svg).toContain('Claimed and asserted at 90%');
    const dashed = svg.strokes.filter((stroke) => stroke.dash && stroke.dash !== 'none');
    const solid = svg.strokes.filter((stroke) => !stroke.dash || stroke.dash === 'none');
    expect(dashed, JSON.stringify(svg.strokes)).toHaveLength(1);
    expect(solid.length).toBeGreaterThanOrEqual(1);
    const [, svgGap] = dashed[0].dash!.split(/[ ,]+/).map(Number);
    expect(dashed[0].cap).toBe('round');
    expect(svgGap - dashed[0].width).toBeGreaterThanOrEqual(2);
    fs.writeFileSync(path.join(artifactsDir, 'stance-export.svg'), svg.svg);
    await finishPage(page, 'stance-canvas-after');
  });
});

describe('readable at every zoom', { timeout: 180_000 }, () => {
  it('shows hover cards, captions on demand, collapsible panels and a minimap for large views', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    // Hover card: full name, kind, links on the canvas and in the graph, sources.
    const at = await page.evaluate(() => {
      const cy = (window as unknown as Win).cy;
      const node = cy.$id('denial-iran-mfa-2022-09');
      cy.center(node);
      const { x, y } = node.renderedPosition();
      const box = document.querySelector('[data-testid=canvas]')!.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    });
    await page.waitForTimeout(400);
    await page.mouse.move(at.x, at.y);
    const card = page.getByTestId('hover-card');
    await card.waitFor();
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toMatch(/source/);
    const text = (await card.textContent())!;
    expect(text).toContain("Iran's foreign ministry rejects Albania's accusations (September 2022)");
    expect(text).toMatch(/Denial/);
    expect(text).toMatch(/link/);
    await screenshot(page, 'readable-1-hover-card');
    await page.mouse.move(5, 5);

    // Captions: L shows the relationship on every link, L again hides them.
    const captions = () =>
      page.evaluate(
        () =>
          (window as unknown as Win).cy
            .edges()
            .filter((edge) => (edge as unknown as { pstyle(n: string): { strValue: string } }).pstyle('label').strValue !== '').length,
      );
    expect(await captions()).toBe(0);
    await page.locator('body').press('l');
    expect(await captions()).toBe(await page.evaluate(() => (window as unknown as Win).cy.edges().length));
    await screenshot(page, 'readable-2-captions');
    await page.locator('body').press('l');
    expect(await captions()).toBe(0);

    // Panels collapse: the canvas takes their room.
    const canvasWidth = () => page.getByTestId('canvas').evaluate((el) => el.getBoundingClientRect().width);
    const before = await canvasWidth();
    await page.locator('body').press('[');
    await page.locator('body').press(']');
    await expect.poll(canvasWidth).toBeGreaterThan(before + 500);
    await page.locator('body').press('[');
    await page.locator('body').press(']');
    await expect.poll(canvasWidth).toBe(before);

    // A minimap once the view is large.
    expect(await page.getByTestId('minimap').isHidden()).toBe(true);
    await page.evaluate(async () => {
      const w = window as unknown as Win;
      const entities = Array.from({ length: 200 }, (_, i) => ({
        id: `m${i}`,
        kind: 'INCIDENT',
        name: `Incident ${i}`,
        aliases: [],
        date: null,
      }));
      const relationships = entities.slice(1).map((e, i) => ({
        id: `ml${i}`,
        type: 'RELATED_TO',
        stance: 'ASSERTED',
        confidence: 50,
        since: null,
        until: null,
        from: { id: e.id },
        to: { id: `m${Math.floor(i / 3)}` },
      }));
      await w.explorer.draw({ entities, relationships });
    });
    await page.getByTestId('minimap').waitFor();
    await finishPage(page, 'readable-3-minimap');
  });

  it('hides entities left without a visible link, and groups a selection by hand', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    const visibleNodes = () => page.evaluate(() => (window as unknown as Win).cy.nodes(':visible').length);
    const all = await visibleNodes();
    await page.getByTestId('tab-filters').click();
    await page.getByTestId('filter-stance-ASSERTED').click();
    const countOrphans = () =>
      page.evaluate(
        () => (window as unknown as Win).cy.nodes(':visible').filter((node) => node.connectedEdges(':visible').length === 0).length,
      );
    // The filter applies after a short debounce.
    await expect.poll(countOrphans).toBeGreaterThan(0);
    const orphans = await countOrphans();
    await page.getByTestId('filter-hide-orphans').check();
    await expect.poll(visibleNodes).toBe(all - orphans);
    expect(
      await page.evaluate(
        () => (window as unknown as Win).cy.nodes(':visible').filter((node) => node.connectedEdges(':visible').length === 0).length,
      ),
    ).toBe(0);
    await page.getByTestId('filter-reset').click();
    await expect.poll(visibleNodes).toBe(all);

    // Select three claims, Ctrl+G: one group node stands for them; double-click opens it again.
    const members = ['claim-hj-parliament', 'claim-hj-telecoms', 'claim-hj-air-albania'];
    await page.evaluate((ids) => {
      const cy = (window as unknown as Win).cy;
      cy.elements().unselect();
      for (const id of ids) cy.$id(id).select();
    }, members);
    await page.locator('body').press('Control+g');
    const group = await page.evaluate(() => {
      const cy = (window as unknown as Win).cy;
      const nodes = cy.nodes('.group');
      const node = nodes[0];
      return { count: nodes.length, id: node.id(), label: node.data('label') as string, visible: node.visible() };
    });
    expect(group).toMatchObject({ count: 1, label: '3 claims', visible: true });
    expect(await page.evaluate((ids) => ids.filter((id) => (window as unknown as Win).cy.$id(id).visible()).length, members)).toBe(0);
    await screenshot(page, 'readable-4-grouped');
    await page.evaluate((id) => void (window as unknown as Win).cy.$id(id).emit('dbltap'), group.id);
    await expect
      .poll(() => page.evaluate((ids) => ids.filter((id) => (window as unknown as Win).cy.$id(id).visible()).length, members))
      .toBe(3);
    expect(await page.evaluate(() => (window as unknown as Win).cy.nodes('.group').length)).toBe(0);
    await finishPage(page, 'readable-4-ungrouped');
  });
});
