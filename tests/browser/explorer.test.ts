import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { finishPage, screenshot, useExplorer, waitForNodes, tapElement } from '../support/browser.js';

const foundingCase = JSON.parse(fs.readFileSync(path.join(projectRoot, 'cypher', 'seed', 'founding-case.json'), 'utf8')) as {
  entities: { id: string; description: string; sources: { source: string }[] }[];
};

// The analyst's acceptance walk (issue 4): each step drives the real app in Debian's Chromium and keeps a
// screenshot in tests/artifacts/. Never return Cytoscape objects from page.evaluate: they do not serialise.
const explorer = useExplorer();
const openPage = explorer.open;

const nodeIds = (page: Page) =>
  page.evaluate(() => (window as unknown as { cy: import('cytoscape').Core }).cy.nodes().map((node) => node.id()));

describe('the analyst in the explorer', () => {
  it('searches for Homeland Justice and puts it on the canvas', async () => {
    const page = await openPage('/');
    // The file's first page: the server's and the browser's first draw, slow on a loaded machine (20 s seen).
    await waitForNodes(page, 5, 90_000);
    await page.evaluate(() => {
      (window as unknown as { cy: import('cytoscape').Core }).cy.elements().remove();
    });
    await page.getByTestId('search-input').fill('homeland');
    const first = page.getByTestId('search-result').first();
    await first.waitFor();
    expect(await first.getAttribute('data-entity-id')).toBe('homeland-justice');
    expect(await first.textContent()).toMatch(/threat actor/i);
    // Enough to tell two entities of one name apart: distinct sources citing it, and its description.
    const seed = foundingCase.entities.find((entity) => entity.id === 'homeland-justice')!;
    const distinctSources = new Set(seed.sources.map((citation) => citation.source)).size;
    expect(distinctSources).toBe(2);
    expect(await first.getByTestId('search-result-detail').textContent()).toBe(`${distinctSources} sources · ${seed.description}`);
    await screenshot(page, 'explorer-1-search-results');
    await page.getByTestId('search-input').press('Enter');
    await waitForNodes(page, 1);
    expect(await nodeIds(page)).toContain('homeland-justice');
    await finishPage(page, 'explorer-1-search');
  });

  it('expands Homeland Justice after seeing what each relationship type would add', async () => {
    const page = await openPage('/?focus=homeland-justice');
    await waitForNodes(page, 2);
    await page.evaluate(() => {
      const cy = (window as unknown as { cy: import('cytoscape').Core }).cy;
      cy.elements().not(cy.$id('homeland-justice')).remove();
    });
    expect(await nodeIds(page)).toEqual(['homeland-justice']);
    // Select the node with a tap, then press E, the expand shortcut.
    await tapElement(page, 'homeland-justice');
    await page.locator('body').press('e');
    const dialog = page.getByTestId('expand-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('expand-type').count()).toBeGreaterThan(1);
    expect(await dialog.textContent()).toMatch(/AFFILIATED_WITH|affiliated/i);
    await screenshot(page, 'explorer-2-expand-counts');
    await page.getByTestId('expand-confirm').click();
    await waitForNodes(page, 4);
    const ids = await nodeIds(page);
    expect(ids).toEqual(expect.arrayContaining(['homeland-justice', 'iran']));
    await finishPage(page, 'explorer-2-expanded');
  });

  it('opens /?from=Homeland Justice&to=the US sanctions with the top path highlighted, explained in words, re-ranked by a what-if', async () => {
    const page = await openPage('/?from=homeland-justice&to=sanc-us-mois-2022');
    await page.waitForFunction(() => (window as unknown as { cy: import('cytoscape').Core }).cy.$('.path').length > 0, undefined, {
      timeout: 30_000,
    });
    const highlighted = await page.evaluate(() => {
      const cy = (window as unknown as { cy: import('cytoscape').Core }).cy;
      return { nodes: cy.$('node.path').map((node) => node.id()), edges: cy.$('edge.path').length };
    });
    // The top path, through Iran and MOIS, is the one the URL highlights.
    expect(highlighted.nodes.sort()).toEqual(['homeland-justice', 'iran', 'iran-mois', 'sanc-us-mois-2022']);
    expect(highlighted.edges).toBe(3);
    const results = page.getByTestId('path-result');
    expect(await results.count()).toBe(5);
    const first = results.first();
    expect(await first.getAttribute('class')).toContain('selected');
    expect(await first.getByTestId('path-band').textContent()).toBe('Moderate confidence');
    expect(await first.getByTestId('path-reading').textContent()).toContain('Homeland Justice is affiliated with Iran (suspected)');
    expect(await first.getByTestId('path-metapath').textContent()).toBe(
      'ThreatActor -affiliated with-> State <-part of- Organization <-sanctions- Sanction',
    );
    // Each step reads A → B in reading order, with its badges.
    const steps = await first.getByTestId('path-step').allTextContents();
    expect(steps[1]).toMatch(/^Iran → Ministry of Intelligence/);
    expect(await first.getByTestId('step-contested').count()).toBe(1);
    // A band and steps, never a percentage.
    expect(await page.getByTestId('path-results').textContent()).not.toMatch(/\d%/);
    await screenshot(page, 'explorer-3-path');

    // The similar paths folded under #1 can be drawn one by one.
    await first.getByTestId('path-variants').locator('summary').click();
    await first.getByTestId('path-variant').first().click();
    await page.waitForFunction(() => (window as unknown as { cy: import('cytoscape').Core }).cy.$('.path').length > 0);

    // What-if: without the source the path leans on most, one click; the chip puts it back.
    await first.getByTestId('path-critical-without').click();
    await page.getByTestId('path-what-if-chip').waitFor();
    expect(await page.getByTestId('path-what-if').textContent()).toMatch(/Sanctioning Iran/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="path-result"]').length > 0);
    await screenshot(page, 'explorer-3-path-what-if');
    const reranked = page.getByTestId('path-result').first();
    await reranked.getByTestId('path-sources').locator('summary').click();
    expect(await reranked.getByTestId('path-source').count()).toBeGreaterThan(0);
    await page.getByTestId('path-what-if-clear').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="path-what-if"]') as HTMLElement).hidden);

    // Another profile, another ranking.
    await page.getByTestId('path-profile').selectOption('ANY_CONNECTION');
    await page.getByTestId('path-find').click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="path-result"]')].some((item) => /targeted|supports/.test(item.textContent ?? '')),
    );

    await finishPage(page, 'explorer-3-path-any-connection');
  });

  it('selects a link and reads its source excerpt in the evidence panel', async () => {
    const page = await openPage('/?focus=homeland-justice');
    await waitForNodes(page, 2);
    await tapElement(page, 'rel-hj-affiliated-iran');
    const panel = page.getByTestId('evidence-panel');
    await panel.getByTestId('source-excerpt').first().waitFor();
    const excerpts = await panel.getByTestId('source-excerpt').allTextContents();
    expect(excerpts.join(' ')).toContain('with suspected ties to Iran');
    expect(await panel.textContent()).toMatch(/suspected/i);
    expect(await panel.textContent()).toMatch(/Ministry of Foreign Affairs|denies|disput/i);
    await finishPage(page, 'explorer-4-evidence');
  });

  it('filters by stance and sees the suspected links go', async () => {
    const page = await openPage('/');
    await waitForNodes(page, 10);
    const visibleSuspected = () =>
      page.evaluate(
        () =>
          (window as unknown as { cy: import('cytoscape').Core }).cy.edges('[stance = "SUSPECTED"]').filter((edge) => edge.visible())
            .length,
      );
    expect(await visibleSuspected()).toBeGreaterThan(0);
    await page.getByTestId('tab-filters').click();
    await page.getByTestId('filter-stance-SUSPECTED').click();
    await page.waitForFunction(
      () =>
        (window as unknown as { cy: import('cytoscape').Core }).cy.edges('[stance = "SUSPECTED"]').filter((edge) => edge.visible())
          .length === 0,
    );
    const assertedStillThere = await page.evaluate(
      () =>
        (window as unknown as { cy: import('cytoscape').Core }).cy.edges('[stance = "ASSERTED"]').filter((edge) => edge.visible()).length,
    );
    expect(assertedStillThere).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toMatch(/SUSPECTED|stance/i);
    await finishPage(page, 'explorer-5-filter-stance');
  });

  it('runs a GraphQL query in the console and draws its result on the canvas', async () => {
    const page = await openPage('/');
    // The file's first page: the server's and the browser's first draw, slow on a loaded machine (20 s seen).
    await waitForNodes(page, 5, 90_000);
    await page.evaluate(() => {
      (window as unknown as { cy: import('cytoscape').Core }).cy.elements().remove();
    });
    await page.getByTestId('console-toggle').click();
    await page.getByTestId('console-editor').waitFor();
    await page.evaluate(() =>
      (window as unknown as { explorer: { console: { setQuery(text: string): Promise<void> } } }).explorer.console.setQuery(
        '{ neighbourhood(ids: ["sanc-us-mois-2022"]) { entities { id kind name } relationships { id type stance confidence from { id } to { id } } } }',
      ),
    );
    await page.getByTestId('console-run').click();
    await page.getByTestId('console-result').filter({ hasText: 'iran-mois' }).waitFor();
    await page.getByTestId('console-draw').click();
    await waitForNodes(page, 3);
    expect(await nodeIds(page)).toEqual(expect.arrayContaining(['sanc-us-mois-2022', 'iran-mois', 'united-states']));
    await finishPage(page, 'explorer-6-console');
  });
});

