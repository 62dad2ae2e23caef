import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishPage, screenshot, useExplorer, waitForNodes } from '../support/browser.js';
import { editorToken, uniquePrefix } from '../support/graph.js';

// The "Possible duplicates" view (issue 15): one group known to two sources under two spellings, both linked to
// the infrastructure it hit, and an entity with no look-alike. The data is this test's own (prefixed ids).
const explorer = useExplorer();
const prefix = uniquePrefix('ui-duplicates');
const ids = { a: `${prefix}osprey-a`, b: `${prefix}osprey-b`, target: `${prefix}tirana-network`, lonely: `${prefix}lonely` };
/** Each element cites source 1 or 2 of this run with its excerpt. */
const cites = (source: 1 | 2, excerpt: string) => ({ sources: [{ source: `${prefix}src-${source}`, excerpt }] });
const targeted = (id: string, from: string, confidence: number, source: 1 | 2, excerpt: string) => ({
  id: `${prefix}${id}`,
  type: 'TARGETED',
  from,
  to: ids.target,
  stance: 'ASSERTED',
  confidence,
  ...cites(source, excerpt),
});
const document = {
  format: 'attribution-explorer',
  version: 1,
  sources: [
    { id: `${prefix}src-1`, title: 'First report on the Osprey intrusions', publisher: 'Test CERT', url: null, published: '2023-03-01' },
    { id: `${prefix}src-2`, title: 'Second vendor write-up', publisher: 'Test Vendor', url: null, published: '2023-04-12' },
  ],
  entities: [
    {
      id: ids.a,
      kind: 'GROUP',
      name: 'Osprey Collective',
      aliases: ['Osprey Team'],
      description: 'Group named by the first report.',
      ...cites(1, 'The Osprey Collective breached the municipal network.'),
    },
    { id: ids.b, kind: 'GROUP', name: 'The OSPREY collective', ...cites(2, 'We track this actor as The OSPREY collective.') },
    { id: ids.target, kind: 'INFRASTRUCTURE', name: 'Tirana test municipal network', ...cites(1, 'the municipal network') },
    { id: ids.lonely, kind: 'ORGANIZATION', name: 'Zygomorphic Test Registry', ...cites(2, 'a registry') },
  ],
  relationships: [targeted('rel-a', ids.a, 70, 1, 'breached the municipal network'), targeted('rel-b', ids.b, 60, 2, 'hit the network')],
};

const resolve = async (id: string) =>
  (
    await explorer.server.graphql<{ entity: { id: string } | null }>(
      /* GraphQL */ `
        query ($id: ID!) {
          entity(id: $id) {
            id
          }
        }
      `,
      { id },
    )
  ).data?.entity?.id;

beforeAll(async () => {
  const result = await explorer.server.graphql(
    /* GraphQL */ `
      mutation Import($content: String!) {
        importData(format: JSON, content: $content, matching: NONE) {
          entities {
            created
          }
        }
      }
    `,
    { content: JSON.stringify(document) },
    editorToken,
  );
  expect(result.errors).toBeUndefined();
}, 60_000);
afterAll(async () => {
  await explorer.server.graph.write('admin/delete-by-id-prefix', { prefix });
});

