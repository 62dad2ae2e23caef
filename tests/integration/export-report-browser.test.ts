import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { exportSubgraph } from '../../server/domain/export/index.js';
import { artifactsDir, launchBrowser } from '../support/browser.js';
import { connectTestGraph } from '../support/graph.js';

const graph = connectTestGraph();
let browser: Browser;
let html: string;

beforeAll(async () => {
  browser = await launchBrowser();
  html = (await exportSubgraph(graph, { ids: ['homeland-justice'], format: 'HTML', depth: 2 })).content;
});
afterAll(async () => {
  await browser?.close();
  await graph.close();
});

describe('the HTML report in Chromium', () => {
  it('renders on its own (nothing fetched), draws the picture, and is kept as tests/artifacts/report.png', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('data:')) requests.push(request.url());
    });
    await page.setContent(html, { waitUntil: 'load' });
    expect(requests).toEqual([]);
    const picture = await page.locator('figure svg').boundingBox();
    expect(picture!.width).toBeGreaterThan(600);
    expect(await page.locator('figure svg g.nodes > g').count()).toBeGreaterThan(20);
    expect(await page.locator('ul.sentences li').count()).toBeGreaterThan(20);
    expect(await page.locator('ol.sources li').count()).toBeGreaterThan(10);
    // Every footnote mark leads to a footnote.
    const targets = await page.locator('a.note').evaluateAll((links) => links.map((link) => link.getAttribute('href')!.slice(1)));
    for (const id of new Set(targets)) expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'report.png'), fullPage: true });
    expect(fs.statSync(path.join(artifactsDir, 'report.png')).size).toBeGreaterThan(50_000);
    await page.close();
  });

  it('prints to a PDF of one or more A4 pages', async () => {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    await page.close();
  });
});
