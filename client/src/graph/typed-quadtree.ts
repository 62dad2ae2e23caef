/**
 * d3-quadtree on typed arrays, for the layout's forces (many-body-force.ts, collide-force.ts), which rebuild a
 * quadtree of every node at every step. d3 builds it of objects (an array of four per cell, an object per point);
 * at 10,000 nodes that garbage and the object walk were most of a large view's layout time. This builds the same
 * tree: the same square extent (d3's cover: an integer corner, the side doubled until the points fit), the same
 * cells split the same way, coincident points chained with the newest first. A child's index is always above its
 * parent's, so a loop from the last cell down visits children before parents (d3's visitAfter). It allocates only
 * when the points outgrow its arrays. A force keeps its own per-cell values (sized to `count` after build()).
 */
export class TypedQuadtree {
  /** The points' coordinates, filled by the caller before build(). */
  px = new Float64Array(0);
  py = new Float64Array(0);
  /** The next point of a coincident chain; -1 ends it. */
  next = new Int32Array(0);
  /** Four children per cell; 0 (the root, nobody's child) for none. */
  children = new Int32Array(0);
  /** A leaf's first point, or -1 for an internal cell. */
  head = new Int32Array(0);
  /** Cells in use; cell 0 is the root. */
  count = 0;
  /** The root's extent: [x0, x0 + side) x [y0, y0 + side). */
  x0 = 0;
  y0 = 0;
  side = 1;
  /** A walk's stack of cells: a walk pushes a cell at most once, so it holds every cell. */
  stack = new Int32Array(0);
  private capacity = 0;

  /** Room for `points` points (call when the node list changes); the caller then fills px and py. */
  reset(points: number): void {
    if (this.px.length !== points) {
      this.px = new Float64Array(points);
      this.py = new Float64Array(points);
      this.next = new Int32Array(points);
    }
    this.reserve(2 * points + 1);
  }

  /** Builds the tree of the first `points` points of px/py (finite coordinates). */
  build(points: number): void {
    const { px, py } = this;
    this.count = 0;
    if (points === 0) return;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < points; i += 1) {
      const x = px[i];
      const y = py[i];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    this.x0 = Math.floor(minX);
    this.y0 = Math.floor(minY);
    let side = 1;
    while (maxX >= this.x0 + side || maxY >= this.y0 + side) side *= 2;
    this.side = side;
    for (let i = 0; i < points; i += 1) this.insert(i);
  }

  /** The cell being descended during insert(): its extent, and the midpoint it was last split at. */
  private bx0 = 0;
  private by0 = 0;
  private bx1 = 0;
  private by1 = 0;
  private xm = 0;
  private ym = 0;

  /** Halves the current extent towards (x, y), as d3 does; returns the quadrant (x right: 1, y below: 2). */
  private halve(x: number, y: number): number {
    const xm = (this.xm = (this.bx0 + this.bx1) / 2);
    const ym = (this.ym = (this.by0 + this.by1) / 2);
    const right = x >= xm;
    const bottom = y >= ym;
    if (right) this.bx0 = xm;
    else this.bx1 = xm;
    if (bottom) this.by0 = ym;
    else this.by1 = ym;
    return (bottom ? 2 : 0) | (right ? 1 : 0);
  }

  /** d3-quadtree's add(): descend to the point's cell; split a leaf until the old and the new point part. */
  private insert(point: number): void {
    const { px, py } = this;
    const x = px[point];
    const y = py[point];
    this.next[point] = -1;
    if (this.count === 0) {
      this.newCell(point);
      return;
    }
    this.bx0 = this.x0;
    this.by0 = this.y0;
    this.bx1 = this.x0 + this.side;
    this.by1 = this.y0 + this.side;
    let cell = 0;
    while (this.head[cell] === -1) {
      const slot = cell * 4 + this.halve(x, y);
      const child = this.children[slot];
      if (child === 0) {
        const leaf = this.newCell(point);
        this.children[slot] = leaf;
        return;
      }
      cell = child;
    }
    const old = this.head[cell];
    const xp = px[old];
    const yp = py[old];
    if (x === xp && y === yp) {
      this.next[point] = old;
      this.head[cell] = point;
      return;
    }
    // The leaf becomes internal where it stands; internal cells are added below it until the points part.
    this.head[cell] = -1;
    for (;;) {
      const quadrant = this.halve(x, y);
      const oldQuadrant = (yp >= this.ym ? 2 : 0) | (xp >= this.xm ? 1 : 0);
      if (quadrant !== oldQuadrant) {
        const moved = this.newCell(old);
        this.children[cell * 4 + oldQuadrant] = moved;
        const leaf = this.newCell(point);
        this.children[cell * 4 + quadrant] = leaf;
        return;
      }
      const inner = this.newCell(-1);
      this.children[cell * 4 + quadrant] = inner;
      cell = inner;
    }
  }

  private newCell(firstPoint: number): number {
    this.reserve(this.count + 1);
    const cell = this.count++;
    this.children.fill(0, cell * 4, cell * 4 + 4);
    this.head[cell] = firstPoint;
    return cell;
  }

  private reserve(cells: number): void {
    if (cells <= this.capacity) return;
    const size = Math.max(cells, this.capacity * 2, 64);
    const children = new Int32Array(size * 4);
    children.set(this.children);
    this.children = children;
    const head = new Int32Array(size);
    head.set(this.head);
    this.head = head;
    this.stack = new Int32Array(size);
    this.capacity = size;
  }
}

/** A per-cell array of a force, `stride` values a cell, grown (not kept) to hold every cell of the tree. */
export function cellArray(tree: TypedQuadtree, current: Float64Array<ArrayBuffer>, stride = 1): Float64Array<ArrayBuffer> {
  return current.length >= tree.count * stride ? current : new Float64Array(tree.stack.length * stride);
}

/** d3's jiggle: a tiny random offset for points that coincide on an axis, from the simulation's random source. */
export function jiggle(random: () => number): number {
  return (random() - 0.5) * 1e-6;
}
