/**
 * Cytoscape's own levers for big views, decided from the element count alone (pure). Beyond these
 * sizes, frame rate on a laptop drops below what panning and zooming need.
 */
export const largeViewThreshold = { nodes: 400, edges: 800 } as const;

export interface RenderingHints {
  /** Draw edges only when the viewport is still. */
  hideEdgesOnViewport: boolean;
  /** Pan and zoom a bitmap of the graph instead of redrawing it. */
  textureOnViewport: boolean;
  /** Haystack edges (straight, no arrows), a lighter stylesheet, and the Barnes-Hut layout instead of fcose. */
  large: boolean;
}

export function renderingHints(nodeCount: number, edgeCount: number): RenderingHints {
  const large = nodeCount > largeViewThreshold.nodes || edgeCount > largeViewThreshold.edges;
  return {
    // Never alone: on its own it makes every pan frame draw each node separately instead of from
    // Cytoscape's cached layers (10x slower than no lever at 2k elements, bench --client-variants).
    // Beside textureOnViewport it only keeps edges out of the bitmap, which makes that one draw cheaper.
    hideEdgesOnViewport: large,
    // One full draw when the gesture starts, then every frame is a copy of that bitmap.
    textureOnViewport: large,
    large,
  };
}
