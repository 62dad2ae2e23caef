/**
 * The benchmark page: the explorer's own modules (GraphView with its style, layouts and large-view
 * levers; elements.ts for the conversion), beside a bare Cytoscape with its defaults.
 */
import cytoscape, { type Core, type LayoutOptions, type Position } from 'cytoscape';
import { subgraphToElements, type SubgraphInput } from '../../shared/graph-elements';
import { renderingHints } from '../../client/src/graph/performance';
import { buildStylesheet } from '../../client/src/graph/style';
import { GraphView } from '../../client/src/graph/view';
import type { BenchPage, CanvasVariant, DrawResult, FrameResult } from './api';

declare global {
  interface Window {
    bench: BenchPage;
  }
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

let current: Core | null = null;
let explorerPositions: Record<string, Position> = {};

function freshContainer(): HTMLElement {
  current?.destroy();
  current = null;
  const container = document.createElement('div');
  container.id = 'cy';
  document.getElementById('cy')?.replaceWith(container);
  return container;
}

/** Waits for the frame after next: by then the canvas shows the result. */
async function painted(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

/** Starts recording main-thread tasks over 50 ms (PerformanceObserver 'longtask'); the returned function stops and reports. */
function watchLongTasks(): () => { longest_task_ms: number; long_tasks: number } {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => void durations.push(...list.getEntries().map((entry) => entry.duration)));
  observer.observe({ type: 'longtask' });
  return () => {
    durations.push(...observer.takeRecords().map((entry) => entry.duration));
    observer.disconnect();
    return { longest_task_ms: durations.length ? Math.max(...durations) : 0, long_tasks: durations.length };
  };
}

function result(cy: Core, started: number): DrawResult {
  return { ms: performance.now() - started, nodes: cy.nodes().length, edges: cy.edges().length };
}

interface RendererCounters {
  redrawCount?: number;
  redrawTotalTime?: number;
  lastRedrawTime?: number;
}
const counters = () => (current as unknown as { renderer(): RendererCounters }).renderer();

let frames: number[] = [];
let pans = 0;
const countPan = () => void (pans += 1);
let recording = false;
let before = { count: 0, total: 0 };
let longestRedraw = 0;

window.bench = {
  async drawExplorer(subgraph: SubgraphInput, options: { webgl?: boolean } = {}) {
    const view = new GraphView(freshContainer());
    if (options.webgl) view.setWebGL(true);
    current = view.cy;
    await painted();
    const stop = watchLongTasks();
    const started = performance.now();
    const elements = subgraphToElements(subgraph);
    view.add(elements, 'full');
    await view.settled();
    await painted();
    const drawn = { ...result(view.cy, started), ...stop() };
    explorerPositions = view.positions();
    const hints = renderingHints(drawn.nodes, drawn.edges);
    return {
      ...drawn,
      settings: { large: hints.large, hideEdgesOnViewport: hints.hideEdgesOnViewport, textureOnViewport: hints.textureOnViewport },
    };
  },

  async showDefaultsAtExplorerPositions(subgraph: SubgraphInput) {
    const container = freshContainer();
    await painted();
    const stop = watchLongTasks();
    const started = performance.now();
    const elements = subgraphToElements(subgraph).map((element) =>
      element.group === 'nodes' ? { ...element, position: explorerPositions[element.data.id!] } : element,
    );
    const cy = cytoscape({ container, elements, layout: { name: 'preset' } });
    current = cy;
    // The explorer fits with 40 px of padding; the same viewport keeps the comparison about rendering.
    cy.fit(undefined, 40);
    await painted();
    return { ...result(cy, started), ...stop() };
  },

  async showVariant(subgraph: SubgraphInput, variant: CanvasVariant) {
    const container = freshContainer();
    const elements = subgraphToElements(subgraph).map((element) =>
      element.group === 'nodes' ? { ...element, position: explorerPositions[element.data.id!] } : element,
    );
    const started = performance.now();
    const cy = cytoscape({
      container,
      elements,
      layout: { name: 'preset' },
      ...(variant.explorerStyle ? { style: buildStylesheet({ large: variant.large }) } : {}),
      hideEdgesOnViewport: variant.hideEdgesOnViewport,
      textureOnViewport: variant.textureOnViewport,
    });
    current = cy;
    if (variant.explorerStyle && variant.labels === false) cy.style().selector('node').style('label', '').update();
    cy.fit(undefined, 40);
    await painted();
    return result(cy, started);
  },

  async drawDefaults(subgraph: SubgraphInput) {
    const container = freshContainer();
    await painted();
    const stop = watchLongTasks();
    const started = performance.now();
    const elements = subgraphToElements(subgraph);
    let cy: Core | null = null;
    await new Promise<void>((resolve) => {
      cy = cytoscape({ container, elements, layout: { name: 'fcose', stop: () => resolve() } as LayoutOptions });
    });
    current = cy!;
    await painted();
    return { ...result(current, started), ...stop() };
  },

  emptyPoint() {
    const cy = current!;
    const candidates = [
      { x: 12, y: 160 },
      { x: cy.width() - 12, y: 160 },
      { x: 12, y: cy.height() - 160 },
      { x: cy.width() - 12, y: cy.height() - 160 },
    ];
    const boxes = cy.nodes().map((node) => node.renderedBoundingBox({ includeLabels: true }));
    return (
      candidates.find((point) => !boxes.some((box) => point.x >= box.x1 && point.x <= box.x2 && point.y >= box.y1 && point.y <= box.y2)) ??
      candidates[0]
    );
  },

  startFrames() {
    frames = [];
    pans = 0;
    current!.on('pan', countPan);
    recording = true;
    const renderer = counters();
    before = { count: renderer.redrawCount ?? 0, total: renderer.redrawTotalTime ?? 0 };
    longestRedraw = 0;
    let seen = before.count;
    const loop = (time: number) => {
      if (!recording) return;
      frames.push(time);
      // Cytoscape's render loop runs in its own requestAnimationFrame callback, at most one redraw a frame.
      const now = counters();
      if ((now.redrawCount ?? 0) !== seen) {
        seen = now.redrawCount ?? 0;
        longestRedraw = Math.max(longestRedraw, now.lastRedrawTime ?? 0);
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  },

  stopFrames(): FrameResult {
    recording = false;
    current!.off('pan', countPan);
    const renderer = counters();
    const intervals = frames
      .slice(1)
      .map((time, i) => time - frames[i])
      .sort((a, b) => a - b);
    const redraws = (renderer.redrawCount ?? 0) - before.count;
    return {
      frames: frames.length,
      frame_ms: intervals.length ? intervals.reduce((sum, value) => sum + value, 0) / intervals.length : null,
      frame_p95_ms: intervals.length ? intervals[Math.min(intervals.length - 1, Math.ceil(intervals.length * 0.95) - 1)] : null,
      render_ms: redraws > 0 ? ((renderer.redrawTotalTime ?? 0) - before.total) / redraws : null,
      render_max_ms: redraws > 0 ? Math.max(longestRedraw, renderer.lastRedrawTime ?? 0) : null,
      redraws,
      pans,
    };
  },
};
