/**
 * The only module that creates or mutates the Cytoscape instance. Panels and actions use the small
 * API below; `window.cy` exposes the core to automation (browser tests) and power users.
 *
 * Drawing never blocks the page for long: layouts run in a worker (layout-runner.ts), and large additions are
 * laid out first, then added at their final positions in batches, each batch a short task of its own.
 * `settled()` resolves once everything asked for is drawn and laid out.
 */
import cytoscape, { type Core, type ElementDefinition, type EventObject, type Position } from 'cytoscape';
import svg from 'cytoscape-svg';
import { kindDefinitions, isEntityKind } from '../../../shared/vocabulary';
import { edgePasses, nodePasses, type FilterState } from './filters';
import { inViewLabels, mostConnected, priorityCount } from './labels';
import type { EdgeData, NodeData } from '../../../shared/graph-elements';
import { labelRoom, type LayoutJob, type LayoutNode, type LayoutPositions } from './layout-compute';
import { LayoutRunner } from './layout-runner';
import type { LayoutName } from './layouts';
import { renderingHints } from './performance';
import { pngPicture, svgPicture, type PngPicture } from './picture';
import { buildStylesheet } from './style';
import type { FramedPicture, PictureOptions } from '../../../shared/picture-frame';

cytoscape.use(svg);

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
  /** Long work started or ended (a large draw or a layout), for the loading indicator. */
  busy: (busy: boolean) => void;
  /** The pointer rests on an element (at a point of the canvas), or left it (null). */
  hover: (id: string | null, group: 'nodes' | 'edges' | null, at: { x: number; y: number }) => void;
}

type Listeners = { [K in keyof ViewEvents]: ViewEvents[K][] };

const maxFitZoom = 1.4;
const fitPadding = 40;

/**
 * Additions up to this many elements go onto the canvas at once (a few milliseconds); larger ones are laid out
 * in the worker first, then added in slices of `sliceSize`, as many slices a task as fit in `taskBudgetMs` (a long
 * task is 50 ms), and drawn once at the end. Existing nodes a layout moves go `moveSize` at a time.
 */
export const drawBatch = { syncLimit: 1_500, sliceSize: 50, taskBudgetMs: 25, moveSize: 800 } as const;

export type AddMode = 'incremental' | 'full' | 'none';

/** A rectangle of model coordinates. */
type Box = { x1: number; y1: number; x2: number; y2: number };

/** Node id -> position, as views save them (model coordinates). */
export type PositionMap = Record<string, Position>;

// A provisional spot for a node before the layout runs: stacked at the origin, nodes make their
// edges undrawable (and Cytoscape warns about each one).
const spiral = (i: number): Position => ({ x: 30 * Math.sqrt(i) * Math.cos(i * 2.4), y: 30 * Math.sqrt(i) * Math.sin(i * 2.4) });

/** Lets the browser paint and handle input between two batches of work. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Runs `work` on each item, letting the browser breathe whenever the current task has run `taskBudgetMs`. */
async function inShortTasks<T>(items: Iterable<T>, work: (item: T) => void): Promise<void> {
  let taskStart = performance.now();
  for (const item of items) {
    work(item);
    if (performance.now() - taskStart >= drawBatch.taskBudgetMs) {
      await yieldToBrowser();
      taskStart = performance.now();
    }
  }
}

