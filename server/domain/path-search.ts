/**
 * Bidirectional best-first search for the k best paths between two entities, reading the graph a batch of
 * entities at a time (pure: the reading is injected, so it runs against Neo4j or a test graph alike).
 *
 * Why not fetch a corridor of everything within half the hops of each end: in a small-world graph the
 * entities within three hops of a hub are most of the graph. Evidence-ranked paths are found with far
 * less: Dijkstra from both ends at once on -ln(confidence), expanding the nearest entities first.
 *
 * Exactness. Let rA, rB be the smallest distances still waiting in each side's frontier (everything nearer
 * has been expanded). A path with a link that was never read has that link between two unexpanded
 * entities, so its weight is at least rA + rB. Every lighter path therefore lies in the links read so far,
 * and its entities x satisfy dA(x) + dB(x) < rA + rB there. Once k paths lighter than rA + rB are found in
 * that pruned graph they are the k best of the whole graph, and the search stops (`exhaustive`). When the
 * read budget runs out first, the answer is the best paths among the links read, and says so.
 */
import { MinQueue } from './min-queue.js';
import { kBestPaths, LinkGraph, type Key, type RankedPath, type RankEdge } from './rank-paths.js';

/** The filtered links of one entity, as parallel lists (no object per link: a search reads thousands). */
export interface ExpandedLinks {
  ids: Key[];
  /** The far ends. */
  others: Key[];
  /** Null where the source states none (server/domain/confidence.ts says how that ranks). */
  confidences: (number | null)[];
}

export interface ExpandedLink {
  id: Key;
  /** The far end. */
  other: Key;
  confidence: number | null;
}

/** Reads the filtered links of each given entity. */
export type ExpandEntities = (nodes: Key[]) => Promise<Map<Key, ExpandedLinks>>;

export interface PathSearchOptions {
  maxHops: number;
  limit: number;
  /** Stop reading once this many links have been read (the latency bound on dense graphs). */
  maxLinksRead: number;
  /** Entities expanded per round trip. */
  batchSize: number;
}

export interface PathSearchResult {
  paths: RankedPath[];
  /** True when the paths are provably the best of the whole graph under the filter, not only of what was read. */
  exhaustive: boolean;
  linksRead: number;
  rounds: number;
}

/**
 * The links read so far, with entities numbered as they are met (numbered arrays, not string-keyed maps:
 * a search holds tens of thousands of links and re-walks them for every proof check).
 */
class ReadLinks extends LinkGraph {
  private readonly linkIds = new Set<Key>();
  /** Entities whose links have all been read. */
  readonly read: boolean[] = [];

  get size(): number {
    return this.nodeIds.length;
  }

  /** A link of `node` as read; one met again from its other end is not added twice. */
  addRead(node: number, id: Key, otherId: Key, confidence: number | null) {
    if (this.linkIds.has(id)) return;
    this.linkIds.add(id);
    this.addLink({ id, a: this.nodeIds[node], b: otherId, confidence });
  }

  /** Single-source distances (unbounded hops). */
  distancesFrom(start: number): Float64Array {
    const distance = new Float64Array(this.size).fill(Infinity);
    const queue = new MinQueue<number>();
    distance[start] = 0;
    queue.push(0, start);
    while (queue.size > 0) {
      const key = queue.peekKey();
      const node = queue.popValue();
      if (key > distance[node]) continue;
      const neighbours = this.neighbours[node];
      const weights = this.weights[node];
      for (let i = 0; i < neighbours.length; i += 1) {
        const candidate = key + weights[i];
        if (candidate < distance[neighbours[i]]) {
          distance[neighbours[i]] = candidate;
          queue.push(candidate, neighbours[i]);
        }
      }
    }
    return distance;
  }

  /** Fewest links from `start`, up to `limit` (Infinity beyond). */
  hopsFrom(start: number, limit: number): Float64Array {
    const hops = new Float64Array(this.size).fill(Infinity);
    hops[start] = 0;
    let level = [start];
    for (let depth = 1; depth <= limit && level.length > 0; depth += 1) {
      const next: number[] = [];
      for (const node of level) {
        for (const to of this.neighbours[node]) {
          if (hops[to] !== Infinity) continue;
          hops[to] = depth;
          next.push(to);
        }
      }
      level = next;
    }
    return hops;
  }

