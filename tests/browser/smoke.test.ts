import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot, useExplorer, waitForNodes } from '../support/browser.js';

const explorer = useExplorer();

describe('the explorer page', () => {
  it('draws the founding case on the canvas, styled by kind, and exposes window.cy', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10);
    const drawn = await page.evaluate(() => {
      const cy = (window as unknown as { cy: import('cytoscape').Core }).cy;
      return {
        ids: cy.nodes().map((node) => node.id()),
        kinds: [...new Set(cy.nodes().map((node) => node.data('kind') as string))],
        edges: cy.edges().length,
        colours: new Set(cy.nodes().map((node) => node.style('background-color') as string)).size,
      };
    });
    expect(drawn.ids).toEqual(expect.arrayContaining(['homeland-justice', 'iran', 'albania', 'sanc-us-mois-2022']));
    expect(drawn.edges).toBeGreaterThan(10);
    expect(drawn.kinds.length).toBeGreaterThan(4);
    expect(drawn.colours, 'kinds are told apart by colour').toBeGreaterThan(3);
    const file = await screenshot(page, 'smoke-founding-case');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(page.problems).toEqual([]);
    await page.close();
  });
});