export class GraphView {
  private core: Core;
  private listeners: Listeners = { select: [], unselect: [], expand: [], context: [], moved: [], changed: [], busy: [], hover: [] };
  private captions = false;
  private layoutName: LayoutName = 'fcose';
  private webgl = false;
  private large = false;
  private filters: FilterState | null = null;
  private grabbedAt = new Map<string, Position>();
  private readonly runner = new LayoutRunner();
  /** Drawing work in order: each large addition and each layout waits for the one before. */
  private work: Promise<void> = Promise.resolve();
  private pendingWork = 0;
  /** Ids of elements an addition has queued that are not on the canvas yet (they arrive in batches). */
  private arriving = new Map<string, 'nodes' | 'edges'>();
  /** Bumped by every highlight or focus request, so one deferred until its elements arrive does not undo a later one. */
  private emphasis = 0;
  /** Bumped by every layout request, so a layout superseded while it ran is not applied. */
  private layoutGeneration = 0;
  private labelTimer: ReturnType<typeof setTimeout> | undefined;
  private viewportTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly container: HTMLElement) {
    this.core = this.create([]);
    // The worker loads its code on first use; starting it now takes that off the first large draw.
    this.runner.warm();
    this.on('changed', () => {
      clearTimeout(this.labelTimer);
      this.labelTimer = setTimeout(() => this.updateLabelPriority(), 120);
    });
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

  get isLarge(): boolean {
    return this.large;
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
    cy.on('mouseover', 'node, edge', (e: EventObject) => {
      e.target.addClass('hover');
      this.emit('hover', e.target.id(), e.target.isNode() ? 'nodes' : 'edges', e.renderedPosition ?? { x: 0, y: 0 });
    });
    cy.on('mouseout', 'node, edge', (e: EventObject) => {
      e.target.removeClass('hover');
      this.emit('hover', null, null, e.renderedPosition ?? { x: 0, y: 0 });
    });
    // Moving the view moves the element away from the card.
    cy.on('viewport', () => this.emit('hover', null, null, { x: 0, y: 0 }));
    cy.on('grab', 'node', (e: EventObject) => this.grabbedAt.set(e.target.id(), { ...e.target.position() }));
    cy.on('viewport', () => {
      clearTimeout(this.viewportTimer);
      this.viewportTimer = setTimeout(() => this.updateLabelsInView(), 150);
    });
    cy.on('dragfree', 'node', (e: EventObject) => {
      const from = this.grabbedAt.get(e.target.id());
      this.grabbedAt.delete(e.target.id());
      if (from) this.emit('moved', e.target.id(), from, { ...e.target.position() });
    });
  }

  /** Marks the best-connected visible nodes (label-priority): they keep their names when zoomed out. */
  private updateLabelPriority(): void {
    const visible = this.visibleElements().nodes();
    this.markLabelPriority(
      mostConnected(
        visible.map((node) => ({ id: node.id(), degree: node.degree(false) })),
        priorityCount(visible.length),
      ),
    );
    this.updateLabelsInView();
  }

  /**
   * The nodes `updateLabelPriority` will mark once these elements are added, decided from their data, so that a large
   * addition arrives with its labels and is styled and drawn once. Degrees count every link, loops excepted, as
   * Cytoscape's `degree(false)` does.
   */
  private labelPriorityAfter(visibleFreshNodes: ElementDefinition[], freshEdges: ElementDefinition[]): Set<string> {
    const added = new Map<string, number>();
    for (const edge of freshEdges) {
      const { source, target } = edge.data as EdgeData;
      if (source === target) continue;
      added.set(source, (added.get(source) ?? 0) + 1);
      added.set(target, (added.get(target) ?? 0) + 1);
    }
    const visible = [
      ...this.visibleElements()
        .nodes()
        .map((node) => ({ id: node.id(), degree: node.degree(false) + (added.get(node.id()) ?? 0) })),
      ...visibleFreshNodes.map((node) => ({ id: node.data.id!, degree: added.get(node.data.id!) ?? 0 })),
    ];
    return mostConnected(visible, priorityCount(visible.length));
  }

  /** Gives class label-priority to exactly these nodes, touching (and restyling) only the nodes that change; returns those. */
  private markLabelPriority(keep: Set<string>): cytoscape.CollectionReturnValue {
    const cy = this.core;
    const lose = cy.nodes('.label-priority').filter((node) => !keep.has(node.id()));
    const gain = this.collect(
      [...keep].map((id) => cy.getElementById(id)).filter((node) => node.nonempty() && !node.hasClass('label-priority')),
    );
    if (lose.nonempty() || gain.nonempty()) {
      cy.batch(() => {
        lose.removeClass('label-priority');
        gain.addClass('label-priority');
      });
    }
    return lose.union(gain);
  }

  /** In a large view zoomed in, labels the nodes in view (a small view labels every node anyway). */
  private updateLabelsInView(): void {
    const cy = this.core;
    const zoomedIn = this.large && cy.zoom() >= inViewLabels.minZoom;
    const extent = cy.extent();
    const inView = zoomedIn
      ? this.visibleElements()
          .nodes()
          .filter((node) => {
            const { x, y } = node.position();
            return x >= extent.x1 && x <= extent.x2 && y >= extent.y1 && y <= extent.y2;
          })
      : cy.collection();
    const labelled = inView.length <= inViewLabels.maxInView ? inView : cy.collection();
    const lose = cy.nodes('.label-in-view').not(labelled);
    const gain = labelled.filter((node) => !node.hasClass('label-in-view'));
    if (lose.empty() && gain.empty()) return;
    cy.batch(() => {
      lose.removeClass('label-in-view');
      gain.addClass('label-in-view');
    });
  }

  /** Resolves once every addition and layout asked for so far is drawn. */
  settled(): Promise<void> {
    return this.work;
  }

  /**
   * Resolves once everything asked for is drawn and laid out and the viewport has stopped moving. A fit or a reveal
   * asked for when an addition settles animates for 300 ms after `settled()`: zoom and labels read meanwhile are
   * those of a frame in between.
   */
  async atRest(): Promise<void> {
    for (;;) {
      const asked = this.work;
      await asked;
      while (this.core.animated()) await new Promise((resolve) => setTimeout(resolve, 50));
      if (this.work === asked) return;
    }
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.pendingWork += 1;
    if (this.pendingWork === 1) this.emit('busy', true);
    const run = this.work.then(task).catch((error: unknown) => console.error('Drawing failed', error));
    this.work = run.finally(() => {
      this.pendingWork -= 1;
      if (this.pendingWork === 0) this.emit('busy', false);
    });
    return this.work;
  }

  /**
   * Adds the elements not yet on the canvas and returns their ids. In incremental mode every node
   * already placed stays where it is (the analyst's mental map, and whatever they dragged), and
   * newcomers start beside a neighbour before the layout settles them. Small incremental additions are on the
   * canvas when this returns (their layout follows). Large ones, and any that lays out the whole canvas (the first
   * draw, or `full`), are laid out first and arrive in batches at their places: await `settled()`. Drawn at
   * provisional spots and then animated into place, 100 elements cost a 300-450 ms task and 500 a 600-800 ms one,
   * then frames of 60-250 ms through the animation (lab, Chromium headless; see README Performance). Until they
   * arrive, `has`, `highlight` and `focus` already count them.
   */
  add(elements: ElementDefinition[], mode: AddMode = 'incremental'): string[] {
    const seen = new Set<string>();
    const fresh = elements.filter((e) => {
      const id = e.data.id;
      if (!id || seen.has(id) || this.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (fresh.length === 0) return [];
    const ids = fresh.map((e) => e.data.id!);
    const laysOutEverything = mode === 'full' || (mode === 'incremental' && this.core.nodes().empty() && this.arriving.size === 0);
    if (fresh.length <= drawBatch.syncLimit && this.pendingWork === 0 && !laysOutEverything) {
      this.addNow(fresh, mode);
      return ids;
    }
    for (const e of fresh) this.arriving.set(e.data.id!, e.group === 'nodes' ? 'nodes' : 'edges');
    void this.enqueue(() => this.addInBatches(fresh, mode).finally(() => ids.forEach((id) => this.arriving.delete(id))));
    return ids;
  }

  private addNow(fresh: ElementDefinition[], mode: AddMode): void {
    const before = this.core.nodes();
    const placed = new Set(fresh.filter((e) => e.group === 'nodes' && e.position).map((e) => e.data.id!));
    const added = this.core.add(fresh.map((e, i) => (e.group === 'nodes' && !e.position ? { ...e, position: spiral(i) } : e)));
    this.refreshRendering();
    // Newcomers that came with a place (a group's page, around its group node) keep it as their starting point.
    if (mode === 'incremental' && before.nonempty()) this.placeBesideNeighbours(added.nodes().filter((node) => !placed.has(node.id())));
    if (this.filters) this.applyFiltersTo(added);
    if (this.captions) added.edges().addClass('show-label');
    if (mode === 'full' || (mode === 'incremental' && before.empty())) void this.runLayout(this.layoutName);
    // Newcomers are settled by an incremental force run whatever the current layout: re-running dagre or
    // concentric would move every node, including the ones the analyst placed by hand.
    else if (mode === 'incremental') void this.enqueue(() => this.layoutNow('fcose', { incremental: true, fixed: before }));
    this.emit('changed');
  }

  /**
   * A large addition: the layout is computed first, in the worker, from the elements' data (sizes, and which
   * of them the filters let through); then the elements are added in batches at their final positions, so
   * nothing is styled or drawn twice.
   */
  private async addInBatches(fresh: ElementDefinition[], mode: AddMode): Promise<void> {
    const existing = this.core.nodes();
    const freshNodes = fresh.filter((e) => e.group === 'nodes');
    const freshEdges = fresh.filter((e) => e.group !== 'nodes');
    this.refreshRendering(existing.length + freshNodes.length, this.core.edges().length + freshEdges.length);
    const filters = this.filters;
    const passes = (e: ElementDefinition) =>
      !filters || (e.group === 'nodes' ? nodePasses(e.data as NodeData, filters) : edgePasses(e.data as EdgeData, filters));
    const priority = this.labelPriorityAfter(freshNodes.filter(passes), freshEdges);
    let positions = new Map<string, Position>();
    if (mode !== 'none') {
      const incremental = mode === 'incremental' && existing.nonempty();
      const visibleFresh = freshNodes.filter(passes);
      const start = incremental ? besideNeighbours(visibleFresh, freshEdges, this.positions()) : new Map<string, Position>();
      const withLabels = !this.large;
      const nodes: LayoutNode[] = [
        ...this.layoutNodes(existing.intersection(this.visibleElements()).nodes(), incremental ? existing : undefined),
        ...visibleFresh.map((e, i) => {
          const data = e.data as NodeData;
          const at = e.position ?? start.get(data.id) ?? spiral(i);
          return { id: data.id, x: at.x, y: at.y, ...labelRoom(sizeOfKind(data.kind), data.label, withLabels) };
        }),
      ];
      const placed = new Set(nodes.map((n) => n.id));
      const edges = [
        ...this.visibleElements()
          .edges()
          .map((edge) => edge.data() as EdgeData),
        ...freshEdges.filter(passes).map((e) => e.data as EdgeData),
      ]
        .filter((edge) => placed.has(edge.source) && placed.has(edge.target))
        .map((edge) => ({ source: edge.source, target: edge.target }));
      const laidOut = await this.layoutInWorker({
        name: incremental ? 'fcose' : this.layoutName,
        fast: this.large,
        incremental,
        nodes,
        edges,
      });
      // Without a layout (the worker failed: it says why in the console) the elements still arrive, at their start spots.
      positions = laidOut ?? start;
      if (laidOut && !incremental) {
        this.fitBox(boxOf(positions.values()));
        await this.movePlaced(positions);
      }
    }
    let i = 0;
    const added = await this.addUnseen(
      fresh.map((e) => ({
        ...e,
        classes: [
          e.classes,
          passes(e) ? '' : 'filtered',
          this.captions && e.group !== 'nodes' ? 'show-label' : '',
          priority.has(e.data.id!) ? 'label-priority' : '',
        ]
          .filter(Boolean)
          .join(' '),
        position: e.group === 'nodes' ? (positions.get(e.data.id!) ?? e.position ?? spiral(i++)) : undefined,
      })),
    );
    // Filters changed while the layout ran or the slices arrived reach the newcomers too.
    if (this.filters !== filters) this.quietly(() => this.applyFiltersTo(added));
    // Orphans and label priority are settled before the first draw, so it is the only one.
    this.quietly(() => {
      if (this.filters?.hideOrphans) this.updateOrphans();
      // Nodes already on the canvas may gain or lose their label to the newcomers: their bounds change.
      this.markLabelPriority(priority).boundingBox();
      this.updateLabelsInView();
    });
    await this.fillTextureCaches(added.nodes());
    this.renderer().notify('add', added);
    this.emit('changed');
  }

  /**
   * Adds elements without redrawing the canvas while they arrive: each task adds slices of `sliceSize` until it has
   * run `taskBudgetMs`, then lets the browser breathe. Each slice's style, rendered style and bounds are computed as
   * it arrives, so the one redraw that follows (once the caller notifies the renderer) only draws. A redraw per
   * slice would draw the whole growing graph each time: quadratic, and long tasks of hundreds of milliseconds.
   */
  private async addUnseen(definitions: ElementDefinition[]): Promise<cytoscape.CollectionReturnValue> {
    const added: cytoscape.SingularElementArgument[] = [];
    await inShortTasks(batches(definitions, drawBatch.sliceSize), (slice) => {
      const eles = this.quietly(() => {
        const sliceEles = this.core.add(slice);
        // Style, rendered style and bounds of each element, cached for the draw.
        sliceEles.boundingBox();
        return sliceEles;
      });
      eles.forEach((ele) => void added.push(ele));
    });
    return this.collect(added);
  }

  /**
   * Paints each new node's body and label into the canvas renderer's texture caches at the current zoom, a few
   * short tasks at a time, so the first redraw only copies them. Otherwise that redraw paints every node itself:
   * at 2,000 elements it was the draw's longest task, 155-210 ms, against 68-96 ms with the caches filled
   * (lab, Chromium headless; see README Performance). The WebGL renderer keeps its own atlas: nothing to fill.
   */
  private async fillTextureCaches(nodes: cytoscape.NodeCollection): Promise<void> {
    const renderer = this.renderer();
    const caches = [renderer.data?.eleTxrCache, renderer.data?.lblTxrCache].filter((cache) => typeof cache?.getElement === 'function');
    if (this.webgl || caches.length === 0) return;
    const pixelRatio = renderer.getPixelRatio();
    await inShortTasks(
      nodes.filter((node) => node.visible()),
      (node) => {
        for (const cache of caches) {
          const box = cache!.getBoundingBox(node);
          // A null level lets the cache pick the one the next redraw asks for (from the zoom and the pixel ratio).
          if (box.w > 0 && box.h > 0) cache!.getElement(node, box, pixelRatio, null, null);
        }
      },
    );
  }

  private placeBesideNeighbours(nodes: cytoscape.NodeCollection): void {
    const placed = this.core.nodes().not(nodes);
    const box = placed.boundingBox();
    const centre = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
    this.core.batch(() =>
      nodes.forEach((node) => {
        const anchor = node.neighborhood().nodes().not(nodes)[0];
        const base = anchor ? anchor.position() : centre;
        const angle = Math.random() * 2 * Math.PI;
        node.position({ x: base.x + 90 * Math.cos(angle), y: base.y + 90 * Math.sin(angle) });
      }),
    );
  }

  private visibleElements(): cytoscape.CollectionReturnValue {
    return this.core.elements().not('.hidden, .filtered, .grouped');
  }

  /** Chooses the layout later additions use, without moving anything now (reopened views). */
  setLayoutName(name: LayoutName): void {
    this.layoutName = name;
  }

  /** Lays out everything visible with the named layout; resolves when the nodes stand in their new places. */
  runLayout(name: LayoutName): Promise<void> {
    this.layoutName = name;
    return this.enqueue(() => this.layoutNow(name, {}));
  }

  /** What the layout worker needs of each node: where it is, the room it takes, whether it may move. */
  private layoutNodes(nodes: cytoscape.NodeCollection, fixed?: cytoscape.NodeCollection): LayoutNode[] {
    const withLabels = !this.large;
    const keep = new Set(fixed?.map((n) => n.id()) ?? []);
    return nodes.map((node) => {
      const { x, y } = node.position();
      const room = labelRoom(nodeSize(node), node.data('label') as string, withLabels);
      return { id: node.id(), x, y, ...room, fixed: keep.has(node.id()) || node.hasClass('pinned') };
    });
  }

  /** Runs a job in the worker; null when it failed or a later layout superseded it while it ran. */
  private async layoutInWorker(job: LayoutJob): Promise<Map<string, Position> | null> {
    const generation = ++this.layoutGeneration;
    let positions: LayoutPositions;
    try {
      positions = await this.runner.run(job);
    } catch (error) {
      console.error(error);
      return null;
    }
    if (generation !== this.layoutGeneration) return null;
    return new Map(positions.ids.map((id, i) => [id, { x: positions.xs[i], y: positions.ys[i] }]));
  }

  /**
   * Lays out the visible elements in the worker, then moves the nodes there. Pinned nodes stay (and so do `fixed`
   * ones in incremental runs).
   */
  private async layoutNow(name: LayoutName, options: { incremental?: boolean; fixed?: cytoscape.NodeCollection }): Promise<void> {
    const visible = this.visibleElements();
    if (visible.nodes().empty()) return;
    const positions = await this.layoutInWorker({
      name,
      fast: this.large,
      incremental: options.incremental ?? false,
      nodes: this.layoutNodes(visible.nodes(), options.fixed),
      edges: visible.edges().map((edge) => ({ source: edge.data('source') as string, target: edge.data('target') as string })),
    });
    if (!positions) return;
    if (!options.incremental) this.fitBox(boxOf(positions.values()));
    if (this.large) await this.movePlaced(positions);
    else await this.animateTo(positions);
  }

  private async animateTo(positions: Map<string, Position>): Promise<void> {
    const layout = this.core.nodes().layout({
      name: 'preset',
      positions: (node: cytoscape.NodeSingular) => positions.get(node.id()) ?? node.position(),
      animate: true,
      animationDuration: 450,
      fit: false,
    } as cytoscape.LayoutOptions);
    const stopped = layout.promiseOn('layoutstop');
    layout.run();
    await stopped;
  }

  /** Moves the nodes already on the canvas, in batches (a large view's nodes move without animation). */
  private async movePlaced(positions: Map<string, Position>): Promise<void> {
    const entries = [...positions].filter(([id]) => this.core.getElementById(id).nonempty());
    for (const batch of batches(entries, drawBatch.moveSize)) {
      this.core.batch(() => {
        for (const [id, position] of batch) {
          const node = this.core.getElementById(id);
          if (!node.locked()) node.position(position);
        }
      });
      if (entries.length > drawBatch.moveSize) await yieldToBrowser();
    }
  }

  /** Shows exactly a part of the graph (model coordinates), whatever the window's size: a saved view's viewport. */
  showBox(box: Box): void {
    const cy = this.core;
    const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), cy.width() / (box.x2 - box.x1), cy.height() / (box.y2 - box.y1)));
    cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * ((box.x1 + box.x2) / 2), y: cy.height() / 2 - zoom * ((box.y1 + box.y2) / 2) } });
  }

  /** Sets the viewport to show a box of model coordinates (the positions a layout is about to apply). */
  private fitBox(box: Box | null): void {
    if (box) this.core.viewport(this.viewportShowing(box));
  }

  private viewportShowing(box: Box): { zoom: number; pan: Position } {
    const margin = 40;
    const width = box.x2 - box.x1 + margin * 2;
    const height = box.y2 - box.y1 + margin * 2;
    const cy = this.core;
    const zoom = Math.max(
      cy.minZoom(),
      Math.min(maxFitZoom, (cy.width() - fitPadding * 2) / Math.max(width, 1), (cy.height() - fitPadding * 2) / Math.max(height, 1)),
    );
    return { zoom, pan: { x: cy.width() / 2 - zoom * ((box.x1 + box.x2) / 2), y: cy.height() / 2 - zoom * ((box.y1 + box.y2) / 2) } };
  }

  /**
   * Once everything asked for is placed: if some of the given elements lie outside the viewport, widens it just
   * enough to show them as well as what it showed. An expansion keeps the analyst's place in view and brings the
   * newcomers in, however many arrived (a hub's thousand neighbours would otherwise spread far off-screen).
   */
  async revealWhenSettled(ids: string[]): Promise<void> {
    await this.settled();
    const shown = this.byIds(ids).not('.hidden, .filtered, .grouped');
    if (shown.empty()) return;
    const view = this.core.extent();
    const box = shown.boundingBox();
    if (box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2) return;
    const union = {
      x1: Math.min(box.x1, view.x1),
      y1: Math.min(box.y1, view.y1),
      x2: Math.max(box.x2, view.x2),
      y2: Math.max(box.y2, view.y2),
    };
    this.core.animate(this.viewportShowing(union), { duration: 300 });
  }

  /** Element JSON (data, position, classes) for undoing a removal. */
  snapshot(ids: string[]): ElementDefinition[] {
    const eles = this.byIds(ids);
    // Removing a node removes its edges too, so they belong in the snapshot.
    return eles.union(eles.connectedEdges()).jsons() as unknown as ElementDefinition[];
  }

  restore(json: ElementDefinition[]): void {
    const added = this.core.add(json.filter((e) => e.data.id && this.core.getElementById(e.data.id).empty()));
    if (this.filters) this.applyFiltersTo(added);
    this.refreshRendering();
    this.emit('changed');
  }

  remove(ids: string[]): void {
    this.core.remove(this.byIds(ids));
    if (this.filters?.hideOrphans) this.updateOrphans();
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
    if (this.filters?.hideOrphans) this.updateOrphans();
    this.emit('changed');
  }

  /** Members of a collapsed group leave the canvas's view (class `grouped`) until the group opens again. */
  setGrouped(ids: string[], grouped: boolean): void {
    const eles = this.byIds(ids);
    if (grouped) eles.addClass('grouped').unselect();
    else eles.removeClass('grouped');
    if (this.filters?.hideOrphans) this.updateOrphans();
    this.emit('changed');
  }

  /** Replaces an element's data (a group node's count and label as its pages arrive). */
  setData(id: string, data: Record<string, unknown>): void {
    this.core.getElementById(id).data(data);
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

  /** The nodes on the canvas and those queued to arrive there. */
  nodeIds(): string[] {
    // Some of an addition are on the canvas before it ends: counted once.
    const arriving = [...this.arriving]
      .filter(([id, group]) => group === 'nodes' && this.core.getElementById(id).empty())
      .map(([id]) => id);
    return [...this.ids('node'), ...arriving];
  }

  /** On the canvas, or queued to arrive there. */
  has(id: string): boolean {
    return this.arriving.has(id) || this.core.getElementById(id).nonempty();
  }

  /**
   * Runs `apply` now, and again once the additions in progress are drawn if some of `ids` are still arriving: unless
   * a later highlight or focus came in between.
   */
  private emphasise(ids: readonly string[], apply: () => void): void {
    const request = ++this.emphasis;
    apply();
    if (!ids.some((id) => this.arriving.has(id))) return;
    void this.settled().then(() => {
      if (request === this.emphasis) apply();
    });
  }

  private byIds(ids: string[]): cytoscape.CollectionReturnValue {
    return this.collect(ids.map((id) => this.core.getElementById(id)).filter((e) => e.nonempty()));
  }

  /** A collection of elements in one step (union one by one is quadratic). Cytoscape accepts arrays; its typings do not say so. */
  private collect(elements: cytoscape.SingularElementArgument[]): cytoscape.CollectionReturnValue {
    return this.core.collection(elements as unknown as cytoscape.CollectionArgument);
  }

  applyFilters(filters: FilterState): void {
    this.filters = filters;
    this.applyFiltersTo(this.core.elements());
    this.emit('changed');
  }

  private applyFiltersTo(eles: cytoscape.Collection): void {
    const filters = this.filters;
    if (!filters) return;
    this.core.batch(() => {
      eles.nodes().forEach((n) => void n.toggleClass('filtered', !nodePasses(n.data(), filters)));
      eles.edges().forEach((e) => void e.toggleClass('filtered', !edgePasses(e.data(), filters)));
    });
    this.updateOrphans();
  }

  /** With "hide orphans" on, a node with no visible link left is hidden too (class `orphan`). */
  private updateOrphans(): void {
    const hide = this.filters?.hideOrphans ?? false;
    const out = (ele: cytoscape.SingularElementArgument) => ele.hasClass('filtered') || ele.hasClass('hidden') || ele.hasClass('grouped');
    this.core.batch(() => {
      this.core.nodes().forEach((node) => {
        const orphan =
          hide &&
          !out(node) &&
          !node
            .connectedEdges()
            .toArray()
            .some((ele) => {
              const edge = ele as cytoscape.EdgeSingular;
              return !out(edge) && !out(edge.source()) && !out(edge.target());
            });
        node.toggleClass('orphan', orphan);
      });
    });
  }

  /** Relationship captions on every link (they always show on hovered, selected and path links). */
  setCaptions(on: boolean): void {
    this.captions = on;
    this.core.edges().toggleClass('show-label', on);
  }

  get captionsShown(): boolean {
    return this.captions;
  }

  /** Marks a path: its elements get class `path`, everything else fades. `null` clears it. */
  highlight(ids: string[] | null): void {
    this.emphasise(ids ?? [], () =>
      this.core.batch(() => {
        this.core.elements().removeClass('path faded');
        if (!ids) return;
        const path = this.byIds(ids);
        path.addClass('path');
        this.core.elements().not(path).addClass('faded');
      }),
    );
  }

  focus(id: string): void {
    this.emphasise([id], () => {
      const ele = this.core.getElementById(id);
      if (ele.empty()) return;
      this.core.elements().unselect();
      ele.select();
      this.core.animate({ center: { eles: ele }, zoom: Math.max(this.core.zoom(), 1) }, { duration: 350 });
      ele.flashClass('flash', 900);
    });
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

  /**
   * Fits now and again once the additions and layouts already asked for are placed: a layout still running (the
   * first view's, or the one settling what was just drawn) moves what was fitted, and a path would end off-screen.
   */
  fitWhenSettled(ids?: string[]): void {
    this.fit(ids);
    const asked = this.work;
    void asked.then(() => {
      if (this.work === asked) this.fit(ids);
    });
  }

  positions(): PositionMap {
    const out: PositionMap = {};
    this.core.nodes().forEach((n) => void (out[n.id()] = { ...n.position() }));
    return out;
  }

  /** Puts nodes back where a map says (undo of a layout, a reopened view); nodes not in the map stay. */
  setPositions(positions: PositionMap): void {
    this.core.batch(() => {
      for (const [id, position] of Object.entries(positions)) {
        const node = this.core.getElementById(id);
        if (node.nonempty()) node.position(position);
      }
    });
  }

  moveNode(id: string, to: Position): void {
    this.core.getElementById(id).position(to);
  }

  /**
   * Runs a change the canvas is not told about: nothing is redrawn for it. The elements' style and rendered style
   * (what the renderer derives from positions and style) are computed now, in this task, so the one redraw that
   * follows, once the renderer is told (`notify`), only draws.
   */
  private quietly<T>(change: () => T): T {
    const cy = this.core as unknown as { notifications(on: boolean): void };
    cy.notifications(false);
    try {
      const result = change();
      this.renderer().flushRenderedStyleQueue();
      return result;
    } finally {
      cy.notifications(true);
    }
  }

  private renderer(): CanvasRenderer {
    return (this.core as unknown as { renderer(): CanvasRenderer }).renderer();
  }

  /** Re-applies size-dependent levers; the renderer reads these fields on every frame. */
  private refreshRendering(nodes = this.core.nodes().length, edges = this.core.edges().length): void {
    const hints = renderingHints(nodes, edges);
    const renderer = this.renderer();
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

  /** A picture of the whole graph for a report, as SVG (light theme unless asked otherwise). */
  svgPicture(options: PictureOptions): FramedPicture {
    return svgPicture(this.core, this.large, options);
  }

  /** The same as a PNG; `scale` 4 is enough for print. */
  pngPicture(options: PictureOptions, scale = 2): Promise<PngPicture> {
    return pngPicture(this.core, this.large, options, scale);
  }
}

/** The parts of Cytoscape's canvas renderer the view uses: not in its typings, read in its source (extensions/renderer/base). */
interface CanvasRenderer {
  hideEdgesOnViewport: boolean;
  textureOnViewport: boolean;
  /** Tells the renderer what changed (elements added: its z-ordered list is rebuilt) and asks for a redraw. */
  notify(event: 'add', eles: cytoscape.Collection): void;
  /** Computes the style and rendered style of the elements changed since the last frame. */
  flushRenderedStyleQueue(): void;
  getPixelRatio(): number;
  /** The element and label texture caches (extensions/renderer/canvas/ele-texture-cache.js); absent in other renderers. */
  data?: { eleTxrCache?: TextureCache; lblTxrCache?: TextureCache };
}

interface TextureCache {
  getBoundingBox(ele: cytoscape.SingularElementArgument): { w: number; h: number };
  /** Returns the element's texture at a zoom level, painting it first when the cache has none. */
  getElement(ele: cytoscape.SingularElementArgument, box: { w: number; h: number }, pixelRatio: number, level: null, reason: null): unknown;
}

const sizeOfKind = (kind: string): number => (isEntityKind(kind) ? kindDefinitions[kind].size : 30);

/** The diameter the canvas draws a node at: its kind's size (group nodes carry their own). */
function nodeSize(node: cytoscape.NodeSingular): number {
  return (node.data('size') as number | undefined) ?? sizeOfKind(node.data('kind') as string);
}

/** Starting points for newcomers of a large incremental addition: beside a neighbour already placed. */
function besideNeighbours(nodes: ElementDefinition[], edges: ElementDefinition[], placed: PositionMap): Map<string, Position> {
  const anchor = new Map<string, Position>();
  for (const edge of edges) {
    const { source, target } = edge.data as EdgeData;
    if (placed[source] && !anchor.has(target)) anchor.set(target, placed[source]);
    if (placed[target] && !anchor.has(source)) anchor.set(source, placed[target]);
  }
  const start = new Map<string, Position>();
  for (const node of nodes) {
    const base = anchor.get(node.data.id!);
    if (!base) continue;
    const angle = Math.random() * 2 * Math.PI;
    start.set(node.data.id!, { x: base.x + 90 * Math.cos(angle), y: base.y + 90 * Math.sin(angle) });
  }
  return start;
}

function boxOf(points: Iterable<Position>): Box | null {
  let box: Box | null = null;
  for (const { x, y } of points) {
    if (!box) box = { x1: x, y1: y, x2: x, y2: y };
    else {
      box.x1 = Math.min(box.x1, x);
      box.y1 = Math.min(box.y1, y);
      box.x2 = Math.max(box.x2, x);
      box.y2 = Math.max(box.y2, y);
    }
  }
  return box;
}
