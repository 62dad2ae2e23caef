/**
 * The only module that creates or mutates the Cytoscape instance. Panels and actions use the small
 * API below; `window.cy` exposes the core to automation (browser tests) and power users.
 */
import cytoscape, { type Core, type ElementDefinition, type EventObject, type Position } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { xmlSafeText } from '../../../shared/xml-text';
import svg from 'cytoscape-svg';
import barnesHut from './barnes-hut-layout';
import { edgePasses, nodePasses, type FilterState } from './filters';
import { layoutOptions, type LayoutName } from './layouts';
import { renderingHints } from './performance';
import { buildStylesheet, theme } from './style';

cytoscape.use(fcose);
cytoscape.use(dagre);
cytoscape.use(svg);
cytoscape.use(barnesHut);

declare global {
  interface Window {
    /** The Cytoscape core of the canvas (see README, "Automation"). */
    cy: Core;
  }
}

export interface ViewEvents {
  select: (id: string, group: 'nodes' | 'edges') => void;
  unselect: () => void;
  expand: (id: string) => void;
  context: (id: string | null, group: 'nodes' | 'edges' | null, at: { x: number; y: number }) => void;
  moved: (id: string, from: Position, to: Position) => void;
  changed: () => void;
}

type Listeners = { [K in keyof ViewEvents]: ViewEvents[K][] };

const maxFitZoom = 1.4;

export type AddMode = 'incremental' | 'full' | 'none';

// A provisional spot for a node before the layout runs: stacked at the origin, nodes make their
// edges undrawable (and Cytoscape warns about each one).
const spiral = (i: number): Position => ({ x: 30 * Math.sqrt(i) * Math.cos(i * 2.4), y: 30 * Math.sqrt(i) * Math.sin(i * 2.4) });

export class GraphView {
  private core: Core;
  private listeners: Listeners = { select: [], unselect: [], expand: [], context: [], moved: [], changed: [] };
  private layoutName: LayoutName = 'fcose';
  private webgl = false;
  private large = false;
  private filters: FilterState | null = null;
  private grabbedAt = new Map<string, Position>();

  constructor(private readonly container: HTMLElement) {
    this.core = this.create([]);
  }

  get cy(): Core {
    return this.core;
  }

  get layout(): LayoutName {
    return this.layoutName;
  }

  get webglEnabled(): boolean {
    return this.webgl;
  }

  on<K extends keyof ViewEvents>(event: K, listener: ViewEvents[K]): void {
    this.listeners[event].push(listener);
  }

  private emit<K extends keyof ViewEvents>(event: K, ...args: Parameters<ViewEvents[K]>): void {
    for (const listener of this.listeners[event]) (listener as (...a: Parameters<ViewEvents[K]>) => void)(...args);
  }

  private create(elements: ElementDefinition[], viewport?: { zoom: number; pan: Position }): Core {
    const hints = renderingHints(elements.filter((e) => e.group === 'nodes').length, elements.filter((e) => e.group === 'edges').length);
    this.large = hints.large;
    const cy = cytoscape({
      container: this.container,
      elements,
      style: buildStylesheet({ large: hints.large }),
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 4,
      hideEdgesOnViewport: hints.hideEdgesOnViewport,
      textureOnViewport: hints.textureOnViewport,
      ...(viewport ?? {}),
      renderer: { name: 'canvas', webgl: this.webgl },
    } as cytoscape.CytoscapeOptions);
    this.bind(cy);
    window.cy = cy;
    return cy;
  }

  private bind(cy: Core): void {
    cy.on('tap', 'node, edge', (e: EventObject) => this.emit('select', e.target.id(), e.target.isNode() ? 'nodes' : 'edges'));
    cy.on('tap', (e: EventObject) => {
      if (e.target === cy) this.emit('unselect');
    });
    cy.on('dbltap', 'node', (e: EventObject) => this.emit('expand', e.target.id()));
    cy.on('cxttap', (e: EventObject) => {
      const onElement = e.target !== cy;
      const at = e.renderedPosition ?? { x: 0, y: 0 };
      this.emit('context', onElement ? e.target.id() : null, onElement ? (e.target.isNode() ? 'nodes' : 'edges') : null, at);
    });
    cy.on('mouseover', 'node, edge', (e: EventObject) => e.target.addClass('hover'));
    cy.on('mouseout', 'node, edge', (e: EventObject) => e.target.removeClass('hover'));
    cy.on('grab', 'node', (e: EventObject) => this.grabbedAt.set(e.target.id(), { ...e.target.position() }));
    cy.on('dragfree', 'node', (e: EventObject) => {
      const from = this.grabbedAt.get(e.target.id());
      this.grabbedAt.delete(e.target.id());
      if (from) this.emit('moved', e.target.id(), from, { ...e.target.position() });
    });
  }

