/**
 * d3-force's many-body force (forceManyBody) on a typed-array quadtree (typed-quadtree.ts). At 10,000 elements
 * d3's object quadtree, rebuilt every step, and the garbage it left were most of the large-view layout's CPU. This
 * is the same algorithm with the same arithmetic: the same tree, cells visited in d3's order, the same random
 * jiggle for coincident points, so a layout comes out exactly as d3's would (the unit test compares them).
 */
import type { Force, SimulationNodeDatum } from 'd3-force';
import { cellArray, jiggle, TypedQuadtree } from './typed-quadtree';

export interface ManyBodyOptions {
  /** Repulsion (negative) or attraction (positive) of every node, as d3's constant strength. */
  strength: number;
  /** Barnes-Hut accuracy: a cell is taken as one body when its width / distance is below theta (d3: 0.9). */
  theta: number;
  /** Beyond this distance nodes do not act on each other (d3: Infinity). */
  distanceMax: number;
  /** Closer than this, the force is computed as if at this distance (d3: 1). */
  distanceMin: number;
}

const defaults: ManyBodyOptions = { strength: -30, theta: 0.9, distanceMax: Infinity, distanceMin: 1 };

export function manyBodyForce<N extends SimulationNodeDatum>(options: Partial<ManyBodyOptions> = {}): Force<N, undefined> {
  const { strength, theta, distanceMax, distanceMin } = { ...defaults, ...options };
  const theta2 = theta * theta;
  const distanceMax2 = distanceMax * distanceMax;
  const distanceMin2 = distanceMin * distanceMin;
  const tree = new TypedQuadtree();
  let nodes: N[] = [];
  let random: () => number = Math.random;
  // Per cell: total strength and its centre; beside the walk's stack, each cell's width.
  let value = new Float64Array(0);
  let cx = new Float64Array(0);
  let cy = new Float64Array(0);
  let stackWidth = new Float64Array(0);
  // The offset from the node to the cell being applied, and its squared length (see separate()).
  let x = 0;
  let y = 0;
  let l = 0;

  /** d3's guard for close bodies: a random direction when they coincide on an axis, distanceMin at least. */
  function separate(): void {
    if (x === 0) {
      x = jiggle(random);
      l += x * x;
    }
    if (y === 0) {
      y = jiggle(random);
      l += y * y;
    }
    if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
  }

  /** d3's accumulate(), children before parents. */
  function accumulate(): void {
    const { children, head, next, px, py } = tree;
    for (let cell = tree.count - 1; cell >= 0; cell -= 1) {
      const first = head[cell];
      if (first !== -1) {
        let total = 0;
        for (let point = first; point !== -1; point = next[point]) total += strength;
        cx[cell] = px[first];
        cy[cell] = py[first];
        value[cell] = total;
        continue;
      }
      let total = 0;
      let weight = 0;
      let x = 0;
      let y = 0;
      for (let quadrant = 0; quadrant < 4; quadrant += 1) {
        const child = children[cell * 4 + quadrant];
        if (child === 0) continue;
        const c = Math.abs(value[child]);
        if (!c) continue;
        total += value[child];
        weight += c;
        x += c * cx[child];
        y += c * cy[child];
      }
      cx[cell] = x / weight;
      cy[cell] = y / weight;
      value[cell] = total;
    }
  }

  /** d3's apply() over the tree for one node: pre-order, quadrants 0 to 3. */
  function applyTo(node: N, point: number, alpha: number): void {
    const { children, head, next, px, py, stack } = tree;
    const nx = px[point];
    const ny = py[point];
    let vx = node.vx ?? 0;
    let vy = node.vy ?? 0;
    let top = 0;
    stack[0] = 0;
    stackWidth[0] = tree.side;
    while (top >= 0) {
      const cell = stack[top];
      const w = stackWidth[top];
      top -= 1;
      const v = value[cell];
      if (!v) continue;
      x = cx[cell] - nx;
      y = cy[cell] - ny;
      l = x * x + y * y;
      if ((w * w) / theta2 < l) {
        if (l < distanceMax2) {
          separate();
          vx += (x * v * alpha) / l;
          vy += (y * v * alpha) / l;
        }
        continue;
      }
      const first = head[cell];
      if (first === -1) {
        // Visited in order 0..3: pushed in reverse.
        for (let quadrant = 3; quadrant >= 0; quadrant -= 1) {
          const child = children[cell * 4 + quadrant];
          if (child === 0) continue;
          top += 1;
          stack[top] = child;
          stackWidth[top] = w / 2;
        }
        continue;
      }
      if (l >= distanceMax2) continue;
      if (first !== point || next[first] !== -1) separate();
      for (let other = first; other !== -1; other = next[other]) {
        if (other === point) continue;
        const k = (strength * alpha) / l;
        vx += x * k;
        vy += y * k;
      }
    }
    node.vx = vx;
    node.vy = vy;
  }

  function force(alpha: number): void {
    const n = nodes.length;
    if (n === 0) return;
    for (let i = 0; i < n; i += 1) {
      tree.px[i] = nodes[i].x!;
      tree.py[i] = nodes[i].y!;
    }
    tree.build(n);
    value = cellArray(tree, value);
    cx = cellArray(tree, cx);
    cy = cellArray(tree, cy);
    stackWidth = cellArray(tree, stackWidth);
    accumulate();
    for (let i = 0; i < n; i += 1) applyTo(nodes[i], i, alpha);
  }

  force.initialize = (initial: N[], source: () => number) => {
    nodes = initial;
    random = source;
    tree.reset(nodes.length);
  };

  return force;
}
