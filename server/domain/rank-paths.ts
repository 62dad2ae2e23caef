/**
 * Pure k-best simple paths (Yen's algorithm) over a small weighted multigraph, with an exact hop limit.
 * Edges are followed in either direction; an edge's weight is a cost (the path search makes it -ln of an upper
 * bound on the step's score), so the lightest path is the best. A tiny cost per hop (hopCost) makes ties go to
 * fewer hops. Entities and edges are numbered internally: the path search calls this on thousands of edges per
 * request, and string-keyed maps were most of its time.
 */
import { MinQueue } from './min-queue.js';

/** An entity's or link's identity: our string ids, or Neo4j's internal numbers inside one transaction. */
export type Key = string | number;

export interface RankEdge {
  id: Key;
  a: Key;
  b: Key;
  /** The cost of taking the edge (>= 0); Infinity leaves it out. */
  weight: number;
}

export interface RankedPath {
  nodes: Key[];
  /** Edge ids in path order. */
  edges: Key[];
  weight: number;
}

/** Added per hop, so that among equal scores the path with fewer hops comes first. */
export const hopCost = 1e-9;

/** The cost of a factor p in (0, 1] of a path's score, with the hop's tie-breaker; Infinity for p = 0. */
export function costOf(factor: number): number {
  return factor > 0 ? -Math.log(Math.min(factor, 1)) + hopCost : Infinity;
}

/**
 * Edges as numbered adjacency lists, grown one edge at a time: for node n, its neighbours and edge numbers;
 * edges are numbered in the order added, with their ends and weights. An edge's weight may grow after it was
 * added (raiseWeight): adjacency reads it from edgeWeights, the one place it is kept.
 */
export class LinkGraph {
  readonly nodeIds: Key[] = [];
  readonly nodeIndex = new Map<Key, number>();
  readonly neighbours: number[][] = [];
  readonly links: number[][] = [];
  readonly edges: RankEdge[] = [];
  /** Numbered ends of edge i at 2i and 2i + 1. */
  readonly edgeEnds: number[] = [];
  readonly edgeWeights: number[] = [];

  node(id: Key): number {
    let index = this.nodeIndex.get(id);
    if (index === undefined) {
      index = this.nodeIds.length;
      this.nodeIndex.set(id, index);
      this.nodeIds.push(id);
      this.neighbours.push([]);
      this.links.push([]);
    }
    return index;
  }

  /** Adds an edge and returns its number, or -1 when its weight leaves it out. */
  addLink(edge: RankEdge): number {
    if (!(edge.weight < Infinity)) return -1;
    const link = this.edges.length;
    const [a, b] = [this.node(edge.a), this.node(edge.b)];
    this.edges.push(edge);
    this.edgeEnds.push(a, b);
    this.edgeWeights.push(edge.weight);
    this.adjoin(a, b, link);
    if (a !== b) this.adjoin(b, a, link);
    return link;
  }

  /** Single-source lightest distances over the edges (unbounded hops); Infinity where unreachable. */
  distancesFrom(start: number): Float64Array {
    const distance = new Float64Array(this.nodeIds.length).fill(Infinity);
    const queue = new MinQueue<number>();
    distance[start] = 0;
    queue.push(0, start);
    while (queue.size > 0) {
      const key = queue.peekKey();
      const node = queue.popValue();
      if (key > distance[node]) continue;
      const neighbours = this.neighbours[node];
      const links = this.links[node];
      for (let i = 0; i < neighbours.length; i += 1) {
        const candidate = key + this.edgeWeights[links[i]];
        if (candidate < distance[neighbours[i]]) {
          distance[neighbours[i]] = candidate;
          queue.push(candidate, neighbours[i]);
        }
      }
    }
    return distance;
  }

