/** What the benchmark page offers the harness (window.bench), shared by both sides for types. */
import type { SubgraphInput } from '../../shared/graph-elements';

export interface DrawResult {
  ms: number;
  nodes: number;
  edges: number;
  /** Main-thread tasks over 50 ms during the draw (PerformanceObserver 'longtask'): the longest and how many. */
  longest_task_ms?: number;
  long_tasks?: number;
  /** The explorer's size-dependent levers as they were applied (explorer only). */
  settings?: { large: boolean; hideEdgesOnViewport: boolean; textureOnViewport: boolean };
}

export interface FrameResult {
  /** requestAnimationFrame callbacks seen while panning. */
  frames: number;
  /** Mean and 95th percentile time between frames (what the analyst feels), ms. */
  frame_ms: number | null;
  frame_p95_ms: number | null;
  /** Cytoscape's own draw time per redraw during the pan (its renderer's counters), ms. */
  render_ms: number | null;
  /** The longest single redraw: with textureOnViewport, the bitmap drawn when the gesture starts. */
  render_max_ms: number | null;
  redraws: number;
  /** Viewport pan events seen: proof that the drag really panned. */
  pans: number;
}

/** A canvas between the explorer's settings and the defaults, for finding which setting costs what. */
export interface CanvasVariant {
  explorerStyle: boolean;
  large: boolean;
  labels?: boolean;
  hideEdgesOnViewport: boolean;
  textureOnViewport: boolean;
}

export interface BenchPage {
  /** Draws the subgraph as the explorer does: GraphView.add(subgraphToElements(...), 'full'). */
  drawExplorer(subgraph: SubgraphInput, options?: { webgl?: boolean }): Promise<DrawResult>;
  /** Shows the subgraph with Cytoscape's defaults at the explorer's last positions (same geometry for panning). */
  showDefaultsAtExplorerPositions(subgraph: SubgraphInput): Promise<DrawResult>;
  /** Shows the subgraph at the explorer's last positions with some of its settings (diagnosis; see bench/README.md). */
  showVariant(subgraph: SubgraphInput, variant: CanvasVariant): Promise<DrawResult>;
  /** Draws the subgraph with Cytoscape's defaults and the explorer's layout algorithm at its own defaults ({ name: 'fcose' }). */
  drawDefaults(subgraph: SubgraphInput): Promise<DrawResult>;
  /** A point of the canvas with no node under it, to start a pan from. */
  emptyPoint(): { x: number; y: number };
  startFrames(): void;
  stopFrames(): FrameResult;
}
