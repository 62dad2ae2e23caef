import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../server/config.js';

/** Where browser tests keep the screenshots they took, to be looked at. */
export const artifactsDir = path.join(projectRoot, 'tests', 'artifacts');

/** Debian's Chromium, headless, with nothing that reaches beyond this machine. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until the explorer has drawn at least `count` nodes on its Cytoscape canvas. */
export async function waitForNodes(page: Page, count = 1, timeout = 30_000): Promise<void> {
  await page.waitForFunction((minimum) => {
    const cy = (window as unknown as { cy?: { nodes(): { length: number } } }).cy;
    return Boolean(cy && cy.nodes().length >= minimum);
  }, count, { timeout });
}