  /** Fewest edges from `start`, up to `limit` (Infinity beyond, and where unreachable). */
  hopsFrom(start: number, limit = Infinity): Float64Array {
    const hops = new Float64Array(this.nodeIds.length).fill(Infinity);
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

  private adjoin(from: number, to: number, link: number) {
    this.neighbours[from].push(to);
    this.links[from].push(link);
  }
}

interface NumberedPath {
  nodes: number[];
  links: number[];
  weight: number;
}

/**
 * Lower bounds towards one target, for guiding every search of a Yen run (A*): each node's lightest distance to the
 * target and its fewest hops to it, over the whole graph. Yen's searches only ever ban nodes and edges, which can
 * only lengthen a way, so both stay lower bounds; the distance is consistent (it obeys the triangle inequality on
 * every edge), so the first time the target is taken from the queue its path is the lightest, as with Dijkstra.
 */
interface TargetGuide {
  distance: Float64Array;
  hops: Float64Array;
}

function guideTo(graph: LinkGraph, target: number): TargetGuide {
  return { distance: graph.distancesFrom(target), hops: graph.hopsFrom(target) };
}

/**
 * The (node, hops used) states of one Yen run's searches, allocated once: a state holds a value only when its
 * stamp is the current search's, so a search costs what it visits, not the size of the graph.
 */
class SearchSpace {
  readonly best: Float64Array;
  readonly previous: Int32Array;
  readonly via: Int32Array;
  readonly stamp: Uint32Array;
  generation = 0;

  constructor(
    nodes: number,
    readonly stride: number,
  ) {
    this.best = new Float64Array(nodes * stride);
    this.previous = new Int32Array(nodes * stride);
    this.via = new Int32Array(nodes * stride);
    this.stamp = new Uint32Array(nodes * stride);
  }
}

/**
 * Lightest path from `source` to the guide's target using at most `maxHops` edges, avoiding banned nodes and edges.
 * A* over (node, hops used) states, guided by the target's lower bounds; with non-negative weights the best walk
 * is a simple path.
 */
function lightestPath(
  graph: LinkGraph,
  source: number,
  target: number,
  maxHops: number,
  bannedNodes: Uint8Array,
  bannedLinks: Set<number>,
  space: SearchSpace,
  guide: TargetGuide,
): NumberedPath | null {
  if (guide.hops[source] > maxHops) return null;
  const { stride, best, previous, via, stamp } = space;
  const generation = (space.generation += 1);
  const queue = new MinQueue<number>();
  const start = source * stride;
  const weights = graph.edgeWeights;
  stamp[start] = generation;
  best[start] = 0;
  previous[start] = -1;
  via[start] = -1;
  queue.push(guide.distance[source], start);
  while (queue.size > 0) {
    const key = queue.peekKey();
    const state = queue.popValue();
    const node = Math.floor(state / stride);
    // Superseded: the state's cost has dropped since this entry was queued (same sum as when it was pushed).
    if (key !== best[state] + guide.distance[node]) continue;
    const hops = state - node * stride;
    if (node === target) {
      const nodes: number[] = [];
      const links: number[] = [];
      for (let cursor = state; cursor !== -1; cursor = previous[cursor]) {
        nodes.unshift(Math.floor(cursor / stride));
        if (via[cursor] !== -1) links.unshift(via[cursor]);
      }
      return { nodes, links, weight: best[state] };
    }
    const neighbours = graph.neighbours[node];
    const links = graph.links[node];
    for (let i = 0; i < neighbours.length; i += 1) {
      const to = neighbours[i];
      if (hops + 1 + guide.hops[to] > maxHops || bannedNodes[to] || bannedLinks.has(links[i])) continue;
      const toState = to * stride + hops + 1;
      const candidate = best[state] + weights[links[i]];
      if (stamp[toState] === generation && candidate >= best[toState]) continue;
      stamp[toState] = generation;
      best[toState] = candidate;
      previous[toState] = state;
      via[toState] = links[i];
      queue.push(candidate + guide.distance[to], toState);
    }
  }
  return null;
}

/**
 * Yen's algorithm as a generator: `next()` gives the simple paths of at most `maxHops` edges one at a time,
 * lightest first, so a caller can stop as soon as it has what it needs (the path search does).
 */
export class YenPaths {
  private readonly accepted: NumberedPath[] = [];
  private readonly candidates = new MinQueue<NumberedPath>();
  private readonly seen = new Set<string>();
  private readonly from: number | undefined;
  private readonly to: number | undefined;
  private started = false;
  private done = false;
  private guide: TargetGuide | null = null;
  private space: SearchSpace | null = null;