describe('Possible duplicates', () => {
  it('lists the pair with its reasons, compares side by side, merges and undoes by keyboard, and says not the same', async () => {
    const page = await explorer.open(`/?token=${editorToken}&focus=${encodeURIComponent(ids.target)}`);
    await waitForNodes(page, 3);
    await page.getByTestId('duplicates-open').click();
    const dialog = page.getByTestId('duplicates-dialog');
    const pair = dialog.locator(`[data-testid=duplicate-pair][data-a="${[ids.a, ids.b].sort()[0]}"][data-b="${[ids.a, ids.b].sort()[1]}"]`);
    await pair.waitFor({ timeout: 30_000 });
    await pair.click();
    const compare = dialog.getByTestId('duplicate-compare');
    await expect.poll(() => compare.getByTestId('duplicate-table').textContent()).toContain('The OSPREY collective');
    const table = (await compare.getByTestId('duplicate-table').textContent()) ?? '';
    expect(table).toContain('Osprey Collective');
    expect(table).toContain('First report on the Osprey intrusions');
    expect(table).toContain('Second vendor write-up');
    await expect.poll(() => compare.getByTestId('duplicate-table').textContent()).toContain('1 link: 1 targeted');
    expect(await compare.getByTestId('duplicate-reasons').textContent()).toMatch(/same name once normalised|linked to the same/);
    // Kept in tests/artifacts; docs/screenshots/duplicates.png is a copy of it.
    await screenshot(page, 'duplicates');

    // Keep the first report's entity (the side with the excerpt-rich record), merge with the keyboard.
    const keepA = [ids.a, ids.b].sort()[0] === ids.a ? '1' : '2';
    await pair.click();
    await page.keyboard.press(keepA);
    await page.keyboard.press('m');
    await compare.getByTestId('duplicate-merged').waitFor();
    expect(await resolve(ids.b)).toBe(ids.a);
    // The canvas never shows the id merged away.
    await page.waitForFunction((gone) => (window as unknown as { cy: import('cytoscape').Core }).cy.$id(gone).length === 0, ids.b);
    // The survivor is on the canvas; the two parallel TARGETED links became one, citing both sources.
    await page.waitForFunction(
      (kept) => (window as unknown as { cy: import('cytoscape').Core }).cy.$id(kept).connectedEdges().length === 1,
      ids.a,
    );
    const link = await explorer.server.graphql<{ relationship: { sources: { id: string }[] } }>(
      /* GraphQL */ `
        query ($id: ID!) {
          relationship(id: $id) {
            sources {
              id
            }
          }
        }
      `,
      { id: `${prefix}rel-a` },
    );
    expect(link.data!.relationship.sources.map((source) => source.id).sort()).toEqual([`${prefix}src-1`, `${prefix}src-2`]);

    await compare.getByTestId('duplicate-undo').click();
    await compare.getByTestId('duplicate-merge').waitFor();
    expect(await resolve(ids.b)).toBe(ids.b);
    // Both are back on the canvas, each with its own link.
    await page.waitForFunction(
      ([a, b]) => {
        const cy = (window as unknown as { cy: import('cytoscape').Core }).cy;
        return cy.$id(a).connectedEdges().length === 1 && cy.$id(b).connectedEdges().length === 1;
      },
      [ids.a, ids.b],
    );

    await pair.click();
    await page.keyboard.press('n');
    await expect.poll(() => pair.getAttribute('class')).toContain('rejected');
    await compare.getByTestId('duplicate-rejected').waitFor();
    const again = await explorer.server.graphql<{ duplicateCandidates: { a: { id: string }; b: { id: string } }[] }>(
      /* GraphQL */ `
        query ($ids: [ID!]) {
          duplicateCandidates(ids: $ids) {
            a {
              id
            }
            b {
              id
            }
          }
        }
      `,
      { ids: [ids.a] },
    );
    expect(again.data!.duplicateCandidates.some((candidate) => [candidate.a.id, candidate.b.id].includes(ids.b))).toBe(false);
    await finishPage(page, 'duplicates-after');
  }, 120_000);

  it("undoes a merge from the survivor's evidence panel, with a reason kept in the history", async () => {
    const merged = await explorer.server.graphql<{ mergeEntities: { id: string } }>(
      /* GraphQL */ `
        mutation ($keep: ID!, $merge: [ID!]!) {
          mergeEntities(keep: $keep, merge: $merge, reason: "Same group under two spellings") {
            id
          }
        }
      `,
      { keep: ids.a, merge: [ids.b] },
      editorToken,
    );
    expect(merged.errors).toBeUndefined();
    expect(await resolve(ids.b)).toBe(ids.a);

    const page = await explorer.open(`/?token=${editorToken}&focus=${encodeURIComponent(ids.a)}`);
    await waitForNodes(page, 1);
    const merges = page.getByTestId('evidence-merges');
    await merges.waitFor({ timeout: 30_000 });
    expect(await merges.textContent()).toContain(ids.b);
    expect(await merges.textContent()).toContain('Same group under two spellings');
    await merges.getByTestId('evidence-unmerge').click();
    // No reason, no undo: the history must say why.
    await merges.getByTestId('evidence-unmerge-confirm').click();
    await expect.poll(() => merges.getByTestId('evidence-unmerge-error').textContent()).toContain('Say why');
    expect(await resolve(ids.b)).toBe(ids.a);
    await screenshot(page, 'duplicates-unmerge-from-evidence');
    await merges.getByTestId('evidence-unmerge-reason').fill('Two groups after all: the second vendor tracks another actor');
    await page.keyboard.press('Enter');
    await expect.poll(() => resolve(ids.b), { timeout: 30_000 }).toBe(ids.b);
    // The survivor's panel no longer lists the merge, and both are on the canvas again.
    await page.getByTestId('evidence-merges').waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForFunction(
      ([a, b]) => {
        const cy = (window as unknown as { cy: import('cytoscape').Core }).cy;
        return cy.$id(a).length === 1 && cy.$id(b).length === 1;
      },
      [ids.a, ids.b],
    );
    const history = await explorer.server.graphql<{ history: { action: string; reason: string }[] }>(
      /* GraphQL */ `
        query ($id: ID!) {
          history(subjectId: $id, limit: 5) {
            action
            reason
          }
        }
      `,
      { id: ids.a },
    );
    expect(history.data!.history[0]).toEqual({ action: 'UNMERGE', reason: 'Two groups after all: the second vendor tracks another actor' });
    await finishPage(page, 'duplicates-unmerged-from-evidence');
  }, 120_000);

  it('explains an empty result', async () => {
    const page = await explorer.open(`/?token=${editorToken}&focus=${encodeURIComponent(ids.lonely)}`);
    await waitForNodes(page, 1);
    await page.getByTestId('duplicates-open').click();
    const empty = page.getByTestId('duplicates-empty');
    await empty.waitFor({ timeout: 30_000 });
    expect(await empty.textContent()).toContain('No possible duplicates');
    await finishPage(page, 'duplicates-empty');
  }, 60_000);
});
