/**
 * What the canvas shows on arrival: the path between two entities (`?from&to`), an entity's surroundings
 * (`?focus`), or else: a small graph (the founding case on a fresh install) around its most connected entities;
 * a graph too big for that, a summary that orients: one connected, labelled picture of its most connected and
 * newest entities and what links them, saying how much it leaves out, with one click to search.
 */
import { ApiError } from './api/client';
import { fetchFocusEntity, fetchGraphSummary, fetchMostConnected, fetchNeighbourhood, fetchOverview, fetchPathEnds } from './api/queries';
import { firstView, opensOnSummary } from '../../shared/first-view';
import { subgraphToElements } from '../../shared/graph-elements';
import type { Explorer } from './explorer';
import { openSharedView } from './shared-views';
import type { UrlState } from './state/url-state';
import { h } from './ui/dom';
import type { PathPanel } from './ui/path-panel';
import { toast, type EmptyState } from './ui/status';

const { seedCount, caseDepth, caseLimit, summarySize } = firstView;

export interface InitialLoadUi {
  empty: EmptyState;
  paths: PathPanel;
  showPaths(): void;
  /** A button that takes the analyst to the search box, for empty states. */
  searchButton(): HTMLElement;
  /** A dismissable note over the canvas (what a summary shows and leaves out), with a search button. */
  notice(title: string, lines: string[]): void;
}

export async function loadInitialView(explorer: Explorer, url: UrlState, ui: InitialLoadUi, viewId: string | null = null): Promise<void> {
  ui.empty.hide();
  try {
    if (viewId) return await loadSavedView(explorer, viewId, ui);
    if (url.from && url.to) return await loadPath(explorer, url.from, url.to, ui);
    if (url.focus) return await loadFocus(explorer, url.focus, ui);
    const { stats } = await fetchOverview();
    if (opensOnSummary(stats)) return await loadSummary(explorer, ui);
    await loadFoundingCase(explorer, ui);
  } catch (error) {
    const unavailable = error instanceof ApiError && error.code === 'GRAPH_UNAVAILABLE';
    ui.empty.show(unavailable ? 'The graph database is not answering' : 'Could not load the graph', [
      error instanceof Error ? error.message : String(error),
      unavailable
        ? 'The server is up but Neo4j is not; it usually comes back by itself. Try again in a moment.'
        : 'Check that the server is running, then try again.',
      h('button', { class: 'primary', testid: 'retry', onclick: () => void loadInitialView(explorer, url, ui, viewId) }, 'Try again'),
    ]);
  }
}

async function loadFoundingCase(explorer: Explorer, ui: InitialLoadUi, attempt = 1): Promise<void> {
  const ids = (await fetchMostConnected(seedCount)).map((hit) => hit.id);
  if (ids.length === 0) {
    ui.empty.show('The graph is empty', [
      'The server loads the founding case on first start unless LOAD_FOUNDING_CASE=false; otherwise import your own data with `npm run import -- <file>` (see README, "Import").',
      'Anything already in the graph can be found with the search box above: type a name or an alias.',
      ui.searchButton(),
    ]);
    return;
  }
  const subgraph = await fetchNeighbourhood({ ids, depth: caseDepth, limit: caseLimit });
  // Deleted between the two reads (on a shared server, by someone else): ask again for what is there now, rather
  // than leave a blank canvas that says nothing.
  if (subgraph.entities.length === 0 && attempt < 3) return loadFoundingCase(explorer, ui, attempt + 1);
  explorer.view.add(subgraphToElements(subgraph), 'full');
  if (subgraph.truncated) toast(`Large case: showing the ${caseLimit} strongest links. Expand nodes to see more.`);
}

async function loadSavedView(explorer: Explorer, id: string, ui: InitialLoadUi): Promise<void> {
  const opened = await openSharedView(explorer, id);
  if (!opened) {
    ui.empty.show('View not found', [
      `No saved view has the id “${id}”. It may have been deleted (the audit history keeps it), or the link was mistyped.`,
      ui.searchButton(),
    ]);
    return;
  }
  const { missingEntities, missingLinks } = opened.report;
  if (missingEntities + missingLinks > 0) {
    toast(`${missingEntities} entities and ${missingLinks} links of this view are no longer in the graph.`);
  }
  document.title = `${opened.view.title} · Attribution Explorer`;
}

async function loadSummary(explorer: Explorer, ui: InitialLoadUi): Promise<void> {
  const summary = await fetchGraphSummary(summarySize);
  explorer.view.add(subgraphToElements(summary), 'full');
  const left = summary.totalEntities - summary.entities.length;
  ui.notice('A summary of a large graph', [
    `The ${summary.entities.length} most connected and newest entities of ${summary.totalEntities.toLocaleString('en')}, with what links them (${left.toLocaleString('en')} entities and ${(summary.totalRelationships - summary.relationships.length).toLocaleString('en')} links are not drawn).`,
    summary.unconnected > 0
      ? `${summary.unconnected} other well-connected ${summary.unconnected === 1 ? 'entity is' : 'entities are'} not linked to this picture: search finds them.`
      : 'Double-click a node to expand it: large neighbourhoods come as groups you page through.',
  ]);
}

async function loadFocus(explorer: Explorer, id: string, ui: InitialLoadUi): Promise<void> {
  if (!(await fetchFocusEntity(id))) {
    ui.empty.show('Entity not found', [
      `No entity has the id “${id}”. It may have been removed, or the link was mistyped.`,
      ui.searchButton(),
    ]);
    return;
  }
  await showSurroundings(explorer, id);
}

/** An entity known to exist, with what lies within two links of it, selected. */
async function showSurroundings(explorer: Explorer, id: string): Promise<void> {
  const subgraph = await fetchNeighbourhood({ ids: [id], depth: 2, limit: caseLimit });
  explorer.view.add(subgraphToElements(subgraph), 'full');
  explorer.select({ id, group: 'nodes' });
}

async function loadPath(explorer: Explorer, from: string, to: string, ui: InitialLoadUi): Promise<void> {
  const ends = await fetchPathEnds(from, to);
  if (!ends.from || !ends.to) {
    const missing = [ends.from ? null : from, ends.to ? null : to].filter((id) => id !== null).map((id) => `“${id}”`);
    ui.empty.show('Path ends not found', [
      `No entity has the id ${missing.join(' or ')}. It may have been removed, or the link was mistyped.`,
      ui.searchButton(),
    ]);
    return;
  }
  ui.showPaths();
  ui.paths.setEnd('from', ends.from);
  ui.paths.setEnd('to', ends.to);
  await ui.paths.run();
  // A path from an entity to itself is no search (the panel says so): show the entity, not a blank canvas.
  if (from === to) await showSurroundings(explorer, from);
}
