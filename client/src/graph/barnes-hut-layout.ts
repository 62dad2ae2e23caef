/**
 * 'barnes-hut', the Cytoscape layout behind "Force" for large views. fcose's own force step computes
 * every pair's repulsion (layout-base, O(n^2) per iteration, at least 5 x n iterations): ~2 s at 2k
 * elements and ~22 s at 5k on a 2-core laptop, and its 'draft' quality skips that step, leaving
 * ~120,000 overlapping node pairs at 5k. Here d3-force approximates repulsion on a quadtree (Barnes-Hut; its
 * many-body and collision forces rewritten on typed arrays),
 * so 120 steps cost about a second at 5k elements, and pushes node bodies apart in the last steps.
 * Positions are applied once: Cytoscape redraws once and emits one layoutstart/layoutstop.
 */
import type cytoscape from 'cytoscape';
import type { Position } from 'cytoscape';
import { forceLink, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { collideForce } from './collide-force';
import { manyBodyForce } from './many-body-force';

export interface BarnesHutOptions {
  /** Start from a fresh placement (true) or from the current positions (incremental runs). */
  randomize: boolean;
  /** Nodes that must not move: pinned ones, and in incremental runs every node already placed. */
  fixed?: { nodeId: string; position: Position }[];
  /** Rest length of an edge's spring, in model pixels. */
  idealEdgeLength: number;
  /** Repulsion between every pair of nodes (negative: apart). */
  repulsion: number;
  /** Repulsion is ignored beyond this distance: far apart parts of a big view need not push each other. */
  repulsionRange: number;
  /** Empty space kept between node bodies, in model pixels. */
  nodeSeparation: number;
  /** Pull towards the centre, so separate components stay near each other. */
  gravity: number;
  /** Simulation steps, each O(n log n). */
  iterations: number;
  /** Share of the last steps that also push overlapping node bodies apart. */
  collisionShare: number;
  animate: boolean;
  animationDuration: number;
  fit: boolean;
  padding: number;
}

export const barnesHutDefaults: BarnesHutOptions = {
  randomize: true,
  // The same spacing as fcose in layouts.ts, so a view reads alike on either side of the large-view threshold.
  idealEdgeLength: 95,
  // Stronger than d3's default (-30), which is tuned for 5 px dots, not 30 px shapes with labels.
  repulsion: -400,
  // Shorter ranges packed tighter but left overlaps (800 px: 185 pairs at 5k elements; 1500 px: none).
  repulsionRange: 1500,
  // Between node bodies; labels are hidden at the zoom a large view opens at.
  nodeSeparation: 8,
  gravity: 0.02,
  // Measured at 2k and 5k elements: 200 steps gave the same bounding box and overlaps for 60% more time.
  iterations: 120,
  collisionShare: 0.4,
  animate: false,
  animationDuration: 450,
  fit: true,
  padding: 40,
};

export interface ForceNodeInput {
  id: string;
  /** Where the node starts; ignored when `randomize` is set, except for fixed nodes. */
  position: Position;
  /** Diameter of the circle the node's body fits in. */
  size: number;
}

interface ForceNode extends SimulationNodeDatum {
  id: string;
  radius: number;
}

/**
 * A starting point in O(n + e) that needs no spectral step: nodes in breadth-first order from the
 * best-connected one, on a sunflower spiral, so neighbours start near each other and hubs in the middle.
 * Deterministic: ties go by id.
 */
export function spiralPlacement(nodeIds: string[], edges: { source: string; target: string }[], spacing: number): Map<string, Position> {
  const neighbours = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) {
    neighbours.get(edge.source)?.push(edge.target);
    neighbours.get(edge.target)?.push(edge.source);
  }
  const byDegree = [...nodeIds].sort((a, b) => neighbours.get(b)!.length - neighbours.get(a)!.length || (a < b ? -1 : a > b ? 1 : 0));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const root of byDegree) {
    if (seen.has(root)) continue;
    seen.add(root);
    order.push(root);
    for (let head = order.length - 1; head < order.length; head += 1) {
      for (const next of neighbours.get(order[head])!) {
        if (seen.has(next)) continue;
        seen.add(next);
        order.push(next);
      }
    }
  }
  const golden = Math.PI * (3 - Math.sqrt(5));
  return new Map(
    order.map((id, i) => [
      id,
      { x: spacing * Math.sqrt(0.5 + i) * Math.cos(i * golden), y: spacing * Math.sqrt(0.5 + i) * Math.sin(i * golden) },
    ]),
  );
}

