import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateGraph, scales } from '../../bench/generate-graph.js';
import { loadRaw } from '../../bench/load.js';
import { startBenchNeo4j, type BenchNeo4j } from '../../bench/neo4j-instance.js';
import { buildAdjacency, subgraphOfSize } from '../../bench/sample.js';
import { finishPage, screenshot, useExplorer, waitForNodes, type ExplorerPage, settled } from '../support/browser.js';
import { neighbourGroupsQuery, neighbourPageQuery, type NeighbourPage } from '../support/canvas-queries.js';
import { testLogger } from '../support/graph.js';

// The canvas at real scale (issue 18): the benchmark's small graph (10k entities, 50k links, the file `npm run
// generate -- --scale small` writes) in a Neo4j of this file's own, so the founding case of the other tests stays
// as it is. It is loaded with the benchmark's plain UNWIND loader, which stores what the import pipeline stores, in
// a third of the time. Never return Cytoscape objects from page.evaluate: they do not serialise.
const synthetic = generateGraph(scales.small, 1);
let neo4j: BenchNeo4j | undefined;
const explorer = useExplorer({
  graph: async () => {
    neo4j = await startBenchNeo4j('browser-scale', { heap: '1g', pageCache: '512m', txTimeoutSeconds: 60 }, testLogger);
    await loadRaw(neo4j.driver, synthetic.document);
    return neo4j.graph;
  },
  // A Neo4j of its own and 60,000 elements to load: minutes on a busy 2-core machine.
  setupTimeoutMs: 600_000,
});
afterAll(async () => neo4j?.stop());

type Cy = import('cytoscape').Core;
const entityIdsOnCanvas = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { cy: Cy }).cy
      .nodes()
      .map((node) => node.id())
      .filter((id) => !id.startsWith('group:')),
  );

/** The most connected entity of the generated graph: the hub an analyst would expand first. */
function largestHub(): string {
  let best = 0;
  synthetic.degree.forEach((degree, index) => {
    if (degree > synthetic.degree[best]) best = index;
  });
  return synthetic.document.entities[best].id;
}

/** Opens the explorer, waits for its first view, then clears the canvas and draws the largest hub alone, selected. */
async function openOnLargestHubAlone(): Promise<{ page: ExplorerPage; hub: string }> {
  const page = await explorer.open('/');
  const hub = largestHub();
  await waitForNodes(page, 10, 90_000);
  await settled(page);
  const entity = synthetic.document.entities.find((e) => e.id === hub)!;
  await page.evaluate(
    async (input) => {
      const w = window as unknown as { cy: Cy; explorer: { draw(subgraph: unknown): Promise<number> } };
      w.cy.elements().remove();
      await w.explorer.draw({ entities: [input], relationships: [] });
      w.cy.$id(input.id).select().emit('tap');
    },
    { id: entity.id, kind: entity.kind, name: entity.name, aliases: entity.aliases, date: entity.date },
  );
  return { page, hub };
}

/** The hub's distinct neighbours in the generated document: one linked by two types is still one neighbour. */
function distinctNeighboursOf(id: string): number {
  const neighbours = new Set<string>();
  for (const link of synthetic.document.relationships) {
    if (link.from === id) neighbours.add(link.to);
    else if (link.to === id) neighbours.add(link.from);
  }
  return neighbours.size;
}

type NeighbourGroupCount = { type: string; direction: string; kind: string; count: number };

/** The server's neighbour groups of an entity alone on the canvas: what Expand counts. */
async function neighbourGroupsOf(id: string): Promise<NeighbourGroupCount[]> {
  const answer = await explorer.server.graphql<{ neighbourGroups: NeighbourGroupCount[] }>(neighbourGroupsQuery, { id, exclude: [id] });
  return answer.data!.neighbourGroups;
}