  constructor(
    private readonly graph: LinkGraph,
    source: Key,
    target: Key,
    private readonly maxHops: number,
  ) {
    this.from = graph.nodeIndex.get(source);
    this.to = graph.nodeIndex.get(target);
  }

  /** The next lightest path, or null when there is none left. */
  next(): RankedPath | null {
    const path = this.nextNumbered();
    if (!path) return null;
    const { graph } = this;
    return {
      nodes: path.nodes.map((node) => graph.nodeIds[node]),
      edges: path.links.map((link) => graph.edges[link].id),
      weight: path.weight,
    };
  }

  private nextNumbered(): NumberedPath | null {
    const { graph, from, to, maxHops } = this;
    if (from === undefined || to === undefined || this.done) return null;
    if (!this.started) {
      this.started = true;
      this.guide = guideTo(graph, to);
      this.space = new SearchSpace(graph.nodeIds.length, maxHops + 1);
      const first = lightestPath(graph, from, to, maxHops, new Uint8Array(graph.nodeIds.length), new Set(), this.space, this.guide);
      if (!first) {
        this.done = true;
        return null;
      }
      this.seen.add(first.links.join('|'));
      this.accepted.push(first);
      return first;
    }
    const previous = this.accepted[this.accepted.length - 1];
    for (let spurIndex = 0; spurIndex < previous.nodes.length - 1; spurIndex += 1) {
      const spurNode = previous.nodes[spurIndex];
      const rootLinks = previous.links.slice(0, spurIndex);
      const rootKey = rootLinks.join('|');
      const bannedLinks = new Set<number>();
      for (const path of this.accepted) {
        if (path.links.length > spurIndex && path.nodes[spurIndex] === spurNode && path.links.slice(0, spurIndex).join('|') === rootKey) {
          bannedLinks.add(path.links[spurIndex]);
        }
      }
      const bannedNodes = new Uint8Array(graph.nodeIds.length);
      for (const node of previous.nodes.slice(0, spurIndex)) bannedNodes[node] = 1;
      const spur = lightestPath(graph, spurNode, to, maxHops - spurIndex, bannedNodes, bannedLinks, this.space!, this.guide!);
      if (!spur) continue;
      const path: NumberedPath = {
        nodes: [...previous.nodes.slice(0, spurIndex), ...spur.nodes],
        links: [...rootLinks, ...spur.links],
        weight: rootLinks.reduce((sum, link) => sum + graph.edgeWeights[link], 0) + spur.weight,
      };
      const key = path.links.join('|');
      if (!this.seen.has(key)) {
        this.seen.add(key);
        this.candidates.push(path.weight, path);
      }
    }
    const next = this.candidates.pop();
    if (!next) {
      this.done = true;
      return null;
    }
    this.accepted.push(next.value);
    return next.value;
  }
}

/** Up to `k` simple paths of at most `maxHops` edges, lightest first. */
export function kBestPaths(edges: RankEdge[], source: Key, target: Key, maxHops: number, k: number): RankedPath[] {
  const graph = new LinkGraph();
  for (const edge of edges) graph.addLink(edge);
  const yen = new YenPaths(graph, source, target, maxHops);
  const paths: RankedPath[] = [];
  while (paths.length < k) {
    const path = yen.next();
    if (!path) break;
    paths.push(path);
  }
  return paths;
}