/** Runs the simulation to the end, synchronously, and returns every node's final position. */
export function forcePositions(
  nodes: ForceNodeInput[],
  edges: { source: string; target: string }[],
  options: Partial<BarnesHutOptions> = {},
): Map<string, Position> {
  const o = { ...barnesHutDefaults, ...options };
  const fixed = new Map((o.fixed ?? []).map((f) => [f.nodeId, f.position]));
  const known = new Set(nodes.map((n) => n.id));
  const links: SimulationLinkDatum<ForceNode>[] = edges
    .filter((e) => e.source !== e.target && known.has(e.source) && known.has(e.target))
    .map((e) => ({ source: e.source, target: e.target }));
  const seed = o.randomize ? spiralPlacement([...known], links as { source: string; target: string }[], o.idealEdgeLength / 3) : null;
  const simNodes: ForceNode[] = nodes.map((n) => {
    const pin = fixed.get(n.id);
    const start = pin ?? seed?.get(n.id) ?? n.position;
    return { id: n.id, x: start.x, y: start.y, radius: n.size / 2 + o.nodeSeparation / 2, ...(pin ? { fx: pin.x, fy: pin.y } : {}) };
  });
  if (simNodes.length === 0) return new Map();
  const centre = simNodes.reduce((sum, n) => ({ x: sum.x + n.x! / simNodes.length, y: sum.y + n.y! / simNodes.length }), { x: 0, y: 0 });
  const simulation = forceSimulation(simNodes)
    .stop()
    // Cool from 1 to d3's alphaMin (0.001) in exactly `iterations` steps.
    .alphaDecay(1 - Math.pow(0.001, 1 / Math.max(1, o.iterations)))
    .force(
      'link',
      forceLink<ForceNode, SimulationLinkDatum<ForceNode>>(links)
        .id((n) => n.id)
        .distance(o.idealEdgeLength),
    )
    // d3's forceManyBody and forceCollide on typed arrays (many-body-force.ts, collide-force.ts): the same
    // positions, with no quadtree of objects rebuilt every step.
    .force('charge', manyBodyForce<ForceNode>({ strength: o.repulsion, distanceMax: o.repulsionRange, theta: 0.9 }))
    .force('x', forceX<ForceNode>(centre.x).strength(o.gravity))
    .force('y', forceY<ForceNode>(centre.y).strength(o.gravity));
  // Collisions only once the layout has spread out: while nodes still sit on top of each other, each step
  // would compare every node with most others.
  const collideFrom = Math.floor(o.iterations * (1 - o.collisionShare));
  for (let step = 0; step < o.iterations; step += 1) {
    if (step === collideFrom)
      simulation.force(
        'collide',
        collideForce<ForceNode>((n) => n.radius),
      );
    simulation.tick();
  }
  return new Map(simNodes.map((n) => [n.id, { x: n.x!, y: n.y! }]));
}

type LayoutOptionsIn = Partial<BarnesHutOptions> & { eles: cytoscape.Collection };
interface LayoutInstance {
  options: LayoutOptionsIn;
}

/** The layout object Cytoscape builds for `{ name: 'barnes-hut' }`; Cytoscape adds the event methods. */
function BarnesHutLayout(this: LayoutInstance, options: LayoutOptionsIn): void {
  this.options = options;
}

BarnesHutLayout.prototype.run = function run(this: LayoutInstance) {
  const options = { ...barnesHutDefaults, ...this.options };
  const nodes = options.eles.nodes();
  const positions = forcePositions(
    nodes.map((n) => ({ id: n.id(), position: { ...n.position() }, size: Math.hypot(n.outerWidth(), n.outerHeight()) })),
    options.eles.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })),
    options,
  );
  // Cytoscape's helper: sets every position at once (or animates), fits, and emits layoutready/layoutstop.
  // Its typings declare the first argument a string; it is the layout object, which emits the events.
  nodes.layoutPositions(
    this as unknown as string,
    options as unknown as cytoscape.LayoutPositionOptions,
    (node: cytoscape.NodeSingular) => positions.get(node.id()) ?? node.position(),
  );
  return this;
};

// The run is synchronous: there is nothing left to stop once it returns.
BarnesHutLayout.prototype.stop = function stop() {
  return this;
};

/** Registers the layout: `cytoscape.use(barnesHut)`. */
export default function barnesHut(cytoscapeFn: typeof cytoscape): void {
  cytoscapeFn('layout', 'barnes-hut', BarnesHutLayout);
}