describe('a 10k-entity, 50k-link graph in the explorer', { timeout: 180_000 }, () => {
  it('opens on a connected, labelled summary that says what it leaves out, with one click to search', async () => {
    const page = await explorer.open('/');
    await page.getByTestId('summary-notice').waitFor({ timeout: 60_000 });
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    const view = await page.evaluate(() => {
      const cy = (window as unknown as { cy: Cy }).cy;
      const nodes = cy.nodes(':visible');
      // A label shows when it is set and, at this zoom, not smaller than the style's minimum readable size.
      // (pstyle: Cytoscape's parsed style, not in its typings.)
      type Parsed = { pstyle(name: string): { strValue: string; pfValue: number } };
      const readable = nodes.filter((node) => {
        const style = (name: string) => (node as unknown as Parsed).pstyle(name);
        return style('label').strValue !== '' && style('font-size').pfValue * cy.zoom() >= style('min-zoomed-font-size').pfValue;
      });
      const byDegree = nodes.sort((a, b) => b.degree(false) - a.degree(false));
      const top = byDegree.slice(0, 10).map((node) => node.id());
      return {
        nodes: nodes.length,
        edges: cy.edges(':visible').length,
        components: cy.elements(':visible').components().length,
        readable: readable.map((node) => node.id()),
        top,
        zoom: cy.zoom(),
      };
    });
    expect(view.nodes).toBeGreaterThanOrEqual(20);
    expect(view.nodes).toBeLessThanOrEqual(200);
    expect(view.components, 'one connected picture, not fragments').toBe(1);
    expect(view.readable, 'the ten most connected entities are named at this zoom').toEqual(expect.arrayContaining(view.top));
    expect(view.readable.length).toBeGreaterThanOrEqual(Math.min(view.nodes, 25));
    // The line follows the canvas a moment after it changes (it is debounced).
    const count = page.getByTestId('canvas-count');
    await expect.poll(() => count.textContent()).toContain(`Showing ${view.nodes} of 10,000 entities`);
    expect(await count.textContent()).toContain(`${view.edges} of 50,000 links`);
    const notice = page.getByTestId('summary-notice');
    expect(await notice.textContent()).toMatch(/most connected/i);
    await notice.getByTestId('empty-search').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
    await finishPage(page, 'scale-1-first-view');
  });

  it('expands the largest hub as groups by relationship and kind, and pages in exactly the next page', async () => {
    // Only the hub on the canvas, so its groups stand for every neighbour.
    const { page, hub } = await openOnLargestHubAlone();
    const groups = await neighbourGroupsOf(hub);
    const total = distinctNeighboursOf(hub);
    expect(total).toBeGreaterThan(500);
    // Some neighbours are linked in two ways, so they sit in two groups: the dialog must not count them twice.
    expect(groups.reduce((sum, group) => sum + group.count, 0)).toBeGreaterThan(total);

    await page.getByTestId('summary-dismiss').click();
    await page.locator('body').press('e');
    const dialog = page.getByTestId('expand-dialog');
    await dialog.waitFor({ timeout: 10_000 }).catch(async (error: Error) => {
      await screenshot(page, 'scale-2-no-dialog');
      throw new Error(`${error.message}; toasts: ${(await page.getByTestId('toast').allTextContents()).join(' | ')}`);
    });
    await dialog.getByTestId('expand-hub-warning').waitFor();
    expect(await dialog.getByTestId('expand-hub-warning').textContent()).toContain(`${total.toLocaleString('en')} neighbours`);
    expect(await dialog.getByTestId('expand-confirm').textContent()).toBe(`Group ${total.toLocaleString('en')} neighbours`);
    expect(await dialog.getByTestId('expand-overlap').textContent()).toMatch(/linked in more than one way/);
    expect(await dialog.getByTestId('expand-groups').isChecked()).toBe(true);
    await screenshot(page, 'scale-2-hub-dialog');
    await dialog.getByTestId('expand-confirm').click();
    const toast = page.getByTestId('toast').filter({ hasText: /in groups/ });
    await toast.waitFor({ timeout: 30_000 });
    expect(await toast.textContent()).toContain(`${total.toLocaleString('en')} neighbours`);
    await page.waitForFunction((n) => (window as unknown as { cy: Cy }).cy.nodes('.group').length === n, groups.length);
    await settled(page);
    const drawn = await page.evaluate(() =>
      (window as unknown as { cy: Cy }).cy.nodes('.group').map((node) => ({
        kind: node.data('kind') as string,
        type: node.data('type') as string,
        direction: node.data('direction') as string,
        count: node.data('count') as number,
        label: node.data('label') as string,
      })),
    );
    for (const group of groups) {
      const node = drawn.find((d) => d.type === group.type && d.direction === group.direction && d.kind === group.kind);
      expect(node, `${group.type} ${group.direction} ${group.kind}`).toBeDefined();
      expect(node!.count).toBe(group.count);
      expect(node!.label).toContain(group.count.toLocaleString('en'));
    }
    await screenshot(page, 'scale-2-hub-groups');

    // Page twice through the largest group: each click adds exactly the server's next page, strongest first.
    const biggest = groups[0];
    const groupId = `group:${hub}:${biggest.type}:${biggest.direction}:${biggest.kind}`;
    let remaining = biggest.count;
    for (let round = 0; round < 2; round += 1) {
      const before = await entityIdsOnCanvas(page);
      const next = await explorer.server.graphql<{ neighbourPage: NeighbourPage }>(neighbourPageQuery, {
        order: 'STRONGEST',
        limit: 25,
        id: hub,
        type: biggest.type,
        direction: biggest.direction,
        kind: biggest.kind,
        exclude: before,
      });
      const nextIds = next.data!.neighbourPage.entities.map((entity) => entity.id);
      expect(nextIds).toHaveLength(25);
      await page.evaluate((id) => void (window as unknown as { cy: Cy }).cy.$id(id).emit('dbltap'), groupId);
      await page.waitForFunction(
        (n) => (window as unknown as { cy: Cy }).cy.nodes().filter((node) => !node.id().startsWith('group:')).length >= n,
        before.length + 25,
      );
      await settled(page);
      const after = await entityIdsOnCanvas(page);
      const added = after.filter((id) => !before.includes(id));
      expect(added.sort()).toEqual([...nextIds].sort());
      remaining -= 25;
      const group = await page.evaluate((id) => {
        const node = (window as unknown as { cy: Cy }).cy.$id(id);
        return { count: node.data('count') as number, label: node.data('label') as string };
      }, groupId);
      expect(group.count).toBe(remaining);
      expect(group.label).toContain(remaining.toLocaleString('en'));
    }
    await finishPage(page, 'scale-3-group-paged');
  });

  it('adds every neighbour of the largest hub when asked, and says how many arrived', async () => {
    const { page, hub } = await openOnLargestHubAlone();
    const groups = await neighbourGroupsOf(hub);
    // "Add them all" adds up to 500 of each group (the server's largest page, strongest first); the rest of a larger
    // one stays a group. A neighbour linked by two types is in two groups and arrives once.
    const pages = await Promise.all(
      groups.map((group) =>
        explorer.server.graphql<{ neighbourPage: NeighbourPage }>(neighbourPageQuery, {
          type: group.type,
          direction: group.direction,
          kind: group.kind,
          id: hub,
          exclude: [hub],
          order: 'STRONGEST',
          limit: Math.min(500, group.count),
        }),
      ),
    );
    const expected = new Set(pages.flatMap((page) => page.data!.neighbourPage.entities.map((entity) => entity.id)));
    const left = groups.filter((group) => group.count > 500);
    await page.getByTestId('summary-dismiss').click();
    await page.locator('body').press('e');
    const dialog = page.getByTestId('expand-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.getByTestId('expand-all').check();
    await dialog.getByTestId('expand-confirm').click();
    // So many elements arrive in batches after the expansion returns: the count must not depend on what is drawn yet.
    const toast = page.getByTestId('toast').filter({ hasText: /neighbour/ });
    await toast.waitFor({ timeout: 90_000 });
    const said = (await toast.textContent())!;
    await settled(page);
    const onCanvas = (await entityIdsOnCanvas(page)).filter((id) => id !== hub);
    const arrived = onCanvas.length;
    expect(arrived, 'more than one batch of elements').toBeGreaterThan(500);
    expect(onCanvas.sort()).toEqual([...expected].sort());
    expect(said).toContain(`Added ${arrived.toLocaleString('en')} neighbours`);
    const waiting = await page.evaluate(() =>
      (window as unknown as { cy: Cy }).cy
        .nodes('.group')
        .map((node) => ({ type: node.data('type') as string, count: node.data('count') as number })),
    );
    expect(waiting.map((group) => group.count).sort()).toEqual(left.map((group) => group.count - 500).sort());
    if (left.length > 0) expect(said).toMatch(/more in groups/);
    // The view widens to show them all, rather than staying on the hub while they spread off-screen.
    const outside = () =>
      page.evaluate(() => {
        const cy = (window as unknown as { cy: Cy }).cy;
        const view = cy.extent();
        return cy.nodes().filter((node) => {
          const { x, y } = node.position();
          return x < view.x1 || x > view.x2 || y < view.y1 || y > view.y2;
        }).length;
      });
    await expect.poll(outside, { timeout: 5_000 }).toBe(0);
    await finishPage(page, 'scale-4-hub-expanded');
  });
});

describe('drawing thousands of elements', { timeout: 180_000 }, () => {
  const adjacency = buildAdjacency(synthetic.document);
  const start = synthetic.document.entities.findIndex((entity) => entity.id === largestHub());

  it.each([2_000, 10_000])('draws %i elements without freezing: layout in the worker, elements in batches', async (size) => {
    // Counts the messages the page sends to Web Workers: the layout job is one.
    const page = await explorer.open('/', {
      init: () => {
        const counted = window as unknown as { workerJobs: number };
        counted.workerJobs = 0;
        const Native = window.Worker;
        window.Worker = class extends Native {
          override postMessage(message: unknown, options?: StructuredSerializeOptions | Transferable[]) {
            counted.workerJobs += 1;
            super.postMessage(message, options as StructuredSerializeOptions);
          }
        } as typeof Worker;
      },
    });
    await waitForNodes(page, 10, 90_000);
    await settled(page);
    await page.evaluate(() => void (window as unknown as { cy: Cy }).cy.elements().remove());
    const subgraph = subgraphOfSize(synthetic.document, adjacency, start, size);
    // While the explorer draws and lays out the subgraph: the main-thread tasks over 50 ms (PerformanceObserver
    // 'longtask'), and when elements reached the canvas. The figures (the longest task against the 100 ms,
    // the time to draw 10,000) are `npm run bench`'s: on this shared 2-core machine a test can only check the
    // design that keeps the page responsive, which a layout on the main thread or a single add would break.
    const measured = await page.evaluate(async (input) => {
      const w = window as unknown as { cy: Cy; workerJobs: number; explorer: { draw(subgraph: unknown): Promise<number> } };
      const jobsBefore = w.workerJobs;
      const durations: number[] = [];
      const observer = new PerformanceObserver((list) => void durations.push(...list.getEntries().map((entry) => entry.duration)));
      observer.observe({ type: 'longtask' });
      const added: number[] = [];
      const onAdd = () => void added.push(performance.now());
      w.cy.on('add', onAdd);
      const started = performance.now();
      await w.explorer.draw(input);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const total = performance.now() - started;
      w.cy.off('add', onAdd);
      durations.push(...observer.takeRecords().map((entry) => entry.duration));
      observer.disconnect();
      // Additions more than 4 ms apart came in different tasks.
      const bursts = added.filter((time, i) => i === 0 || time - added[i - 1] > 4).length;
      return { elements: w.cy.elements().length, total, longest: Math.max(0, ...durations), bursts, jobs: w.workerJobs - jobsBefore };
    }, subgraph);
    expect(measured.elements).toBe(size);
    expect(measured.jobs, 'the layout ran in a worker').toBeGreaterThanOrEqual(1);
    expect(measured.bursts, 'elements arrived in batches of at most 1,000').toBeGreaterThanOrEqual(size / 1_000);
    expect(measured.longest, `longest task ${Math.round(measured.longest)} ms of a ${Math.round(measured.total)} ms draw`).toBeLessThan(
      measured.total / 2,
    );
    await finishPage(page, `scale-draw-${size}`);
  });
});
