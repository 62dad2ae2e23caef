/**
 * Runs a layout on plain data, headless: the nodes' sizes (label room included) and current positions in, every
 * node's new position out. Pure apart from Cytoscape's own randomness, so the layout worker runs it off the main
 * thread and Vitest runs it as it is. Headless Cytoscape cannot measure labels, so each node brings the room its
 * label takes (see labelRoom); the layouts are told not to measure labels themselves.
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import barnesHut from './barnes-hut-layout';
import { layoutOptions, type LayoutName } from './layouts';

cytoscape.use(fcose);
cytoscape.use(dagre);
cytoscape.use(barnesHut);

export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  /** The room the node takes, label included when labels are drawn at this size. */
  width: number;
  height: number;
  /** Pinned, or already placed in an incremental run: it keeps its position. */
  fixed?: boolean;
}

export interface LayoutJob {
  name: LayoutName;
  nodes: LayoutNode[];
  edges: { source: string; target: string }[];
  /** A large view: no animation, Barnes-Hut for "Force" (see layouts.ts). */
  fast: boolean;
  /** Settle the non-fixed nodes around the fixed ones instead of starting afresh. */
  incremental: boolean;
}

/** Node id -> new position, as parallel arrays (cheap to post between threads). */
export interface LayoutPositions {
  ids: string[];
  xs: Float64Array;
  ys: Float64Array;
}

const characterWidth = 6.6;
const lineHeight = 15;
const maxLabelWidth = 130;

/** The box a node and the label under it take: what the canvas draws (style.ts wraps labels at 130 px). */
export function labelRoom(size: number, label: string, withLabel: boolean): { width: number; height: number } {
  if (!withLabel || !label) return { width: size, height: size };
  const textWidth = Math.min(maxLabelWidth, label.length * characterWidth);
  const lines = Math.min(4, Math.ceil((label.length * characterWidth) / maxLabelWidth));
  return { width: Math.max(size, textWidth), height: size + 5 + lines * lineHeight };
}

export function computeLayout(job: LayoutJob): LayoutPositions {
  const ids = job.nodes.map((node) => node.id);
  const xs = new Float64Array(ids.length);
  const ys = new Float64Array(ids.length);
  if (job.nodes.length === 0) return { ids, xs, ys };
  const known = new Set(ids);
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    // Without it Cytoscape runs its default grid layout on creation, moving every node (the fixed ones too).
    layout: { name: 'preset' },
    style: [{ selector: 'node', style: { width: 'data(width)', height: 'data(height)', 'border-width': 0 } }],
    elements: [
      ...job.nodes.map((node) => ({
        group: 'nodes' as const,
        data: { id: node.id, width: node.width, height: node.height },
        position: { x: node.x, y: node.y },
      })),
      ...job.edges
        .filter((edge) => known.has(edge.source) && known.has(edge.target))
        .map((edge, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: edge.source, target: edge.target } })),
    ],
  });
  try {
    const fixed = job.nodes.filter((node) => node.fixed).map((node) => ({ nodeId: node.id, position: { x: node.x, y: node.y } }));
    // Locked nodes keep their place in every layout, as pinned nodes do on the canvas.
    for (const { nodeId } of fixed) cy.getElementById(nodeId).lock();
    const options = {
      ...layoutOptions(job.name, { fast: job.fast, incremental: job.incremental, fixed }),
      animate: false,
      fit: false,
      // The sizes above already hold the labels.
      nodeDimensionsIncludeLabels: false,
    };
    cy.layout(options as cytoscape.LayoutOptions).run();
    cy.nodes().forEach((node, i) => {
      const { x, y } = node.position();
      xs[i] = x;
      ys[i] = y;
    });
    return { ids: cy.nodes().map((node) => node.id()), xs, ys };
  } finally {
    cy.destroy();
  }
}
