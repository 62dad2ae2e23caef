/**
 * Attribution Explorer client: boot and wiring only. Behaviour lives in graph/ (canvas), ui/
 * (panels), api/ (GraphQL) and state/ (URL, saved views, time bins).
 *
 * Automation: `window.cy` is the Cytoscape core (node ids = entity ids, edge ids = relationship
 * ids; node data: id, kind, label, name, date; edge data: id, source, target, type, stance,
 * confidence, since, until). `window.explorer` offers { console: { setQuery, run }, draw(subgraph), settled(),
 * picture(format, options) }.
 *
 * Stable data-testid attributes for browser tests:
 *   canvas, loading, empty-state, retry, empty-search, toast, error-toast, context-menu,
 *   search-input, search-result (each has data-entity-id),
 *   layout-fcose, layout-dagre, layout-concentric, fit-view, undo, redo, paths-toggle,
 *   console-toggle, webgl-toggle, help-button, help-overlay,
 *   export-menu, export-menu-list, export-png, export-png-print, export-svg, export-html, export-markdown,
 *   export-stix, export-graphml, export-csv-entities, export-csv-relationships, export-json,
 *   export-cytoscape-json, export-link,
 *   views-menu, views-menu-list, views-save, views-save-dialog, views-name, views-save-confirm, views-open, views-delete,
 *   tab-filters, tab-paths, tab-evidence, tab-console,
 *   menu-expand, menu-evidence, menu-path-from, menu-path-to, menu-pin, menu-hide, menu-remove,
 *   menu-fit, menu-show-hidden, menu-relayout, menu-clear,
 *   expand-dialog, expand-type (data-type, data-direction), expand-strongest, expand-limit,
 *   expand-hub-warning, expand-confirm, expand-cancel,
 *   path-panel, path-from, path-from-result, path-to, path-to-result, path-swap, path-profile,
 *   path-profile-hint, path-max-hops, path-limit, path-min-confidence, path-stance-<STANCE>, path-type-<TYPE>,
 *   path-as-of, path-find, path-clear, path-results, path-result, path-band, path-reading, path-metapath,
 *   path-step, step-single-source, step-sources, step-contested, step-claimed, path-critical,
 *   path-critical-without, path-sources, path-source, path-without-source, path-without-origin,
 *   path-variant-count, path-variants, path-variant, path-variant-band, path-what-if, path-what-if-chip, path-what-if-clear,
 *   path-caveat, path-none,
 *   evidence-panel, evidence-title, evidence-stance, evidence-confidence, evidence-sources, source,
 *   source-excerpt, source-link, source-weight, source-grade, source-origin, source-derived-from,
 *   evidence-entity-link, evidence-statements, evidence-disputes,
 *   attribution-hypotheses, hypothesis, evidence-expand, evidence-path-from, evidence-error,
 *   filter-panel, filter-kind-<KIND>, filter-stance-<STANCE>, filter-type-<TYPE>,
 *   filter-min-confidence, filter-min-confidence-value, filter-reset,
 *   timebar, timebar-histogram, timebar-play, timebar-asof, timebar-range, timebar-clear,
 *   console-panel, console-editor, console-variables, console-run, console-draw, console-status, console-result,
 *   duplicates-open, duplicates-dialog, duplicates-summary, duplicates-list, duplicate-pair (data-a, data-b),
 *   duplicates-empty, duplicate-compare, duplicate-table, duplicate-reasons, duplicate-keep-a, duplicate-keep-b,
 *   duplicate-reason-input, duplicate-merge, duplicate-reject, duplicate-later, duplicate-merged, duplicate-undo,
 *   duplicate-error
 */
import './styles/app.css';
import { adoptTokenFromUrl } from './api/client';
import { SelectionCommands } from './commands';
import { Explorer } from './explorer';
import { isFiltering } from './graph/filters';
import { layoutNames, type LayoutName } from './graph/layouts';
import { GraphView } from './graph/view';
import type { SubgraphInput } from '../../shared/graph-elements';
import { loadInitialView } from './initial-load';
import { viewIdFromPath } from './shared-views';
import { parseUrlState, serializeUrlState } from './state/url-state';
import { canvasMenuItems } from './ui/canvas-menu';
import { createConsolePanel } from './ui/console-panel';
import { h } from './ui/dom';
import { mountContextMenu } from './ui/context-menu';
import { createEntityPicker } from './ui/entity-picker';
import { createAchPanel } from './ui/ach-panel';
import { createEvidencePanel } from './ui/evidence-panel';
import { createFilterPanel } from './ui/filter-panel';
import { createPathPanel } from './ui/path-panel';
import { bindShortcuts, openHelp, shortcutTable, type ShortcutActions } from './ui/shortcuts';
import { mountCanvasStatus } from './ui/canvas-status';
import { mountCanvasKeyboard } from './ui/canvas-keyboard';
import { mountHoverCard } from './ui/hover-card';
import { mountListView } from './ui/list-view';
import { loadPictureSettings, pictureOptions } from './ui/picture-settings';
import type { FramedPicture, PictureOptions } from '../../shared/picture-frame';
import { mountMinimap } from './ui/minimap';
import { mountPanelToggles } from './ui/panel-toggles';
import { mountEmptyState, mountLoadingIndicator, mountToasts, reportError } from './ui/status';
import { createTabs } from './ui/tabs';
import { createTimeBar } from './ui/time-bar';
import { createToolbar } from './ui/toolbar';

