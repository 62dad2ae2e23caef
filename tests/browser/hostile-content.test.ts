import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDocument } from '../../server/domain/import/document.js';
import { finishPage, screenshot, useExplorer, waitForNodes, type ExplorerPage, tapElement } from '../support/browser.js';
import { readerToken, uniquePrefix } from '../support/graph.js';
import { scriptPayloads } from '../support/hostile-subgraph.js';
import { writeUnchecked } from '../support/legacy-data.js';

// Hostile names and URLs in the HTML report and in the client (finding 2), and a NUL in a name in the client's
// SVG picture (finding 12). The data is written past the input policies, as data stored before them may be.
// Every script payload sets window.__pwned; every link is clicked; nothing may run.

const explorer = useExplorer();
const prefix = uniquePrefix('hostile');
const hostileUrls = [
  'javascript:window.__pwned="javascript-url"',
  'https://evil.example/"><img src=x onerror="window.__pwned=\'attribute\'">',
  'data:text/html,<script>window.__pwned="data-url"</script>',
];
const safeUrl = 'https://example.org/report?a=1&b=2';

function hostileDocument(): ImportDocument {
  const sources = [safeUrl, ...hostileUrls].map((url, index) => ({
    id: `${prefix}src-${index}`,
    title: `Source ${index} ${scriptPayloads[index % scriptPayloads.length]}`,
    publisher: '<b onmouseover="window.__pwned=\'publisher\'">Publisher</b>',
    url,
    published: null,
  }));
  const cite = sources.map((source, index) => ({ source: source.id, excerpt: `Excerpt ${index}: ${scriptPayloads[index % 3]}` }));
  const names = [...scriptPayloads, 'NUL\u0000in the name', '=HYPERLINK("https://evil.example","click")'];
  const entities = names.map((name, index) => ({
    id: `${prefix}e${index}`,
    kind: (index === 0 ? 'THREAT_ACTOR' : 'ORGANIZATION') as 'THREAT_ACTOR' | 'ORGANIZATION',
    name,
    aliases: [scriptPayloads[(index + 1) % 3]],
    description: `Described with ${scriptPayloads[(index + 2) % 3]}`,
    date: null,
    properties: {},
    sources: cite,
    extra: null,
  }));
  const relationships = entities.slice(1).map((entity, index) => ({
    id: `${prefix}r${index}`,
    type: 'RELATED_TO' as const,
    from: entities[0].id,
    to: entity.id,
    stance: 'SUSPECTED' as const,
    confidence: 60,
    since: null,
    until: null,
    description: scriptPayloads[index % 3],
    sources: cite,
    disputedBy: [],
    extra: null,
  }));
  return { sources, entities, relationships };
}

beforeAll(async () => {
  await writeUnchecked(explorer.server.graph, hostileDocument());
});
afterAll(async () => {
  await explorer.server.graph.write('admin/delete-by-id-prefix', { prefix });
});

/** Records dialogs and window.__pwned, and blocks every request that would leave this machine. */
async function watchForScript(page: Page): Promise<{ dialogs: string[]; pwned(): Promise<unknown> }> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.context().route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return { dialogs, pwned: () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined) };
}

/** Clicks every link of the page (or of `within`), coming back after each, and requires that nothing ran. */
async function clickEveryLink(page: Page, selector: string, reopen: () => Promise<void>) {
  const watch = await watchForScript(page);
  const count = await page.locator(selector).count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    const link = page.locator(selector).nth(index);
    await link.scrollIntoViewIfNeeded();
    const opensTab = (await link.getAttribute('target')) === '_blank';
    const popup = opensTab
      ? page
          .context()
          .waitForEvent('page', { timeout: 5_000 })
          .catch(() => null)
      : Promise.resolve(null);
    await link.click({ noWaitAfter: true }).catch(() => undefined);
    const opened = await popup;
    if (opened) {
      expect(await opened.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined)).toBeUndefined();
      await opened.close();
    }
    await page.waitForTimeout(50);
    expect(await watch.pwned(), `after clicking link ${index}`).toBeUndefined();
    if (!page.url().startsWith('about:') && !page.url().startsWith(explorer.server.url)) await reopen();
  }
  expect(watch.dialogs).toEqual([]);
  return count;
}

describe('hostile names and URLs never run script (findings 2 and 12)', () => {
  it('in the HTML report: escaped text, a CSP that forbids script, and only the safe URL linked', async () => {
    const answer = await explorer.server.graphql<{ export: { content: string } }>(
      /* GraphQL */ `
        query ($ids: [ID!]!) {
          export(ids: $ids, format: HTML) {
            content
          }
        }
      `,
      { ids: hostileDocument().entities.map((entity) => entity.id) },
      readerToken,
    );
    expect(answer.errors).toBeUndefined();
    const html = answer.data!.export.content;
    fs.mkdirSync('tests/artifacts', { recursive: true });
    fs.writeFileSync('tests/artifacts/hostile-report.html', html);
    const page = (await explorer.open('/healthz')) as ExplorerPage;
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const show = () => page.setContent(html, { waitUntil: 'load' });
    await show();
    expect(await page.locator('ol.sources a[href^="http"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(
      [safeUrl],
    );
    expect(await page.locator('a[href^="http"]').first().getAttribute('rel')).toBe('noopener noreferrer');
    expect(await page.locator('body').textContent()).toContain('<script>window.__pwned = "script"</script>');
    const clicked = await clickEveryLink(page, 'a', show);
    console.log(`hostile report: ${clicked} links clicked, CSP reports: ${violations.length}`);
    await screenshot(page, 'hostile-report');
    await page.close();
  }, 180_000);

  it('in the client: names as text, only the safe URL linked, every link clicked', async () => {
    const page = await explorer.open(`/?focus=${encodeURIComponent(`${prefix}e0`)}`);
    await waitForNodes(page, 3);
    await tapElement(page, `${prefix}e0`);
    const panel = page.getByTestId('evidence-panel');
    await panel.getByTestId('source').first().waitFor();
    expect(await panel.getByTestId('source').count()).toBe(4);
    expect(await panel.getByTestId('source-link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      safeUrl,
    ]);
    expect(await panel.getByTestId('source-unlinked-url').count()).toBe(3);
    expect(await panel.textContent()).toContain('<script>window.__pwned = "script"</script>');
    // The search list shows names as text too.
    await page.getByTestId('search-input').fill('pwned');
    await page.getByTestId('search-result').first().waitFor();
    const clicked = await clickEveryLink(page, '[data-testid="evidence-panel"] a', async () => {
      await page.goto(`${explorer.server.url}/?focus=${encodeURIComponent(`${prefix}e0`)}`);
      await waitForNodes(page, 3);
      await tapElement(page, `${prefix}e0`);
      await panel.getByTestId('source').first().waitFor();
    });
    console.log(`hostile client: ${clicked} evidence links clicked`);
    await finishPage(page, 'hostile-client');
  }, 180_000);

  it("the client's SVG picture stays well-formed XML with a NUL in a name", async () => {
    const page = await explorer.open(`/?focus=${encodeURIComponent(`${prefix}e0`)}`);
    await waitForNodes(page, 5);
    await page.getByTestId('export-menu').click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-svg').click();
    const svg = fs.readFileSync((await (await downloading).path())!, 'utf8');
    expect(svg).toContain('NUL\ufffdin the name');
    const parsed = await page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'image/svg+xml');
      return document.querySelector('parsererror')?.textContent ?? 'ok';
    }, svg);
    expect(parsed).toBe('ok');
    await finishPage(page, 'hostile-svg');
  });
});
