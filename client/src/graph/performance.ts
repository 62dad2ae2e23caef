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
  /** Haystack edges (straight, no arrows) and a lighter stylesheet. */
  large: boolean;
  /** Draft-quality, non-animated layouts. */
  fastLayout: boolean;
}

export function renderingHints(nodeCount: number, edgeCount: number): RenderingHints {
  const large = nodeCount > largeViewThreshold.nodes || edgeCount > largeViewThreshold.edges;
  const huge = nodeCount > largeViewThreshold.nodes * 3 || edgeCount > largeViewThreshold.edges * 3;
  return {
    hideEdgesOnViewport: large,
    textureOnViewport: huge,
    large,
    fastLayout: large || nodeCount > 150,
  };
}
