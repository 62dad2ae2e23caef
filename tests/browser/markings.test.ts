import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDocument } from '../../server/domain/import/document.js';
import { parseStixBundle } from '../../server/domain/import/parse-stix.js';
import { finishPage, useExplorer, waitForNodes, type ExplorerPage, tapElement } from '../support/browser.js';
import { editorToken, uniquePrefix } from '../support/graph.js';
import { stixBundleFor } from '../support/import-mutations.js';

// Markings in the evidence panel (issue 16): a TLP:RED intrusion set and its TLP:RED link, a TLP:AMBER actor with
// a statement marking, a malware whose description alone is TLP:AMBER+STRICT (fixtures/stix/every-type-bundle.json,
// with fresh ids for this run).
const explorer = useExplorer();
const { bundle } = stixBundleFor(uniquePrefix('ui-markings'), 'every-type-bundle.json');
const content = JSON.stringify(bundle);
const document = parseStixBundle(content).document as ImportDocument;
const objects = (bundle as unknown as { objects: Record<string, unknown>[] }).objects;
const idOf = (name: string) => objects.find((object) => object.name === name)!.id as string;
const redSet = idOf('Redacted Set');
const redLink = objects.find((object) => object.type === 'relationship' && object.source_ref === redSet)!.id as string;

beforeAll(async () => {
  const result = await explorer.server.graphql(
    /* GraphQL */ `
      mutation Import($content: String!) {
        importData(format: STIX, content: $content) {
          entities {
            created
          }
        }
      }
    `,
    { content },
    editorToken,
  );
  expect(result.errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  const prefixes = [
    ...document.entities.map((entity) => entity.id),
    ...document.sources.map((source) => source.id),
    ...(document.markings ?? []).map((marking) => marking.id),
  ];
  for (const prefix of prefixes) await explorer.server.graph.write('admin/delete-by-id-prefix', { prefix });
});

/**
 * Opens the app around one entity (which the app selects on arrival) and, when asked, taps a link of its
 * surroundings, to read the evidence of one or the other.
 */
async function evidenceOf(focus: string, link?: string): Promise<{ page: ExplorerPage; panel: Locator }> {
  const page = await explorer.open(`/?focus=${encodeURIComponent(focus)}`);
  await waitForNodes(page, 2);
  if (link) {
    await page.waitForFunction((id) => (window as unknown as { cy: import('cytoscape').Core }).cy.$id(id).length > 0, link);
    await tapElement(page, link);
  }
  const panel = page.getByTestId('evidence-panel');
  // A link's title is its two ends: wait for that one, not for the focused entity's, shown first.
  const title = link ? panel.locator('.link-title') : panel.getByTestId('evidence-title');
  await title.or(panel.getByTestId('evidence-error')).waitFor();
  const error = await panel.getByTestId('evidence-error').count();
  if (error > 0) throw new Error(`the evidence panel says: ${await panel.getByTestId('evidence-error').textContent()}`);
  return { page, panel };
}

const badgeTexts = (scope: Locator) => scope.getByTestId('marking-badge').allTextContents();

describe('markings in the evidence panel', () => {
  it('shows a TLP:RED intrusion set as TLP:RED, in TLP red on black, on the entity and on each of its sources', async () => {
    const { page, panel } = await evidenceOf(redSet);
    expect(await panel.getByTestId('evidence-title').textContent()).toBe('Redacted Set');
    const header = panel.getByTestId('evidence-badges');
    expect(await badgeTexts(header)).toEqual(['TLP:RED']);
    const badge = header.getByTestId('marking-badge');
    expect(await badge.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(255, 43, 43)');
    expect(await badge.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(0, 0, 0)');
    const sources = panel.getByTestId('source');
    expect(await sources.count()).toBeGreaterThan(0);
    for (const source of await sources.all()) expect(await badgeTexts(source)).toEqual(['TLP:RED']);
    await finishPage(page, 'markings-1-red-entity');
  });

  it('shows the TLP:RED link as TLP:RED next to its stance and confidence', async () => {
    const { page, panel } = await evidenceOf(redSet, redLink);
    expect(await panel.locator('.link-title').textContent()).toMatch(/Redacted Set.*Example Actor/);
    const badges = panel.locator('.evidence-header .badges');
    expect(await badges.getByTestId('evidence-stance').count()).toBe(1);
    expect(await badgeTexts(badges)).toEqual(['TLP:RED']);
    await finishPage(page, 'markings-2-red-link');
    // Tapping a link waits for the page to finish laying out the focus view, which on a loaded 2-core machine has
    // taken 20-60 s: a time limit for the machine, not for the app.
  }, 150_000);

  it('shows a TLP:AMBER actor with its statement marking, whose text is on hover', async () => {
    const actor = idOf('Example Actor');
    const { page, panel } = await evidenceOf(actor);
    expect(await panel.getByTestId('evidence-title').textContent()).toBe('Example Actor');
    const header = panel.getByTestId('evidence-badges');
    expect(await badgeTexts(header)).toEqual(['TLP:AMBER', 'Example CERT terms']);
    const statement = header.getByTestId('marking-badge').nth(1);
    expect(await statement.getAttribute('title')).toMatch(/\S/);
    expect(await statement.getAttribute('class')).not.toMatch(/tlp/);
    await finishPage(page, 'markings-3-amber-statement');
  });

  it('names the properties a granular marking covers', async () => {
    const wiper = idOf('ExampleWiper');
    const { page, panel } = await evidenceOf(wiper);
    expect(await panel.getByTestId('evidence-title').textContent()).toBe('ExampleWiper');
    expect(await badgeTexts(panel.getByTestId('evidence-badges'))).toEqual(['TLP:AMBER+STRICT (description)']);
    await finishPage(page, 'markings-4-granular');
  });

  it('shows no marking badge on the unmarked founding case', async () => {
    const { page, panel } = await evidenceOf('homeland-justice');
    expect(await panel.getByTestId('marking-badge').count()).toBe(0);
    await finishPage(page, 'markings-5-unmarked');
  });
});
