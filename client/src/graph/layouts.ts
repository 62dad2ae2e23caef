/**
 * Layout name -> Cytoscape layout options. Pure data; view.ts runs them.
 * The extensions (cytoscape-fcose, cytoscape-dagre, ./barnes-hut-layout) must be registered with
 * `cytoscape.use` first.
 */
import type { LayoutOptions, Position } from 'cytoscape';

export type LayoutName = 'fcose' | 'dagre' | 'concentric';

export const layoutNames: LayoutName[] = ['fcose', 'dagre', 'concentric'];

export const layoutLabels: Record<LayoutName, string> = {
  fcose: 'Force',
  dagre: 'Hierarchy',
  concentric: 'Concentric',
};

export interface LayoutRequest {
  /**
   * Many elements (renderingHints().large): no animation, and "Force" runs the Barnes-Hut layout instead
   * of fcose, whose exact repulsion takes ~22 s at 5k elements.
   */
  fast?: boolean;
  /**
   * Keep the current positions as the starting point and only settle newcomers, instead of
   * starting from scratch (used when an expansion or a path adds elements).
   */
  incremental?: boolean;
  /** Nodes that must not move: pinned ones and the ones the analyst dragged. */
  fixed?: { nodeId: string; position: Position }[];
}

export function isLayoutName(value: unknown): value is LayoutName {
  return typeof value === 'string' && (layoutNames as string[]).includes(value);
}

export function layoutOptions(name: LayoutName, request: LayoutRequest = {}): LayoutOptions {
  const fast = request.fast ?? false;
  const common = {
    // Animating hundreds of nodes costs more than it explains.
    animate: !fast,
    animationDuration: 450,
    fit: !request.incremental,
    padding: 40,
  };
  switch (name) {
    case 'fcose':
      if (fast) {
        return {
          name: 'barnes-hut',
          ...common,
          // Incremental runs keep every placed node (passed as fixed) and settle only the newcomers.
          // Spacing and forces are the layout's own tuned defaults (barnesHutDefaults).
          randomize: !request.incremental,
          fixed: request.fixed && request.fixed.length > 0 ? request.fixed : undefined,
        } as LayoutOptions;
      }
      return {
        name: 'fcose',
        ...common,
        // Incremental runs must start from current positions; fcose then requires 'proof' quality.
        quality: request.incremental ? 'proof' : 'default',
        randomize: !request.incremental,
        // Room for labels under each node, so names do not collide.
        nodeRepulsion: 12000,
        idealEdgeLength: 95,
        edgeElasticity: 0.45,
        nodeSeparation: 80,
        gravity: 0.4,
        nodeDimensionsIncludeLabels: true,
        numIter: 2500,
        packComponents: true,
        fixedNodeConstraint: request.fixed && request.fixed.length > 0 ? request.fixed : undefined,
      } as LayoutOptions;
    case 'dagre':
      return {
        name: 'dagre',
        ...common,
        fit: true,
        // Attribution chains read top-down: incident -> actor -> organisation -> state.
        rankDir: 'TB',
        nodeDimensionsIncludeLabels: true,
        nodeSep: 30,
        rankSep: 90,
        edgeSep: 10,
      } as LayoutOptions;
    case 'concentric':
      return {
        name: 'concentric',
        ...common,
        fit: true,
        // Hubs in the middle: the most connected entities are usually what the case is about.
        concentric: (node: { degree: (includeLoops: boolean) => number }) => node.degree(false),
        levelWidth: () => 2,
        minNodeSpacing: 40,
        avoidOverlap: true,
      } as LayoutOptions;
  }
}