describe('an address that names no entity', { timeout: 180_000 }, () => {
  it('says the entity was not found, naming the id, with a way to search, for a focus and for a path end', async () => {
    const focus = await openPage('/?focus=no-such-entity');
    const empty = focus.getByTestId('empty-state');
    await empty.getByText('Entity not found').waitFor({ timeout: 90_000 });
    expect(await empty.textContent()).toContain('No entity has the id “no-such-entity”');
    await finishPage(focus, 'explorer-focus-not-found');
    const path = await openPage('/?from=homeland-justice&to=no-such-sanction');
    await path.getByTestId('empty-state').getByText('Path ends not found').waitFor();
    const said = await path.getByTestId('empty-state').textContent();
    expect(said).toContain('No entity has the id “no-such-sanction”');
    expect(said).not.toContain('homeland-justice');
    await path
      .getByTestId('empty-state')
      .getByRole('button', { name: /search/i })
      .click();
    expect(await path.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
    await finishPage(path, 'explorer-path-end-not-found');
  });

  it('a path from an entity to itself: the panel says so, and the canvas shows the entity, not an error', async () => {
    const page = await openPage('/?from=homeland-justice&to=homeland-justice');
    await page.getByTestId('path-same-ends').getByText('From and To are both Homeland Justice').waitFor({ timeout: 90_000 });
    await waitForNodes(page, 2);
    expect(await nodeIds(page)).toContain('homeland-justice');
    expect(await page.getByTestId('error-toast').count()).toBe(0);
    await finishPage(page, 'explorer-path-same-ends');
  });
});

describe('pictures from the export menu', () => {
  it.each([
    ['export-png', 'png'],
    ['export-svg', 'svg'],
  ])('downloads %s as a non-empty %s file', async (testid, type) => {
    const page = await openPage('/');
    await waitForNodes(page, 10);
    await page.getByTestId('export-menu').click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId(testid).click();
    const download = await downloading;
    const file = await download.path();
    const bytes = fs.readFileSync(file!);
    expect(bytes.length).toBeGreaterThan(5_000);
    if (type === 'png') expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    else expect(bytes.toString('utf8')).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${type}$`));
    fs.copyFileSync(file!, `tests/artifacts/export-canvas.${type}`);
    await page.close();
  });
});
