/**
 * Views the team shares: the canvas saved on the server (positions, links, hidden, pinned, selection, filters,
 * groups, layout, viewport) and opened at /v/<id> exactly as it was saved, in any browser. Views saved in this
 * browser by earlier builds move to the server on first use.
 */
import { ApiError } from './api/client';
import { fetchLinksAmong, openView, saveView, type ViewSummary } from './api/queries';
import type { Explorer } from './explorer';
import { collapsedLinks, hubGroupLink } from './graph/groups';
import { subgraphToElements } from '../../shared/graph-elements';
import { SavedViews, type SavedView } from './state/saved-views';
import { parseUrlState } from './state/url-state';
import { captureViewState, parseViewState, type ViewState } from './state/view-state';

/** The view id in an address like /v/<id>, or null. */
export function viewIdFromPath(pathname: string): string | null {
  const match = /^\/v\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

export interface RestoreReport {
  /** Entities of the view no longer in the graph. */
  missingEntities: number;
  /** Links of the view no longer in the graph. */
  missingLinks: number;
}

export function currentState(explorer: Explorer): ViewState {
  return captureViewState(explorer.view.cy, {
    filters: explorer.filters,
    layout: explorer.view.layout,
    captions: explorer.view.captionsShown,
  });
}

/** Redraws a saved state: its entities as they are now, at exactly their saved positions, and everything else it held. */
export async function restoreViewState(explorer: Explorer, state: ViewState): Promise<RestoreReport> {
  const view = explorer.view;
  const ids = state.positions.map((position) => position.id);
  const subgraph = ids.length > 0 ? await fetchLinksAmong(ids) : { entities: [], relationships: [], truncated: false };
  const wanted = state.edges ? new Set(state.edges) : null;
  const relationships = wanted ? subgraph.relationships.filter((rel) => wanted.has(rel.id)) : subgraph.relationships;
  const at = new Map(state.positions.map(({ id, x, y }) => [id, { x, y }]));
  view.clear();
  explorer.actions.history.clear();
  explorer.setFilters(state.filters);
  view.setLayoutName(state.layout);
  view.add(
    subgraphToElements({ entities: subgraph.entities, relationships }).map((element) =>
      element.group === 'nodes' ? { ...element, position: at.get(element.data.id!) } : element,
    ),
    'none',
  );
  await view.settled();
  const edges = view.cy.edges().map((edge) => ({ source: edge.data('source') as string, target: edge.data('target') as string }));
  for (const group of state.groups) {
    const node = { group: 'nodes' as const, data: group.data, classes: 'group', position: group.position };
    if (group.data.source === 'hub') {
      if (view.has(group.data.hub)) view.add([node, hubGroupLink(group.data)], 'none');
    } else {
      const members = group.data.members.filter((id) => view.has(id));
      view.add([node, ...collapsedLinks(group.data.id, new Set(members), edges)], 'none');
      view.setGrouped(members, true);
    }
  }
  view.setPinned(state.pinned, true);
  view.setHidden(state.hidden, true);
  view.setCaptions(state.captions);
  view.cy.elements().unselect();
  for (const id of state.selection) view.cy.getElementById(id).select();
  const first = state.selection.map((id) => view.cy.getElementById(id)).find((ele) => ele.nonempty());
  explorer.select(first ? { id: first.id(), group: first.isNode() ? 'nodes' : 'edges' } : null, false);
  if (state.viewport) view.showBox(state.viewport);
  else view.fit();
  return {
    missingEntities: ids.length - subgraph.entities.length,
    missingLinks: wanted ? wanted.size - relationships.length : 0,
  };
}

/** Opens the view saved under `id`; null when there is none. */
export async function openSharedView(explorer: Explorer, id: string): Promise<{ view: ViewSummary; report: RestoreReport } | null> {
  const saved = await openView(id);
  if (!saved) return null;
  const state = parseViewState(saved.state);
  const report = await restoreViewState(explorer, state);
  explorer.currentView = { ...saved, stateJson: JSON.stringify(currentState(explorer)) };
  return { view: saved, report };
}

/** Saves the canvas for the team (a new view, or the open one when `id` is its id). */
export async function shareCurrentView(
  explorer: Explorer,
  input: { title: string; note?: string | null; id?: string },
): Promise<ViewSummary> {
  const state = currentState(explorer);
  const saved = await saveView({ id: input.id, title: input.title, note: input.note ?? null, state });
  explorer.currentView = { ...saved, stateJson: JSON.stringify(state) };
  return saved;
}

/** True when the canvas still shows exactly the open view (its link shares what the analyst sees). */
export function showsCurrentView(explorer: Explorer): boolean {
  const current = explorer.currentView;
  if (!current) return false;
  const now = currentState(explorer);
  const saved = JSON.parse(current.stateJson) as ViewState;
  // The viewport is where the analyst looks, not what the view holds.
  return JSON.stringify({ ...now, viewport: null }) === JSON.stringify({ ...saved, viewport: null });
}

/** A view saved in this browser by an earlier build, as a server view state. */
export function localToState(local: SavedView): ViewState {
  const { filters, layout } = parseUrlState(local.query);
  return {
    positions: Object.entries(local.positions).map(([id, position]) => ({ id, x: position.x, y: position.y })),
    edges: local.elements.filter((element) => element.group === 'edges').map((element) => element.data.id!),
    hidden: local.hidden,
    pinned: local.pinned,
    selection: [],
    filters,
    groups: [],
    layout: layout ?? 'fcose',
    viewport: null,
    captions: false,
  };
}

/**
 * Moves the views saved in this browser to the server, each under its name; a view moves once, and only what
 * the server accepted leaves this browser. Returns how many moved; without a token nothing moves (and nothing
 * is lost).
 */
export async function migrateLocalViews(storage: Pick<Storage, 'getItem' | 'setItem'>): Promise<number> {
  const local = new SavedViews(storage);
  let moved = 0;
  for (const view of local.list()) {
    try {
      await saveView({
        title: view.name,
        note: `Saved in one browser on ${view.savedAt.slice(0, 10)}; moved to the server for the team.`,
        state: localToState(view),
      });
      local.remove(view.name);
      moved += 1;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')) break;
      throw error;
    }
  }
  return moved;
}
