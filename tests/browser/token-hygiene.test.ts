import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localEditorName } from '../../server/auth.js';
import { mintLoginCode } from '../../server/login-links.js';
import { startConfiguredServer, type ConfiguredServer } from '../support/configured-server.js';
import { chromiumTestArgs } from '../support/browser.js';

// The editor link and the browser's files (finding 11). A link that carried the token left it in Chromium's
// History, Favicons, Cache and Sessions files for good; a login link carries a single-use code, so the only
// copy of the token on disk is the one the client keeps on purpose (Local Storage).

let server: ConfiguredServer;
let token: string;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-profile-'));

beforeAll(async () => {
  server = await startConfiguredServer({ EDITOR_TOKENS: '', READER_TOKENS: '' });
  token = fs.readFileSync(path.join(server.dataDir, 'editor-token'), 'utf8').trim();
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

describe('opening an editor link', () => {
  it('keeps the token out of the address bar, the history, the favicon and cache databases, and the session', async () => {
    const code = mintLoginCode({ name: localEditorName(), token });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: chromiumTestArgs,
    });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/?login=${code}&focus=iran`);
      await page.waitForFunction(() => localStorage.getItem('attribution-explorer.token') !== null, undefined, { timeout: 30_000 });
      expect(await page.evaluate(() => localStorage.getItem('attribution-explorer.token'))).toBe(token);
      expect(page.url()).not.toContain('login=');
      // The client is an editor now: the server says so.
      await page.waitForFunction(() => (window as unknown as { cy?: { nodes(): { length: number } } }).cy?.nodes().length, undefined, {
        timeout: 30_000,
      });
      const role = await page.evaluate(async (stored) => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${stored}` },
          body: JSON.stringify({ query: '{ viewer { role } }' }),
        });
        return (await response.json()).data.viewer.role;
      }, token);
      expect(role).toBe('EDITOR');
      await page.goto(`${server.url}/?focus=albania`);
      await page.waitForTimeout(1_500);
    } finally {
      await context.close();
    }
    // -e: a token may begin with '-', which grep would otherwise read as options.
    const holding = execFileSync('grep', ['-rlaF', '-e', token, '--', profile], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    const unexpected = holding.filter((file) => !file.includes(`${path.sep}Local Storage${path.sep}`));
    expect(unexpected, `files holding the token besides Local Storage`).toEqual([]);
    expect(holding.length, 'the client keeps it in Local Storage').toBeGreaterThan(0);
    // What history does hold is a code that no longer works.
    const again = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(again.status).toBe(400);
  }, 120_000);

  it('tells the analyst when a login link has expired or was used', async () => {
    const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'ae-profile-')), {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: chromiumTestArgs,
    });
    try {
      const page = await context.newPage();
      const expired = mintLoginCode({ name: localEditorName(), token }, Date.now() - 60 * 60_000);
      await page.goto(`${server.url}/?login=${expired}`);
      await page.getByText(/login link has expired or was used already/i).waitFor({ timeout: 30_000 });
      expect(page.url()).not.toContain('login=');
      expect(await page.evaluate(() => localStorage.getItem('attribution-explorer.token'))).toBeNull();
    } finally {
      await context.close();
    }
  }, 60_000);
});
