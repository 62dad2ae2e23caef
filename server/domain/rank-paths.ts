/**
 * Pure k-best simple paths (Yen's algorithm) over a small weighted multigraph, with a hop limit.
 * Links are followed in either direction. A link's weight is -ln(confidence/100), so the lightest path has
 * the highest product of confidences; a tiny cost per hop makes ties go to fewer hops.
 * Entities and links are numbered internally: the path search calls this on thousands of links per
 * request, and string-keyed maps were most of its time.
 */
import { rankingConfidence } from './confidence.js';
import { MinQueue } from './min-queue.js';

/** An entity's or link's identity: our string ids, or Neo4j's internal numbers inside one transaction. */
export type Key = string | number;

export interface RankEdge {
  id: Key;
  a: Key;
  b: Key;
  /** Null when not stated. */
  confidence: number | null;
}

export interface RankedPath {
  nodes: Key[];
  edges: Key[];
  weight: number;
}

const hopCost = 1e-9;

export function edgeWeight(confidence: number): number {
  return -Math.log(confidence / 100) + hopCost;
}

/**
 * A link's weight in path ranking, or null for a link nobody believes (it carries no evidence). Issue 16: a
 * confidence that is not stated weighs as server/domain/confidence.ts says (rankingConfidence), the one change here.
 */
export function linkWeight(confidence: number | null): number | null {
  const weighed = rankingConfidence(confidence);
  return weighed > 0 ? edgeWeight(Math.min(weighed, 100)) : null;
}

/**
 * Links as numbered adjacency lists, grown one link at a time: for node n, its neighbours, the link numbers
 * and weights; links are numbered in the order added, with their ends and weights. Links nobody believes
 * (confidence 0) are left out. The path search (path-search.ts) grows one as it reads the graph.
 */
export class LinkGraph {
  readonly nodeIds: Key[] = [];
  readonly nodeIndex = new Map<Key, number>();
  readonly neighbours: number[][] = [];
  readonly links: number[][] = [];
  readonly weights: number[][] = [];
  readonly edges: RankEdge[] = [];
  /** Numbered ends of link i at 2i and 2i + 1. */
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
      this.weights.push([]);
    }
    return index;
  }

  addLink(edge: RankEdge): void {
    const weight = linkWeight(edge.confidence);
    if (weight === null) return;
    const link = this.edges.length;
    const [a, b] = [this.node(edge.a), this.node(edge.b)];
    this.edges.push(edge);
    this.edgeEnds.push(a, b);
    this.edgeWeights.push(weight);
    this.adjoin(a, b, link, weight);
    if (a !== b) this.adjoin(b, a, link, weight);
  }

  private adjoin(from: number, to: number, link: number, weight: number) {
    this.neighbours[from].push(to);
    this.links[from].push(link);
    this.weights[from].push(weight);
  }
}

interface NumberedPath {
  nodes: number[];
  links: number[];
  weight: number;
}

/**
 * Lightest path from `source` to `target` using at most `maxHops` links, avoiding banned nodes and links.
 * Dijkstra over (node, hops used) states; with positive weights the best walk is a simple path.
 */
function lightestPath(
  graph: LinkGraph,
  source: number,
  target: number,
  maxHops: number,
  bannedNodes: Uint8Array,
  bannedLinks: Set<number>,
): NumberedPath | null {
  const stride = maxHops + 1;
  const states = graph.nodeIds.length * stride;
  const best = new Float64Array(states).fill(Infinity);
  const previous = new Int32Array(states).fill(-1);
  const via = new Int32Array(states).fill(-1);
  const queue = new MinQueue<number>();
  const start = source * stride;
  best[start] = 0;
  queue.push(0, start);
  for (let next = queue.pop(); next; next = queue.pop()) {
    const state = next.value;
    if (next.key > best[state]) continue; // superseded
    const node = Math.floor(state / stride);
    const hops = state - node * stride;
    if (node === target) {
      const nodes: number[] = [];
      const links: number[] = [];
      for (let cursor = state; cursor !== -1; cursor = previous[cursor]) {
        nodes.unshift(Math.floor(cursor / stride));
        if (via[cursor] !== -1) links.unshift(via[cursor]);
      }
      return { nodes, links, weight: next.key };
    }
    if (hops >= maxHops) continue;
    const neighbours = graph.neighbours[node];
    const links = graph.links[node];
    const weights = graph.weights[node];
    for (let i = 0; i < neighbours.length; i += 1) {
      const to = neighbours[i];
      if (bannedNodes[to] || bannedLinks.has(links[i])) continue;
      const toState = to * stride + hops + 1;
      const candidate = next.key + weights[i];
      if (candidate >= best[toState]) continue;
      best[toState] = candidate;
      previous[toState] = state;
      via[toState] = links[i];
      queue.push(candidate, toState);
    }
  }
  return null;
}

/** Up to `k` simple paths of at most `maxHops` links, lightest (best evidence) first. */
export function kBestPaths(edges: RankEdge[], source: Key, target: Key, maxHops: number, k: number): RankedPath[] {
  const graph = new LinkGraph();
  for (const edge of edges) graph.addLink(edge);
  const from = graph.nodeIndex.get(source);
  const to = graph.nodeIndex.get(target);
  if (from === undefined || to === undefined) return [];
  const noNodes = new Uint8Array(graph.nodeIds.length);
  const first = lightestPath(graph, from, to, maxHops, noNodes, new Set());
  if (!first) return [];
  const accepted: NumberedPath[] = [first];
  const candidates = new MinQueue<NumberedPath>();
  const seen = new Set<string>([first.links.join('|')]);

  while (accepted.length < k) {
    const previous = accepted[accepted.length - 1];
    for (let spurIndex = 0; spurIndex < previous.nodes.length - 1; spurIndex += 1) {
      const spurNode = previous.nodes[spurIndex];
      const rootLinks = previous.links.slice(0, spurIndex);
      const rootKey = rootLinks.join('|');
      const bannedLinks = new Set<number>();
      for (const path of accepted) {
        if (path.links.length > spurIndex && path.nodes[spurIndex] === spurNode && path.links.slice(0, spurIndex).join('|') === rootKey) {
          bannedLinks.add(path.links[spurIndex]);
        }
      }
      const bannedNodes = new Uint8Array(graph.nodeIds.length);
      for (const node of previous.nodes.slice(0, spurIndex)) bannedNodes[node] = 1;
      const spur = lightestPath(graph, spurNode, to, maxHops - spurIndex, bannedNodes, bannedLinks);
      if (!spur) continue;
      const path: NumberedPath = {
        nodes: [...previous.nodes.slice(0, spurIndex), ...spur.nodes],
        links: [...rootLinks, ...spur.links],
        weight: rootLinks.reduce((sum, link) => sum + graph.edgeWeights[link], 0) + spur.weight,
      };
      const key = path.links.join('|');
      if (!seen.has(key)) {
        seen.add(key);
        candidates.push(path.weight, path);
      }
    }
    const next = candidates.pop();
    if (!next) break;
    accepted.push(next.value);
  }
  return accepted.map((path) => ({
    nodes: path.nodes.map((node) => graph.nodeIds[node]),
    edges: path.links.map((link) => graph.edges[link].id),
    weight: path.weight,
  }));
}