  /**
   * Adds the elements not yet on the canvas and returns their ids. In incremental mode every node
   * already placed stays where it is (the analyst's mental map, and whatever they dragged), and
   * newcomers start beside a neighbour before the layout settles them.
   */
  add(elements: ElementDefinition[], mode: AddMode = 'incremental'): string[] {
    const fresh = elements.filter((e) => e.data.id && this.core.getElementById(e.data.id).empty());
    if (fresh.length === 0) return [];
    const before = this.core.nodes();
    const added = this.core.add(fresh.map((e, i) => (e.group === 'nodes' && !e.position ? { ...e, position: spiral(i) } : e)));
    this.refreshRendering();
    if (mode === 'incremental' && before.nonempty()) this.placeBesideNeighbours(added.nodes());
    if (this.filters) this.applyFilters(this.filters);
    if (mode === 'full' || (mode === 'incremental' && before.empty())) this.runLayout(this.layoutName);
    else if (mode === 'incremental') this.settle(before);
    this.emit('changed');
    return added.map((e) => e.id());
  }

  private placeBesideNeighbours(nodes: cytoscape.NodeCollection): void {
    const centre = this.core.nodes().not(nodes).boundingBox();
    nodes.forEach((node) => {
      const anchor = node.neighborhood().nodes().not(nodes)[0];
      const base = anchor ? anchor.position() : { x: (centre.x1 + centre.x2) / 2, y: (centre.y1 + centre.y2) / 2 };
      const angle = Math.random() * 2 * Math.PI;
      node.position({ x: base.x + 90 * Math.cos(angle), y: base.y + 90 * Math.sin(angle) });
    });
  }

  /**
   * Places newcomers with an incremental fcose run whatever the current layout: re-running dagre or
   * concentric would move every node, including the ones the analyst placed by hand.
   */
  private settle(fixedNodes: cytoscape.NodeCollection): void {
    const visible = this.visibleElements();
    const fixed = fixedNodes
      .intersection(visible)
      .nodes()
      .map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
    visible.layout(layoutOptions('fcose', { incremental: true, fast: this.large, fixed })).run();
  }

  private visibleElements(): cytoscape.CollectionReturnValue {
    return this.core.elements().not('.hidden, .filtered');
  }

  /** Chooses the layout later additions use, without moving anything now (reopened views). */
  setLayoutName(name: LayoutName): void {
    this.layoutName = name;
  }

  runLayout(name: LayoutName): void {
    this.layoutName = name;
    const visible = this.visibleElements();
    if (visible.empty()) return;
    // Pinned nodes are locked, which every layout respects; fcose is also told so others make room.
    const fixed = visible.nodes('.pinned').map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
    visible.layout(layoutOptions(name, { fast: this.large, fixed })).run();
  }

  /** Element JSON (data, position, classes) for undoing a removal. */
  snapshot(ids: string[]): ElementDefinition[] {
    const eles = this.byIds(ids);
    // Removing a node removes its edges too, so they belong in the snapshot.
    return eles.union(eles.connectedEdges()).jsons() as unknown as ElementDefinition[];
  }

  restore(json: ElementDefinition[]): void {
    this.core.add(json.filter((e) => e.data.id && this.core.getElementById(e.data.id).empty()));
    if (this.filters) this.applyFilters(this.filters);
    this.emit('changed');
  }

  remove(ids: string[]): void {
    this.core.remove(this.byIds(ids));
    this.emit('changed');
  }

  clear(): void {
    this.core.elements().remove();
    this.emit('changed');
  }

  setHidden(ids: string[], hidden: boolean): void {
    const eles = this.byIds(ids);
    if (hidden) eles.addClass('hidden').unselect();
    else eles.removeClass('hidden');
    this.emit('changed');
  }

