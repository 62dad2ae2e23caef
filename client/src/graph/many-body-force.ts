/**
 * d3-force's many-body force (forceManyBody) on typed arrays. d3 rebuilds a quadtree of objects every step (an
 * array of four per cell, an object per point), and at 10,000 elements its quadtree walk and the garbage it leaves
 * were most of the large-view layout's CPU (about 4 s of 120 steps, profiled in Chromium). This is the same
 * algorithm with the same arithmetic: the same square extent, the same cells split the same way, coincident points
 * chained as d3 chains them, cells visited in d3's order, and the same random jiggle for coincident points, so a
 * layout comes out as d3's would (tests/unit/client/src/graph/many-body-force.test.ts compares them). It allocates
 * only when the graph outgrows its arrays.
 */
import type { Force, SimulationNodeDatum } from 'd3-force';

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

/** No cell: 0 is the root, which is never anyone's child. */
const none = 0;

export function manyBodyForce<N extends SimulationNodeDatum>(options: Partial<ManyBodyOptions> = {}): Force<N, undefined> {
  const { strength, theta, distanceMax, distanceMin } = { ...defaults, ...options };
  const theta2 = theta * theta;
  const distanceMax2 = distanceMax * distanceMax;
  const distanceMin2 = distanceMin * distanceMin;
  let nodes: N[] = [];
  let random: () => number = Math.random;

  // Points: positions at the start of the step, and the next point of a coincident chain (-1 ends it).
  let px = new Float64Array(0);
  let py = new Float64Array(0);
  let next = new Int32Array(0);
  // Cells: four children each (none = empty), a leaf's first point (-1: internal), total strength and its centre.
  let capacity = 0;
  let children = new Int32Array(0);
  let head = new Int32Array(0);
  let value = new Float64Array(0);
  let cx = new Float64Array(0);
  let cy = new Float64Array(0);
  let count = 0;
  // The walk's stack of cells and their widths; a cell is pushed at most once per walk.
  let stackCell = new Int32Array(0);
  let stackWidth = new Float64Array(0);

  function grow(cells: number): void {
    if (cells <= capacity) return;
    const size = Math.max(cells, capacity * 2, 64);
    const resize = <A extends Int32Array | Float64Array>(array: A, make: (n: number) => A, stride = 1): A => {
      const bigger = make(size * stride);
      bigger.set(array);
      return bigger;
    };
    children = resize(children, (n) => new Int32Array(n), 4);
    head = resize(head, (n) => new Int32Array(n));
    value = resize(value, (n) => new Float64Array(n));
    cx = resize(cx, (n) => new Float64Array(n));
    cy = resize(cy, (n) => new Float64Array(n));
    stackCell = new Int32Array(size);
    stackWidth = new Float64Array(size);
    capacity = size;
  }

  function newCell(firstPoint: number): number {
    grow(count + 1);
    const cell = count++;
    children.fill(none, cell * 4, cell * 4 + 4);
    head[cell] = firstPoint;
    return cell;
  }

  /** d3-quadtree's add(): descend to the point's cell; split a leaf until the old and the new point part. */
  function insert(point: number, x0: number, y0: number, x1: number, y1: number): void {
    const x = px[point];
    const y = py[point];
    next[point] = -1;
    if (count === 0) {
      newCell(point);
      return;
    }
    let cell = 0;
    while (head[cell] === -1) {
      const xm = (x0 + x1) / 2;
      const ym = (y0 + y1) / 2;
      const right = x >= xm;
      const bottom = y >= ym;
      if (right) x0 = xm;
      else x1 = xm;
      if (bottom) y0 = ym;
      else y1 = ym;
      const slot = cell * 4 + ((bottom ? 2 : 0) | (right ? 1 : 0));
      const child = children[slot];
      if (child === none) {
        const leaf = newCell(point);
        children[slot] = leaf;
        return;
      }
      cell = child;
    }
    const old = head[cell];
    const xp = px[old];
    const yp = py[old];
    if (x === xp && y === yp) {
      // d3 puts the new point first in the chain.
      next[point] = old;
      head[cell] = point;
      return;
    }
    // The leaf becomes internal where it stands; internal cells are added below it until the points part.
    head[cell] = -1;
    for (;;) {
      const xm = (x0 + x1) / 2;
      const ym = (y0 + y1) / 2;
      const right = x >= xm;
      const bottom = y >= ym;
      if (right) x0 = xm;
      else x1 = xm;
      if (bottom) y0 = ym;
      else y1 = ym;
      const quadrant = (bottom ? 2 : 0) | (right ? 1 : 0);
      const oldQuadrant = (yp >= ym ? 2 : 0) | (xp >= xm ? 1 : 0);
      if (quadrant !== oldQuadrant) {
        const moved = newCell(old);
        children[cell * 4 + oldQuadrant] = moved;
        const leaf = newCell(point);
        children[cell * 4 + quadrant] = leaf;
        return;
      }
      const inner = newCell(-1);
      children[cell * 4 + quadrant] = inner;
      cell = inner;
    }
  }

  /** d3's accumulate(), children before parents: a child's index is always above its parent's. */
  function accumulate(): void {
    for (let cell = count - 1; cell >= 0; cell -= 1) {
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
        if (child === none) continue;
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

  const jiggle = () => (random() - 0.5) * 1e-6;

  /** d3's apply() over the tree for one node, pre-order, quadrants 0 to 3, with an explicit stack. */
  function applyTo(node: N, point: number, rootWidth: number, alpha: number): void {
    const nx = px[point];
    const ny = py[point];
    let vx = node.vx ?? 0;
    let vy = node.vy ?? 0;
    let top = 0;
    stackCell[0] = 0;
    stackWidth[0] = rootWidth;
    while (top >= 0) {
      const cell = stackCell[top];
      const w = stackWidth[top];
      top -= 1;
      const v = value[cell];
      if (!v) continue;
      let x = cx[cell] - nx;
      let y = cy[cell] - ny;
      let l = x * x + y * y;
      if ((w * w) / theta2 < l) {
        if (l < distanceMax2) {
          if (x === 0) {
            x = jiggle();
            l += x * x;
          }
          if (y === 0) {
            y = jiggle();
            l += y * y;
          }
          if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
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
          if (child === none) continue;
          top += 1;
          stackCell[top] = child;
          stackWidth[top] = w / 2;
        }
        continue;
      }
      if (l >= distanceMax2) continue;
      if (first !== point || next[first] !== -1) {
        if (x === 0) {
          x = jiggle();
          l += x * x;
        }
        if (y === 0) {
          y = jiggle();
          l += y * y;
        }
        if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
      }
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
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i += 1) {
      const x = nodes[i].x!;
      const y = nodes[i].y!;
      px[i] = x;
      py[i] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    // d3-quadtree's cover(): an integer corner, the side doubled until the extent fits.
    const x0 = Math.floor(minX);
    const y0 = Math.floor(minY);
    let side = 1;
    while (maxX >= x0 + side || maxY >= y0 + side) side *= 2;
    count = 0;
    for (let i = 0; i < n; i += 1) insert(i, x0, y0, x0 + side, y0 + side);
    accumulate();
    for (let i = 0; i < n; i += 1) applyTo(nodes[i], i, side, alpha);
  }

  force.initialize = (initial: N[], source: () => number) => {
    nodes = initial;
    random = source;
    px = new Float64Array(nodes.length);
    py = new Float64Array(nodes.length);
    next = new Int32Array(nodes.length);
    grow(2 * nodes.length + 1);
  };

  return force;
}
