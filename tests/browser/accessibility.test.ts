import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { finishPage, screenshot, useExplorer, waitForNodes, tapElement, settled } from '../support/browser.js';

// Keyboard and assistive technology (issue 18): axe-core finds no serious or critical violation on the main page,
// the path panel, the evidence panel and the console; the canvas, tabs, menus and dialogs work from the keyboard;
// a list view gives what the canvas shows as tables. Never return Cytoscape objects from page.evaluate.
const explorer = useExplorer();
type Cy = import('cytoscape').Core;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (evaluate is not bound by the page's CSP). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

const focusedNode = (page: Page) =>
  page.evaluate(() => (window as unknown as { cy: Cy }).cy.nodes('.keyboard-focus').map((node) => node.id()));
const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('axe-core: no serious or critical violations', { timeout: 180_000 }, () => {
  it('on the main page', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await finishPage(page, 'a11y-main');
  });

  it('on the path panel with ranked paths', async () => {
    const page = await explorer.open('/?from=homeland-justice&to=sanc-us-mois-2022');
    await page.getByTestId('path-result').first().waitFor({ timeout: 90_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await finishPage(page, 'a11y-path-panel');
  });

  it('on the evidence panel of a disputed link', async () => {
    const page = await explorer.open('/?focus=homeland-justice');
    await waitForNodes(page, 2, 90_000);
    await tapElement(page, 'rel-hj-affiliated-iran');
    await page.getByTestId('evidence-panel').getByTestId('source-excerpt').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await finishPage(page, 'a11y-evidence-panel');
  });

  it('on the GraphQL console with a result', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 5, 90_000);
    await page.getByTestId('console-toggle').click();
    await page.getByTestId('console-editor').waitFor();
    await page.evaluate(() =>
      (window as unknown as { explorer: { console: { setQuery(text: string): Promise<void> } } }).explorer.console.setQuery(
        '{ entity(id: "iran") { id name kind } }',
      ),
    );
    await page.getByTestId('console-run').click();
    await page.getByTestId('console-result').filter({ hasText: 'iran' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await finishPage(page, 'a11y-console');
  });

  it('on the list view', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    await page.locator('body').press('t');
    await page.getByTestId('list-view').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the keyboard', { timeout: 180_000 }, () => {
  it('tabs into the canvas, moves between linked entities with the arrows, opens the evidence with Enter', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    // Focus what comes just before the canvas in the tab order, then Tab.
    const before = await page.evaluate(() => {
      const tabbable = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], summary, [tabindex]')].filter(
        (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.checkVisibility({ visibilityProperty: true }),
      );
      const canvas = document.querySelector<HTMLElement>('[data-testid=canvas]')!;
      const before = tabbable.filter((el) => el.compareDocumentPosition(canvas) & Node.DOCUMENT_POSITION_FOLLOWING).at(-1)!;
      before.focus();
      return `${before.outerHTML.slice(0, 120)}; focused: ${document.activeElement === before}`;
    });
    await page.keyboard.press('Tab');
    expect(await activeTestId(page), `Tab from ${before}`).toBe('canvas');
    const first = await focusedNode(page);
    expect(first).toHaveLength(1);
    const announcer = page.getByTestId('canvas-announcer');
    const firstName = await page.evaluate((id) => (window as unknown as { cy: Cy }).cy.$id(id).data('name') as string, first[0]);
    expect(await announcer.textContent()).toContain(firstName);

    const visited = new Set(first);
    let current = first[0];
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'ArrowRight']) {
      await page.keyboard.press(key);
      const [now] = await focusedNode(page);
      if (now !== current) {
        const name = await page.evaluate((id) => (window as unknown as { cy: Cy }).cy.$id(id).data('name') as string, now);
        expect(await announcer.textContent()).toContain(name);
        visited.add(now);
        current = now;
      }
    }
    expect(visited.size, 'the arrows moved the focus').toBeGreaterThan(2);

    await page.keyboard.press('Enter');
    const name = await page.evaluate((id) => (window as unknown as { cy: Cy }).cy.$id(id).data('name') as string, current);
    await expect.poll(() => page.getByTestId('evidence-panel').textContent(), { timeout: 15_000 }).toContain(name);
    expect(await page.evaluate(() => (window as unknown as { cy: Cy }).cy.$(':selected').map((e) => e.id()))).toEqual([current]);
    await screenshot(page, 'keyboard-1-canvas');
    await page.keyboard.press('Escape');
    expect(await focusedNode(page)).toEqual([]);
    await finishPage(page, 'keyboard-1-canvas-left');
  });

  it('moves between tabs with the arrows, and through menus; Escape closes menus and dialogs', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await page.getByTestId('tab-filters').focus();
    await page.keyboard.press('ArrowRight');
    expect(await activeTestId(page)).toBe('tab-paths');
    expect(await page.getByTestId('tab-paths').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await activeTestId(page)).toBe('tab-filters');

    await page.getByTestId('export-menu').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => activeTestId(page)).toBe('export-png');
    await page.keyboard.press('ArrowDown');
    expect(await activeTestId(page)).not.toBe('export-png');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('export-menu-list').isHidden()).toBe(true);
    expect(await activeTestId(page)).toBe('export-menu');

    await page.getByTestId('views-menu').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('views-menu-list').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('views-menu-list').isHidden()).toBe(true);

    await page.locator('body').press('?');
    await page.getByTestId('help-overlay').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('help-overlay').waitFor({ state: 'detached' });
    await finishPage(page, 'keyboard-2-menus');
  });

  it('shows what the canvas holds as tables, and a row selects its element', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    await page.locator('body').press('t');
    const list = page.getByTestId('list-view');
    await list.waitFor();
    // On top of the canvas, not merely in the page.
    const onTop = await page.evaluate(() => {
      const box = document.querySelector('[data-testid=list-view]')!.getBoundingClientRect();
      return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('[data-testid=list-view]') !== null;
    });
    expect(onTop).toBe(true);
    await screenshot(page, 'keyboard-3-list-view');
    const shown = await page.evaluate(() => {
      const cy = (window as unknown as { cy: Cy }).cy;
      return { nodes: cy.nodes(':visible').length, edges: cy.edges(':visible').length };
    });
    expect(await list.getByTestId('list-entities').locator('tbody tr').count()).toBe(shown.nodes);
    expect(await list.getByTestId('list-links').locator('tbody tr').count()).toBe(shown.edges);
    expect(await list.getByTestId('list-entities').locator('caption').textContent()).toContain(`(${shown.nodes})`);
    const iranRow = list
      .getByTestId('list-entities')
      .locator('tbody tr')
      .filter({ has: page.getByRole('button', { name: 'Iran', exact: true }) });
    expect(await iranRow.locator('td').first().textContent()).toBe('State');
    await iranRow.getByRole('button').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { cy: Cy }).cy.$(':selected').map((e) => e.id()))).toEqual(['iran']);
    await expect.poll(() => page.getByTestId('evidence-panel').textContent(), { timeout: 15_000 }).toContain('Iran');
    expect(await list.isVisible(), 'the list stays open on a choice').toBe(true);
    await list.getByTestId('list-close').focus();
    await page.keyboard.press('Escape');
    expect(await list.isHidden()).toBe(true);
    await finishPage(page, 'keyboard-3-list-closed');
  });
});
