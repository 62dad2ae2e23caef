import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { finishPage, screenshot, useExplorer, waitForNodes, settled } from '../support/browser.js';
import { editorToken, readerToken } from '../support/graph.js';

// Views a team shares (issue 18): saved on the server, opened by their URL in another browser exactly as they were
// saved, readable with a reader token but not changeable by it; Copy link gives that URL; views kept in one
// browser by an earlier build move to the server; a layout change can be undone. Every `open` is a new browser
// context (its own storage and token). Never return Cytoscape objects from page.evaluate: they do not serialise.
const explorer = useExplorer();
type Cy = import('cytoscape').Core;

/** Everything a view holds, read off the canvas. */
const canvasState = (page: Page) =>
  page.evaluate(() => {
    const cy = (window as unknown as { cy: Cy }).cy;
    const ids = (selector: string) =>
      cy
        .$(selector)
        .map((ele) => ele.id())
        .sort();
    return {
      positions: Object.fromEntries(cy.nodes().map((node) => [node.id(), { ...node.position() }])),
      edges: ids('edge'),
      hidden: ids('.hidden'),
      pinned: ids('.pinned'),
      selected: ids(':selected'),
      // What the stance filter hides: the suspected links are there but not displayed.
      filtered: ids('.filtered'),
      visibleSuspected: cy.edges('[stance = "SUSPECTED"]').filter((edge) => edge.visible()).length,
    };
  });

/** What a click on a node does: Cytoscape selects it (only it) and the explorer hears the tap. */
const tap = (page: Page, id: string) =>
  page.evaluate((target) => {
    const cy = (window as unknown as { cy: Cy }).cy;
    cy.elements().unselect();
    cy.$id(target).select().emit('tap');
  }, id);

async function saveView(page: Page, title: string): Promise<string> {
  await page.getByTestId('views-menu').click();
  await page.getByTestId('views-save').click();
  await page.getByTestId('views-name').fill(title);
  await page.getByTestId('views-save-confirm').click();
  await page.waitForURL(/\/v\/[A-Za-z0-9_-]+$/);
  return new URL(page.url()).pathname;
}