  setPinned(ids: string[], pinned: boolean): void {
    const nodes = this.byIds(ids).nodes();
    if (pinned) nodes.addClass('pinned').lock();
    else nodes.removeClass('pinned').unlock();
    this.emit('changed');
  }

  ids(selector: string): string[] {
    return this.core.elements(selector).map((e) => e.id());
  }

  has(id: string): boolean {
    return this.core.getElementById(id).nonempty();
  }

  private byIds(ids: string[]): cytoscape.CollectionReturnValue {
    return ids.reduce((eles, id) => eles.union(this.core.getElementById(id)), this.core.collection());
  }

  applyFilters(filters: FilterState): void {
    this.filters = filters;
    this.core.batch(() => {
      this.core.nodes().forEach((n) => void n.toggleClass('filtered', !nodePasses(n.data(), filters)));
      this.core.edges().forEach((e) => void e.toggleClass('filtered', !edgePasses(e.data(), filters)));
    });
    this.emit('changed');
  }

  /** Marks a path: its elements get class `path`, everything else fades. `null` clears it. */
  highlight(ids: string[] | null): void {
    this.core.batch(() => {
      this.core.elements().removeClass('path faded');
      if (!ids) return;
      const path = this.byIds(ids);
      path.addClass('path');
      this.core.elements().not(path).addClass('faded');
    });
  }

  focus(id: string): void {
    const ele = this.core.getElementById(id);
    if (ele.empty()) return;
    this.core.elements().unselect();
    ele.select();
    this.core.animate({ center: { eles: ele }, zoom: Math.max(this.core.zoom(), 1) }, { duration: 350 });
    ele.flashClass('flash', 900);
  }

  select(id: string): void {
    this.core.elements().unselect();
    this.core.getElementById(id).select();
  }

  /**
   * Fits the given elements (or everything visible) but never zooms past `maxFitZoom`: fitting a
   * two-node path at 4x makes labels huge and loses all context.
   */
  fit(ids?: string[]): void {
    const eles = ids ? this.byIds(ids) : this.visibleElements();
    if (eles.empty()) return;
    const cy = this.core;
    const before = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    cy.fit(eles, 60);
    if (cy.zoom() > maxFitZoom) cy.zoom({ level: maxFitZoom, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    const target = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    cy.viewport(before);
    cy.animate(target, { duration: 300 });
  }

  positions(): Record<string, Position> {
    const out: Record<string, Position> = {};
    this.core.nodes().forEach((n) => void (out[n.id()] = { ...n.position() }));
    return out;
  }

  moveNode(id: string, to: Position): void {
    this.core.getElementById(id).position(to);
  }

  /** Re-applies size-dependent levers; the renderer reads these fields on every frame. */
  private refreshRendering(): void {
    const hints = renderingHints(this.core.nodes().length, this.core.edges().length);
    const renderer = (this.core as unknown as { renderer(): Record<string, unknown> }).renderer();
    renderer.hideEdgesOnViewport = hints.hideEdgesOnViewport;
    renderer.textureOnViewport = hints.textureOnViewport;
    if (hints.large !== this.large) {
      this.large = hints.large;
      this.core.style(buildStylesheet({ large: hints.large }));
    }
  }

  /** WebGL is a renderer option fixed at creation, so toggling it rebuilds the core in place. */
  setWebGL(enabled: boolean): void {
    if (enabled === this.webgl) return;
    this.webgl = enabled;
    const elements = this.core.elements().jsons() as unknown as ElementDefinition[];
    const viewport = { zoom: this.core.zoom(), pan: { ...this.core.pan() } };
    this.core.destroy();
    this.core = this.create(elements, viewport);
    this.emit('changed');
  }

  resize(): void {
    this.core.resize();
  }

  /** The whole graph as a PNG data URL; `scale` 4 is enough for print. */
  png(scale = 2): string {
    return this.core.png({ full: true, scale, bg: theme.background });
  }

  /** The whole graph as SVG; a character XML 1.0 forbids (NUL in a name, say) would make the file unreadable. */
  svg(): string {
    return xmlSafeText(this.core.svg({ full: true, bg: theme.background }));
  }
}
