import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildServer, type BuiltServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { describePage, finishPage, launchBrowser, waitForNodes, type ExplorerPage } from '../support/browser.js';
import { connectTestGraph, editorToken, readerToken, testLogger } from '../support/graph.js';
import type { Graph } from '../../server/graph/run.js';
import fs from 'node:fs';
import path from 'node:path';

// A shared server reached over plain http through the machine's own network address (finding 3): Helmet's
// default CSP told the browser to fetch every script and style over https, which gave a blank page.

const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((address) => address && !address.internal && address.family === 'IPv4')?.address;
if (!lanAddress) console.warn('This machine has no non-loopback IPv4 address: the shared-server browser test cannot run here.');

let server: BuiltServer;
let graph: Graph;
let browser: Browser;
let base = '';
let dataDir = '';

// The file's first page is the server's and the browser's first draw: 90 s for it, as in the other browser files.
describe.runIf(lanAddress)(`the explorer on a shared server, over http://${lanAddress}`, { timeout: 180_000 }, () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-shared-'));
    graph = connectTestGraph();
    const config = loadConfig({
      DATA_DIR: dataDir,
      HOST: lanAddress!,
      EDITOR_TOKENS: `tester:${editorToken}`,
      READER_TOKENS: `reader:${readerToken}`,
    });
    server = await buildServer({ config, graph, logger: testLogger });
    // Bound to this one address only, for the length of the test.
    await new Promise<void>((resolve) => server.httpServer.listen(0, lanAddress, () => resolve()));
    base = `http://${lanAddress}:${(server.httpServer.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await graph?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads every script and style over http, with a CSP that does not upgrade them, and draws the graph for a reader', async () => {
    const csp = (await fetch(`${base}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const page = (await browser.newPage({ viewport: { width: 1400, height: 900 } })) as ExplorerPage;
    page.problems = [];
    page.on('pageerror', (error) => page.problems.push(error.message));
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    const insecure: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) insecure.push(request.url());
    });
    const response = await page.goto(`${base}/?token=${readerToken}`);
    // Not a page from anything in between (a proxy's error page draws nothing, and a wait for nodes would only time out).
    expect(response?.status(), `the page at ${base}/ came back ${response?.status()}: ${await describePage(page)}`).toBe(200);
    expect(await response?.headerValue('content-security-policy')).toBe(csp);
    await waitForNodes(page, 5, 90_000);
    expect(failed).toEqual([]);
    expect(insecure).toEqual([]);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.topbar')!).display)).not.toBe('');
    await finishPage(page, 'shared-server-over-http');
  });
});
