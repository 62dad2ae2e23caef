/**
 * What the canvas shows on arrival: the path between two entities (`?from&to`), an entity's
 * surroundings (`?focus`), or else the graph around its most connected entities (the founding case on a
 * fresh install; any imported case otherwise).
 */
import { ApiError } from './api/client';
import { fetchFocusEntity, fetchMostConnected, fetchNeighbourhood, fetchPathEnds } from './api/queries';
import { subgraphToElements } from '../../shared/graph-elements';
import type { Explorer } from './explorer';
import type { UrlState } from './state/url-state';
import { h } from './ui/dom';
import type { PathPanel } from './ui/path-panel';
import { toast, type EmptyState } from './ui/status';

/** How many hubs seed the first view, and how far around them it reaches. */
const seedCount = 8;
const caseDepth = 2;
const caseLimit = 500;

export interface InitialLoadUi {
  empty: EmptyState;
  paths: PathPanel;
  showPaths(): void;
  /** A button that takes the analyst to the search box, for empty states. */
  searchButton(): HTMLElement;
}

export async function loadInitialView(explorer: Explorer, url: UrlState, ui: InitialLoadUi): Promise<void> {
  ui.empty.hide();
  try {
    if (url.from && url.to) return await loadPath(explorer, url.from, url.to, ui);
    if (url.focus) return await loadFocus(explorer, url.focus, ui);
    await loadFoundingCase(explorer, ui);
  } catch (error) {
    const unavailable = error instanceof ApiError && error.code === 'GRAPH_UNAVAILABLE';
    ui.empty.show(unavailable ? 'The graph database is not answering' : 'Could not load the graph', [
      error instanceof Error ? error.message : String(error),
      unavailable
        ? 'The server is up but Neo4j is not; it usually comes back by itself. Try again in a moment.'
        : 'Check that the server is running, then try again.',
      h('button', { class: 'primary', testid: 'retry', onclick: () => void loadInitialView(explorer, url, ui) }, 'Try again'),
    ]);
  }
}

async function loadFoundingCase(explorer: Explorer, ui: InitialLoadUi): Promise<void> {
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
  explorer.view.add(subgraphToElements(subgraph), 'full');
  if (subgraph.truncated) toast(`Large case: showing the ${caseLimit} strongest links. Expand nodes to see more.`);
}

async function loadFocus(explorer: Explorer, id: string, ui: InitialLoadUi): Promise<void> {
  if (!(await fetchFocusEntity(id))) {
    ui.empty.show('Entity not found', [
      `No entity has the id “${id}”. It may have been removed, or the link was mistyped.`,
      ui.searchButton(),
    ]);
    return;
  }
  const subgraph = await fetchNeighbourhood({ ids: [id], depth: 2, limit: caseLimit });
  explorer.view.add(subgraphToElements(subgraph), 'full');
  explorer.select({ id, group: 'nodes' });
}

async function loadPath(explorer: Explorer, from: string, to: string, ui: InitialLoadUi): Promise<void> {
  const ends = await fetchPathEnds(from, to);
  if (!ends.from || !ends.to) {
    ui.empty.show('Path ends not found', [`No entity has the id “${ends.from ? to : from}”.`]);
    return;
  }
  ui.showPaths();
  ui.paths.setEnd('from', ends.from);
  ui.paths.setEnd('to', ends.to);
  await ui.paths.run();
}