const $ = (id: string) => document.getElementById(id) as HTMLElement;
const stage = $('stage');
const tokenAdopted = adoptTokenFromUrl(window.localStorage);
const url = parseUrlState(location.search);

const view = new GraphView($('cy'));
const explorer = new Explorer(view);
const commands = new SelectionCommands(explorer);
if (url.layout) view.setLayoutName(url.layout);

mountLoadingIndicator(stage, view);
mountToasts(document.body);
mountHoverCard(stage, view);
mountMinimap(stage, view);
mountCanvasKeyboard($('cy'), explorer);
const listView = mountListView(stage, explorer);
const panels = mountPanelToggles($('app'), stage, window.localStorage);
tokenAdopted.catch((error) => reportError(error, 'Login link'));
const empty = mountEmptyState(stage);
const contextMenu = mountContextMenu(stage);

const currentQuery = () =>
  serializeUrlState({
    focus: explorer.selection?.group === 'nodes' ? explorer.selection.id : null,
    from: explorer.pathEnds?.from ?? null,
    to: explorer.pathEnds?.to ?? null,
    layout: view.layout === 'fcose' ? null : view.layout,
    filters: explorer.filters,
  });
// The address follows the view (focus, path, layout, filters); an open saved view keeps its /v/<id> path.
explorer.on('url', () => history.replaceState(null, '', `${location.pathname}${currentQuery()}`));

const layout = (name: LayoutName) => void explorer.layout(name);

// Panels
const search = createEntityPicker({
  testid: 'search-input',
  resultTestid: 'search-result',
  placeholder: 'Search entities by name or alias   ( / )',
  label: 'Search entities',
  onPick: (hit) =>
    explorer.addEntity(hit.id).then(
      () => empty.hide(),
      (error) => reportError(error, 'Add entity'),
    ),
});
$('search-slot').append(search.element);

const paths = createPathPanel(explorer);
const left = createTabs([
  { id: 'filters', label: 'Filters & legend', content: createFilterPanel(explorer) },
  { id: 'paths', label: 'Path finder', content: paths.element },
]);
$('left').append(left.element);
// The filters tab shows a dot while anything is filtered out, so a thin graph is never a mystery.
explorer.on('filters', (f) => left.element.querySelector('[data-testid=tab-filters]')?.classList.toggle('filtering', isFiltering(f)));

const consolePanel = createConsolePanel(explorer);
const openEntity = (entity: { id: string }) => void explorer.addEntity(entity.id).catch((error) => reportError(error, 'Add entity'));
const pathEnd = (end: 'from' | 'to', entity: { id: string; name: string; kind: string }) => {
  left.show('paths');
  paths.setEnd(end, entity);
};
const ach = createAchPanel(() => ({ knownAsOf: explorer.filters.knownAsOf, includeUndated: explorer.filters.includeUndated }));
// The matrix follows the time bar's knowledge clock: what was known on the day it names.
let achClock = '';
explorer.on('filters', (f) => {
  const next = `${f.knownAsOf ?? ''} ${f.includeUndated}`;
  if (next !== achClock) void ach.refresh();
  achClock = next;
});
const evidence = createEvidencePanel(explorer, {
  open: openEntity,
  expand: (id) => commands.expand(id),
  pathFrom: (entity) => pathEnd('from', entity),
  analyse: (incident) => {
    right.show('analysis');
    void ach.open(incident);
  },
});
const right = createTabs(
  [
    { id: 'evidence', label: 'Evidence', content: evidence },
    { id: 'analysis', label: 'Hypotheses', content: ach.element },
    { id: 'console', label: 'GraphQL console', content: consolePanel.element },
  ],
  (id) => {
    if (id === 'console') void consolePanel.activate();
    if (id === 'analysis')
      ach.offer(view.cy.nodes('[kind = "INCIDENT"]').map((node) => ({ id: node.id(), name: String(node.data('name')) })));
  },
);
$('right').append(right.element);
explorer.on('selection', (selection) => {
  if (!selection) return;
  panels.open('right');
  right.show('evidence');
});

