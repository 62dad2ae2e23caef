import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { projectRoot } from '../../server/config.js';
import type { Graph } from '../../server/graph/run.js';
import { startTestServer, type TestServer } from './graph.js';

/** Where browser tests keep the screenshots they took, to be looked at. */
export const artifactsDir = path.join(projectRoot, 'tests', 'artifacts');

/** Debian's Chromium, headless, with nothing that reaches beyond this machine. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
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
  await page.waitForFunction(
    (minimum) => {
      const cy = (window as unknown as { cy?: { nodes(): { length: number } } }).cy;
      return Boolean(cy && cy.nodes().length >= minimum);
    },
    count,
    { timeout },
  );
  // An addition arrives in batches, its links after its nodes (and a first draw always does): wait until it is all there.
  await settled(page);
}

/** Waits until everything the page asked to draw is laid out and its viewport has stopped moving (a fit animates). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { explorer?: { settled(): Promise<void> } }).explorer?.settled());
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