  /**
   * Hops from `start` within which every entity has been read: a breadth-first walk over the links read,
   * leaving only from entities that were read (their links are all known). The first entity reached but
   * not read is at least this far from `start` in the whole graph too, since the walk would have found any
   * shorter way in through read entities.
   */
  readHorizon(start: number): number {
    const seen = new Uint8Array(this.size);
    seen[start] = 1;
    let level = [start];
    for (let depth = 0; level.length > 0; depth += 1) {
      const next: number[] = [];
      for (const node of level) {
        if (!this.read[node]) return depth;
        for (const to of this.neighbours[node]) {
          if (seen[to]) continue;
          seen[to] = 1;
          next.push(to);
        }
      }
      level = next;
    }
    return Infinity;
  }
}

/** One end's Dijkstra over the links read; entities are expanded (read from the graph) at most once per side. */
class Side {
  readonly distance: number[] = [];
  readonly expanded: boolean[] = [];
  private readonly frontier = new MinQueue<number>();

  constructor(start: number) {
    this.distance[start] = 0;
    this.frontier.push(0, start);
  }

  private known(node: number): number {
    return this.distance[node] ?? Infinity;
  }

  /** Smallest distance of an entity not yet expanded (Infinity when none is left). */
  radius(): number {
    while (this.frontier.size > 0 && this.superseded(this.frontier.peekKey(), this.frontier.peekValue()!)) this.frontier.popValue();
    return this.frontier.peekKey();
  }

  /** A queue entry for an entity already expanded, or whose distance has dropped since it was queued. */
  private superseded(key: number, node: number): boolean {
    return Boolean(this.expanded[node]) || this.known(node) !== key;
  }

  /** The nearest unexpanded entities, up to `count`. */
  takeBatch(count: number): number[] {
    const batch: number[] = [];
    while (batch.length < count) {
      const next = this.frontier.pop();
      if (!next) break;
      if (this.superseded(next.key, next.value)) continue;
      this.expanded[next.value] = true;
      batch.push(next.value);
    }
    return batch;
  }

  /**
   * Relaxes from `node` over the links read; an expanded entity whose distance drops passes the drop on
   * (its links are all in memory), so distances stay exact for the links read.
   */
  relaxFrom(node: number, links: ReadLinks) {
    const pending: number[] = [node];
    while (pending.length > 0) {
      const current = pending.pop()!;
      const base = this.known(current);
      const neighbours = links.neighbours[current];
      const weights = links.weights[current];
      for (let i = 0; i < neighbours.length; i += 1) {
        const to = neighbours[i];
        const candidate = base + weights[i];
        if (this.known(to) <= candidate) continue;
        this.distance[to] = candidate;
        if (this.expanded[to]) pending.push(to);
        else this.frontier.push(candidate, to);
      }
    }
  }
}

/** Distances and hops from both ends over the links read, for pruning them to what can lie on a path. */
class PathPruner {
  private readonly hopsA: Float64Array;
  private readonly hopsB: Float64Array;
  private readonly fromA: Float64Array;
  private readonly fromB: Float64Array;

  constructor(
    private readonly links: ReadLinks,
    private readonly from: number,
    private readonly to: number,
    private readonly maxHops: number,
  ) {
    this.hopsA = links.hopsFrom(from, maxHops);
    this.hopsB = links.hopsFrom(to, maxHops);
    this.fromA = links.distancesFrom(from);
    this.fromB = links.distancesFrom(to);
  }