$('timebar-slot').append(createTimeBar(explorer));

const toggleConsole = () => {
  panels.open('right');
  right.show(right.active() === 'console' ? 'evidence' : 'console');
};
const toggleCaptions = () => {
  view.setCaptions(!view.captionsShown);
  document.querySelector('[data-testid=captions-toggle]')?.setAttribute('aria-pressed', String(view.captionsShown));
};
const togglePaths = () => {
  panels.open('left');
  left.show(left.active() === 'paths' ? 'filters' : 'paths');
};
const shortcutActions: ShortcutActions = {
  focusSearch: () => search.input.focus(),
  expand: () => commands.expand(),
  hide: () => commands.hide(),
  showHidden: () => explorer.actions.showAllHidden(),
  togglePin: () => commands.togglePin(),
  remove: () => commands.remove(),
  fit: () => view.fit(),
  layout: (i) => layout(layoutNames[i]),
  undo: () => explorer.actions.undo(),
  redo: () => explorer.actions.redo(),
  clear: () => commands.clear(),
  toggleConsole,
  togglePaths,
  toggleCaptions: () => toggleCaptions(),
  group: () => commands.group(),
  toggleList: () => listView.toggle(),
  toggleLeftPanel: () => panels.toggle('left'),
  toggleRightPanel: () => panels.toggle('right'),
};
bindShortcuts(shortcutActions);
$('toolbar-slot').append(
  createToolbar(explorer, {
    layout,
    toggleConsole,
    togglePaths,
    toggleCaptions,
    toggleList: () => listView.toggle(),
    help: () => openHelp(shortcutTable(shortcutActions)),
    currentQuery,
  }),
);

// Canvas gestures
view.on('expand', (id) => commands.expand(id));
view.on('context', (id, group, at) => contextMenu.open(at, canvasMenuItems(explorer, commands, { pathEnd, layout }, id, group)));
let booted = false;
const searchButton = () =>
  h('button', { class: 'primary', testid: 'empty-search', onclick: () => search.input.focus() }, 'Search entities');
const canvasStatus = mountCanvasStatus(stage, explorer, searchButton);
view.on('changed', () => {
  if (view.cy.nodes().length > 0) empty.hide();
  else if (booted)
    empty.show('The canvas is empty', [
      'Search for an entity to start again, or press Ctrl+Z to bring back what was removed.',
      searchButton(),
    ]);
});
new ResizeObserver(() => view.resize()).observe($('cy'));

window.explorer = {
  console: { setQuery: consolePanel.setQuery, run: consolePanel.run },
  draw: async (subgraph) => {
    const ids = explorer.draw(subgraph, 'Draw', 'full');
    await view.settled();
    return ids.length;
  },
  settled: () => view.atRest(),
  picture: (format, options = {}) => {
    const chosen = { ...pictureOptions(loadPictureSettings(window.localStorage), explorer), ...options };
    return format === 'svg' ? Promise.resolve(view.svgPicture(chosen)) : view.pngPicture(chosen, 2);
  },
};
declare global {
  interface Window {
    explorer: {
      console: { setQuery(text: string): Promise<void>; run(): Promise<void> };
      /** Draws a subgraph ({ entities, relationships } as the API returns them) and lays it out; resolves when drawn. */
      draw(subgraph: SubgraphInput): Promise<number>;
      /** Resolves once every drawing and layout asked for is done and the viewport has stopped moving. */
      settled(): Promise<void>;
      /** The Export menu's picture (as the picture settings say, with `options` over them); PNG as a data URL. */
      picture(format: 'svg' | 'png', options?: Partial<PictureOptions>): Promise<FramedPicture & { dataUrl?: string; scale?: number }>;
    };
  }
}

// Boot: filters from the URL first, so the first drawing already honours them.
explorer.setFilters(url.filters);
explorer.loadRelationshipTypes().catch((error) => reportError(error, 'Relationship types'));
// /v/<id> opens a saved view; anything else, the view the URL's query describes.
void loadInitialView(
  explorer,
  url,
  { empty, paths, showPaths: () => left.show('paths'), searchButton, notice: canvasStatus.notice },
  viewIdFromPath(location.pathname),
).finally(() => (booted = true));
