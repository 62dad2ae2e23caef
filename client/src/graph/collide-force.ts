/**
 * d3-force's collision force (forceCollide, strength and one iteration per step) on a typed-array quadtree
 * (typed-quadtree.ts): the large-view layout runs it in its last steps, where d3's object quadtree was the larger
 * part of the layout's time at 5,000-10,000 nodes. Same tree, same visiting order and arithmetic, so positions
 * come out exactly as d3's (the unit test compares them). Like d3, a leaf's coincident points other than its
 * first are not pushed apart here (the many-body force's jiggle separates them).
 */
import type { Force, SimulationNodeDatum } from 'd3-force';
import { cellArray, jiggle, TypedQuadtree } from './typed-quadtree';

export function collideForce<N extends SimulationNodeDatum>(radius: (node: N) => number, strength = 1): Force<N, undefined> {
  const tree = new TypedQuadtree();
  let nodes: N[] = [];
  let random: () => number = Math.random;
  let radii = new Float64Array(0);
  // Per cell: the largest radius within it; beside the walk's stack, each cell's extent.
  let cellRadius = new Float64Array(0);
  let stackBox = new Float64Array(0);

  /** d3's prepare(), children before parents. */
  function prepare(): void {
    const { children, head } = tree;
    for (let cell = tree.count - 1; cell >= 0; cell -= 1) {
      const first = head[cell];
      if (first !== -1) {
        cellRadius[cell] = radii[first];
        continue;
      }
      let largest = 0;
      for (let quadrant = 0; quadrant < 4; quadrant += 1) {
        const child = children[cell * 4 + quadrant];
        if (child !== 0 && cellRadius[child] > largest) largest = cellRadius[child];
      }
      cellRadius[cell] = largest;
    }
  }

  /** d3's apply() for one node: pre-order, quadrants 0 to 3, each cell with its extent. */
  function applyTo(node: N, index: number): void {
    const { children, head, stack } = tree;
    const ri = radii[index];
    const ri2 = ri * ri;
    const xi = node.x! + node.vx!;
    const yi = node.y! + node.vy!;
    let top = 0;
    stack[0] = 0;
    stackBox[0] = tree.x0;
    stackBox[1] = tree.y0;
    stackBox[2] = tree.x0 + tree.side;
    stackBox[3] = tree.y0 + tree.side;
    while (top >= 0) {
      const cell = stack[top];
      const x0 = stackBox[top * 4];
      const y0 = stackBox[top * 4 + 1];
      const x1 = stackBox[top * 4 + 2];
      const y1 = stackBox[top * 4 + 3];
      top -= 1;
      let rj = cellRadius[cell];
      const r = ri + rj;
      const data = head[cell];
      if (data !== -1) {
        if (data > index) {
          const other = nodes[data];
          let x = xi - other.x! - other.vx!;
          let y = yi - other.y! - other.vy!;
          let l = x * x + y * y;
          if (l < r * r) {
            if (x === 0) {
              x = jiggle(random);
              l += x * x;
            }
            if (y === 0) {
              y = jiggle(random);
              l += y * y;
            }
            l = Math.sqrt(l);
            l = ((r - l) / l) * strength;
            x *= l;
            y *= l;
            rj *= rj;
            let share = rj / (ri2 + rj);
            node.vx! += x * share;
            node.vy! += y * share;
            share = 1 - share;
            other.vx! -= x * share;
            other.vy! -= y * share;
          }
        }
        continue;
      }
      if (x0 > xi + r || x1 < xi - r || y0 > yi + r || y1 < yi - r) continue;
      const xm = (x0 + x1) / 2;
      const ym = (y0 + y1) / 2;
      // Visited in order 0..3: pushed in reverse.
      for (let quadrant = 3; quadrant >= 0; quadrant -= 1) {
        const child = children[cell * 4 + quadrant];
        if (child === 0) continue;
        top += 1;
        stack[top] = child;
        const box = top * 4;
        stackBox[box] = quadrant & 1 ? xm : x0;
        stackBox[box + 1] = quadrant & 2 ? ym : y0;
        stackBox[box + 2] = quadrant & 1 ? x1 : xm;
        stackBox[box + 3] = quadrant & 2 ? y1 : ym;
      }
    }
  }

  function force(): void {
    const n = nodes.length;
    if (n === 0) return;
    for (let i = 0; i < n; i += 1) {
      tree.px[i] = nodes[i].x! + nodes[i].vx!;
      tree.py[i] = nodes[i].y! + nodes[i].vy!;
    }
    tree.build(n);
    cellRadius = cellArray(tree, cellRadius);
    stackBox = cellArray(tree, stackBox, 4);
    prepare();
    for (let i = 0; i < n; i += 1) applyTo(nodes[i], i);
  }

  force.initialize = (initial: N[], source: () => number) => {
    nodes = initial;
    random = source;
    radii = Float64Array.from(nodes, (node) => radius(node));
    tree.reset(nodes.length);
  };

  return force;
}