describe('shared views', { timeout: 180_000 }, () => {
  it('opens a saved view by its URL in a new browser exactly as saved; a reader can open it and cannot change it', async () => {
    const author = await explorer.open(`/?token=${editorToken}`);
    await waitForNodes(author, 10, 90_000);
    await settled(author);
    // Arrange the canvas as an analyst would: move, pin, hide, filter, select.
    // Moved by fractions of a unit, so only an exact restore matches.
    const iranAt = await author.evaluate(() => {
      const cy = (window as unknown as { cy: Cy }).cy;
      const move = (id: string, dx: number, dy: number) => {
        const { x, y } = cy.$id(id).position();
        cy.$id(id).position({ x: x + dx, y: y + dy });
        return cy.$id(id).position();
      };
      move('albania', -90.125, 60.0625);
      return { ...move('iran', 120.5, -80.25) };
    });
    await tap(author, 'homeland-justice');
    expect(await author.evaluate(() => (window as unknown as { cy: Cy }).cy.$(':selected').map((e) => e.id()))).toEqual([
      'homeland-justice',
    ]);
    await author.locator('body').press('p');
    await expect
      .poll(async () => ({ pinned: (await canvasState(author)).pinned, toasts: await author.getByTestId('toast').allTextContents() }))
      .toMatchObject({ pinned: ['homeland-justice'] });
    await tap(author, 'united-states');
    await author.locator('body').press('h');
    await author.getByTestId('tab-filters').click();
    await author.getByTestId('filter-stance-SUSPECTED').click();
    await tap(author, 'albania');
    const saved = await canvasState(author);
    expect(saved.pinned).toEqual(['homeland-justice']);
    expect(saved.hidden).toEqual(['united-states']);
    expect(saved.selected).toEqual(['albania']);
    expect(saved.filtered.length).toBeGreaterThan(0);
    expect(saved.visibleSuspected).toBe(0);

    const url = await saveView(author, 'Albania, as arranged');
    // Copy link gives the view's own URL while the canvas still shows it.
    await author.getByTestId('export-menu').click();
    await author.getByTestId('export-link').click();
    await expect.poll(() => author.getByTestId('toast').last().textContent()).toContain(`${explorer.server.url}${url}`);
    await screenshot(author, 'views-1-saved');

    const reader = await explorer.open(`${url}?token=${readerToken}`);
    await waitForNodes(reader, Object.keys(saved.positions).length);
    await settled(reader);
    const opened = await canvasState(reader);
    expect(opened.positions, 'every position, exactly').toEqual(saved.positions);
    expect(opened.edges).toEqual(saved.edges);
    expect(opened.pinned).toEqual(saved.pinned);
    expect(opened.hidden).toEqual(saved.hidden);
    expect(opened.selected).toEqual(saved.selected);
    expect(opened.filtered).toEqual(saved.filtered);
    expect(opened.visibleSuspected).toBe(0);
    await reader.getByTestId('tab-filters').click();
    expect(await reader.getByTestId('filter-stance-SUSPECTED').isChecked()).toBe(false);
    expect(await reader.title()).toContain('Albania, as arranged');
    await screenshot(reader, 'views-2-opened-by-reader');

    // The reader moves a node and tries to save over the view: refused, and the view is as it was.
    await reader.evaluate(() => void (window as unknown as { cy: Cy }).cy.$id('iran').position({ x: 0, y: 0 }));
    await reader.getByTestId('views-menu').click();
    await reader.getByTestId('views-save').click();
    expect(await reader.getByTestId('views-replace').isChecked()).toBe(true);
    await reader.getByTestId('views-save-confirm').click();
    await expect.poll(() => reader.getByTestId('error-toast').last().textContent()).toMatch(/Only the view's author/);
    const stored = await explorer.server.graphql<{ view: { state: { positions: { id: string; x: number; y: number }[] } } }>(
      /* GraphQL */ `
        query View($id: ID!) {
          view(id: $id) {
            state
          }
        }
      `,
      { id: url.slice('/v/'.length) },
      readerToken,
    );
    expect(stored.data!.view.state.positions.find((p) => p.id === 'iran')).toEqual({ id: 'iran', ...iranAt });
    await finishPage(reader, 'views-3-reader-refused');
    await finishPage(author, 'views-1-author-after');
  }, 180_000);

  it('moves views saved in this browser by an earlier build to the server the first time the menu opens', async () => {
    const page = await explorer.open(`/?token=${editorToken}`);
    await waitForNodes(page, 10, 90_000);
    const name = `Kept in one browser ${Date.now().toString(36)}`;
    await page.evaluate((title) => {
      window.localStorage.setItem(
        'attribution-explorer.saved-views.v1',
        JSON.stringify([
          {
            name: title,
            savedAt: '2026-01-02T03:04:05.000Z',
            query: '',
            elements: [{ group: 'nodes', data: { id: 'iran' } }],
            positions: { iran: { x: 10, y: 20 } },
            pinned: ['iran'],
            hidden: [],
          },
        ]),
      );
    }, name);
    await page.reload();
    await waitForNodes(page, 10, 90_000);
    await page.getByTestId('views-menu').click();
    await page.getByTestId('views-open').filter({ hasText: name }).waitFor();
    expect(await page.getByTestId('toast').last().textContent()).toMatch(/1 view saved in this browser moved to the server/);
    expect(await page.evaluate(() => window.localStorage.getItem('attribution-explorer.saved-views.v1'))).toBe('[]');
    const listed = await explorer.server.graphql<{ views: { title: string; state: { positions: unknown[]; pinned: string[] } }[] }>(
      /* GraphQL */ `
        {
          views(limit: 50) {
            title
            state
          }
        }
      `,
    );
    const moved = listed.data!.views.find((view) => view.title === name);
    expect(moved?.state.positions).toEqual([{ id: 'iran', x: 10, y: 20 }]);
    expect(moved?.state.pinned).toEqual(['iran']);
    await finishPage(page, 'views-4-local-moved');
  });

  it('undoes a layout change', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    const before = (await canvasState(page)).positions;
    await page.locator('body').press('3');
    await settled(page);
    const laidOut = (await canvasState(page)).positions;
    expect(laidOut).not.toEqual(before);
    await page.locator('body').press('Control+z');
    await settled(page);
    expect((await canvasState(page)).positions).toEqual(before);
    await finishPage(page, 'views-5-layout-undone');
  });
});