  /**
   * The k best paths lighter than `bound`. Only links that can lie on such a path are kept (within the hop
   * limit from both ends, and dA + w + dB < bound), so Yen's algorithm runs on a small graph.
   */
  below(limit: number, bound: number): RankedPath[] {
    const { hopsA, hopsB, fromA, fromB, maxHops } = this;
    const fits = (u: number, v: number, weight: number) => hopsA[u] + 1 + hopsB[v] <= maxHops && fromA[u] + weight + fromB[v] < bound;
    const { edgeEnds, edgeWeights } = this.links;
    const kept = this.links.edges.filter((_edge, index) => {
      const weight = edgeWeights[index];
      const [a, b] = [edgeEnds[2 * index], edgeEnds[2 * index + 1]];
      return fits(a, b, weight) || fits(b, a, weight);
    });
    return kBestPaths(kept, this.links.nodeIds[this.from], this.links.nodeIds[this.to], maxHops, limit).filter(
      (path) => path.weight < bound,
    );
  }

  /** The k best paths of all: the bound widens from the lightest path's weight until k paths lie under it. */
  best(limit: number): RankedPath[] {
    const lightest = this.fromA[this.to];
    if (lightest === Infinity) return [];
    for (let bound = lightest * 2 + 0.5; ; bound *= 2) {
      const last = bound > 64;
      const paths = this.below(limit, last ? Infinity : bound);
      if (paths.length >= limit || last) return paths;
    }
  }
}

/** The k best paths of at most `maxHops` links among `edges` that are lighter than `bound` (Infinity: of all). */
export function bestPathsBelow(edges: RankEdge[], from: Key, to: Key, maxHops: number, limit: number, bound: number): RankedPath[] {
  const links = new ReadLinks();
  const [a, b] = [links.node(from), links.node(to)];
  for (const edge of edges) links.addRead(links.node(edge.a), edge.id, edge.b, edge.confidence);
  const pruner = new PathPruner(links, a, b, maxHops);
  return bound === Infinity ? pruner.best(limit) : pruner.below(limit, bound);
}

export async function searchPaths(from: Key, to: Key, expand: ExpandEntities, options: PathSearchOptions): Promise<PathSearchResult> {
  const links = new ReadLinks();
  const ends: [number, number] = [links.node(from), links.node(to)];
  const sides = [new Side(ends[0]), new Side(ends[1])];
  let linksRead = 0;
  let rounds = 0;
  // A proof check costs a few passes over the links read; run it when the bound has grown enough to pay off.
  let nextCheckAt = 0;
  const result = (paths: RankedPath[], exhaustive: boolean): PathSearchResult => ({ paths, exhaustive, linksRead, rounds });
  // Built once per state of the links read: the proof check and the budget's answer may both need it.
  let built: PathPruner | null = null;
  const pruner = () => (built ??= new PathPruner(links, ends[0], ends[1], options.maxHops));

  for (;;) {
    const radii = [sides[0].radius(), sides[1].radius()];
    const bound = radii[0] + radii[1];
    // One side has nothing left to expand: every path that exists runs through links already read.
    if (bound === Infinity) return result(pruner().best(options.limit), true);
    if (bound >= nextCheckAt && links.edges.length > 0) {
      // Every entity within hA hops of one end and hB of the other has been read: when hA + hB reach the hop
      // limit, every path within it lies in the links read (its link i has an end within i hops of `from` or
      // within maxHops - i - 1 of `to`), however many or few such paths there are.
      if (links.readHorizon(ends[0]) + links.readHorizon(ends[1]) >= options.maxHops) return result(pruner().best(options.limit), true);
      const proven = pruner().below(options.limit, bound);
      if (proven.length >= options.limit) return result(proven, true);
      nextCheckAt = Math.max(bound * 2, bound + 0.1);
    }
    if (linksRead >= options.maxLinksRead) return result(pruner().best(options.limit), false);

    const side = radii[0] <= radii[1] ? sides[0] : sides[1];
    const batch = side.takeBatch(options.batchSize);
    const unread = batch.filter((node) => !links.read[node]);
    if (unread.length > 0) {
      const found = await expand(unread.map((node) => links.nodeIds[node]));
      rounds += 1;
      built = null;
      for (const node of unread) {
        links.read[node] = true;
        const read = found.get(links.nodeIds[node]);
        if (!read) continue;
        linksRead += read.ids.length;
        for (let i = 0; i < read.ids.length; i += 1) links.addRead(node, read.ids[i], read.others[i], read.confidences[i]);
      }
    }
    for (const node of batch) side.relaxFrom(node, links);
  }
}
