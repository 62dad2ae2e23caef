import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { projectRoot } from '../../server/config.js';
import type { Graph } from '../../server/graph/run.js';
import { TimeoutError, withTimeout } from '../../shared/with-timeout.js';
import { startTestServer, type TestServer } from './graph.js';

/** Where browser tests keep the screenshots they took, to be looked at. */
export const artifactsDir = path.join(projectRoot, 'tests', 'artifacts');

/**
 * Chromium's switches for the tests: headless, with nothing that reaches beyond this machine. Every page a test opens
 * is served here, so no proxy: Chromium takes one from http_proxy and the like, and bypasses it only for loopback. A
 * server on the machine's network address (tests/browser/shared-server.test.ts) then went through the proxy
 * (net::ERR_PROXY_CONNECTION_FAILED, or the proxy's own error page and a canvas that never draws).
 */
export const chromiumTestArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-proxy-server',
];

/** Debian's Chromium, headless, with nothing that reaches beyond this machine. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumTestArgs });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  try {
    await page.screenshot({ path: file });
  } catch (error) {
    // On a loaded machine Chromium sometimes answers "Unable to capture screenshot" while it is still
    // compositing; one more try after a frame is enough, and a second failure is a real one.
    if (!/Unable to capture screenshot/.test(String(error))) throw error;
    await page.waitForTimeout(500);
    await page.screenshot({ path: file });
  }
  return file;
}

/** Waits until the explorer has drawn at least `count` nodes on its Cytoscape canvas. */
export async function waitForNodes(page: Page, count = 1, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      (minimum) => {
        const cy = (window as unknown as { cy?: { nodes(): { length: number } } }).cy;
        return Boolean(cy && cy.nodes().length >= minimum);
      },
      count,
      { timeout },
    );
  } catch (error) {
    throw new Error(`${count} nodes were not drawn within ${timeout / 1000} s. ${await describePage(page)}`, { cause: error });
  }
  // An addition arrives in batches, its links after its nodes (and a first draw always does): wait until it is all there.
  await settled(page);
}

/** Waits until everything the page asked to draw is laid out and its viewport has stopped moving (a fit animates). */
export async function settled(page: Page, timeout = 60_000): Promise<void> {
  const atRest = page.evaluate(() => (window as unknown as { explorer?: { settled(): Promise<void> } }).explorer?.settled());
  try {
    await withTimeout(atRest, timeout / 1000, 'Coming to rest');
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    throw new Error(`The canvas did not come to rest within ${timeout / 1000} s. ${await describePage(page)}`, { cause: error });
  }
}

/**
 * What a page shows, for the message of a wait that failed: a failed CI run keeps only its output, so the message has
 * to say whether the page was blank, an error page, an empty state or a canvas still busy.
 */
export async function describePage(page: Page): Promise<string> {
  const problems = (page as Partial<ExplorerPage>).problems ?? [];
  const seen = page
    .evaluate(() => {
      const cy = (window as unknown as { cy?: { nodes(): { length: number }; edges(): { length: number }; animated(): boolean } }).cy;
      return {
        title: document.title,
        readyState: document.readyState,
        canvas: cy ? `${cy.nodes().length} nodes, ${cy.edges().length} links, animating: ${cy.animated()}` : 'no canvas (window.cy unset)',
        // What the explorer says to the analyst (an empty state, a toast, the loading bar), else the page's own text.
        text: [...document.querySelectorAll<HTMLElement>('[data-testid=empty-state], [data-testid$=toast], [data-testid=loading]')]
          .filter((element) => !element.hidden)
          .map((element) => element.innerText || `(${element.dataset.testid})`)
          .concat(document.querySelector('.topbar') ? [] : [document.body?.innerText ?? ''])
          .join(' / ')
          .replace(/\s+/g, ' ')
          .trim()
          .slice(0, 600),
      };
    })
    .catch((error: unknown) => `could not be read (${error instanceof Error ? error.message : String(error)})`);
  const answer = await withTimeout(seen, 5, 'Reading the page').catch(() => 'did not answer within 5 s (main thread busy?)');
  const state =
    typeof answer === 'string'
      ? `The page ${answer}.`
      : `The page (${answer.readyState}) "${answer.title}": ${answer.canvas}; it says: "${answer.text}".`;
  return `At ${page.url()}. ${state} Page errors: ${problems.length ? problems.join(' | ') : 'none'}.`;
}

/**
 * Taps a node or link of the canvas, as a click on it would. The page function returns nothing on purpose:
 * `emit` returns the Cytoscape collection, and Playwright serialising that object graph back took ~20 s of the
 * page's main thread on the founding case (60 s and a timeout on a loaded machine).
 */
export async function tapElement(page: Page, id: string): Promise<void> {
  await page.evaluate((elementId) => {
    (window as unknown as { cy: import('cytoscape').Core }).cy.$id(elementId).emit('tap');
  }, id);
}

/** A page of the explorer that records its uncaught errors, so a test can require there were none. */
export interface ExplorerPage extends Page {
  problems: string[];
}

/**
 * The explorer served over the test database (or over the graph `options.graph` gives, e.g. a test's own Neo4j) and
 * a Chromium to look at it, started before the file's tests and stopped after them. `open` loads a path of the app
 * in a fresh page of its own browser context (its own storage: a new browser, as far as the app can tell).
 */
export function useExplorer(options: { graph?: () => Promise<Graph>; setupTimeoutMs?: number } = {}): {
  readonly server: TestServer;
  open(path?: string, options?: { init?: () => void }): Promise<ExplorerPage>;
} {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(options.graph ? await options.graph() : undefined);
    browser = await launchBrowser();
  }, options.setupTimeoutMs);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    async open(path = '/', { init }: { init?: () => void } = {}) {
      const page = (await browser!.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true })) as ExplorerPage;
      page.problems = [];
      // Runs in the page before its own scripts (e.g. to watch what the app does).
      if (init) await page.addInitScript(init);
      page.on('pageerror', (error) => page.problems.push(error.message));
      await page.goto(`${server!.url}${path}`);
      return page;
    },
  };
}

/** The end of a browser test: keep a screenshot to look at, require no page errors, close the page. */
export async function finishPage(page: ExplorerPage, name: string): Promise<void> {
  await screenshot(page, name);
  expect(page.problems).toEqual([]);
  await page.close();
}
