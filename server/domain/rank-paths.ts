/**
 * Pure k-best simple paths (Yen's algorithm) over a small weighted multigraph, with a hop limit.
 * Links are followed in either direction. A link's weight is -ln(confidence/100), so the lightest path has
 * the highest product of confidences; a tiny cost per hop makes ties go to fewer hops.
 */
export interface RankEdge {
  id: string;
  a: string;
  b: string;
  confidence: number;
}

export interface RankedPath {
  nodes: string[];
  edges: string[];
  weight: number;
}

const hopCost = 1e-9;

export function edgeWeight(confidence: number): number {
  return -Math.log(confidence / 100) + hopCost;
}

interface Adjacent {
  edge: RankEdge;
  to: string;
  weight: number;
}

class MinQueue<T> {
  private readonly items: { key: number; value: T }[] = [];
  get size() {
    return this.items.length;
  }
  push(key: number, value: T) {
    const items = this.items;
    items.push({ key, value });
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (items[parent].key <= items[index].key) break;
      [items[parent], items[index]] = [items[index], items[parent]];
      index = parent;
    }
  }
  pop(): { key: number; value: T } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && items[left].key < items[smallest].key) smallest = left;
        if (right < items.length && items[right].key < items[smallest].key) smallest = right;
        if (smallest === index) break;
        [items[smallest], items[index]] = [items[index], items[smallest]];
        index = smallest;
      }
    }
    return top;
  }
}

export function buildAdjacency(edges: RankEdge[]): Map<string, Adjacent[]> {
  const adjacency = new Map<string, Adjacent[]>();
  const add = (from: string, adjacent: Adjacent) => {
    const list = adjacency.get(from);
    if (list) list.push(adjacent);
    else adjacency.set(from, [adjacent]);
  };
  for (const edge of edges) {
    if (!(edge.confidence > 0)) continue; // a link nobody believes carries no evidence
    const weight = edgeWeight(Math.min(edge.confidence, 100));
    add(edge.a, { edge, to: edge.b, weight });
    if (edge.a !== edge.b) add(edge.b, { edge, to: edge.a, weight });
  }
  return adjacency;
}

/**
 * Lightest path from `source` to `target` using at most `maxHops` links, avoiding banned nodes and edges.
 * Dijkstra over (node, hops used) states; with positive weights the best walk is a simple path.
 */
function lightestPath(
  adjacency: Map<string, Adjacent[]>,
  source: string,
  target: string,
  maxHops: number,
  bannedNodes: Set<string>,
  bannedEdges: Set<string>,
): RankedPath | null {
  type State = { node: string; hops: number; weight: number; previous: State | null; edge: string | null };
  const best = new Map<string, number>();
  const queue = new MinQueue<State>();
  queue.push(0, { node: source, hops: 0, weight: 0, previous: null, edge: null });
  while (queue.size > 0) {
    const { value: state } = queue.pop()!;
    if (state.node === target) {
      const nodes: string[] = [];
      const edges: string[] = [];
      for (let cursor: State | null = state; cursor; cursor = cursor.previous) {
        nodes.unshift(cursor.node);
        if (cursor.edge) edges.unshift(cursor.edge);
      }
      return { nodes, edges, weight: state.weight };
    }
    if (state.hops >= maxHops) continue;
    for (const { edge, to, weight } of adjacency.get(state.node) ?? []) {
      if (bannedEdges.has(edge.id) || bannedNodes.has(to)) continue;
      const key = `${to}\u0000${state.hops + 1}`;
      const candidate = state.weight + weight;
      const known = best.get(key);
      if (known !== undefined && known <= candidate) continue;
      best.set(key, candidate);
      queue.push(candidate, { node: to, hops: state.hops + 1, weight: candidate, previous: state, edge: edge.id });
    }
  }
  return null;
}

/** Up to `k` simple paths of at most `maxHops` links, lightest (best evidence) first. */
export function kBestPaths(edges: RankEdge[], source: string, target: string, maxHops: number, k: number): RankedPath[] {
  const adjacency = buildAdjacency(edges);
  const weightOf = new Map(edges.map((edge) => [edge.id, edgeWeight(edge.confidence)]));
  const first = lightestPath(adjacency, source, target, maxHops, new Set(), new Set());
  if (!first) return [];
  const accepted: RankedPath[] = [first];
  const candidates = new MinQueue<RankedPath>();
  const seen = new Set<string>([first.edges.join('|')]);

  while (accepted.length < k) {
    const previous = accepted[accepted.length - 1];
    for (let spurIndex = 0; spurIndex < previous.nodes.length - 1; spurIndex += 1) {
      const spurNode = previous.nodes[spurIndex];
      const rootNodes = previous.nodes.slice(0, spurIndex + 1);
      const rootEdges = previous.edges.slice(0, spurIndex);
      const bannedEdges = new Set<string>();
      for (const path of accepted) {
        if (path.edges.length > spurIndex && path.edges.slice(0, spurIndex).join('|') === rootEdges.join('|') && path.nodes[spurIndex] === spurNode) {
          bannedEdges.add(path.edges[spurIndex]);
        }
      }
      const bannedNodes = new Set(rootNodes.slice(0, -1));
      const spur = lightestPath(adjacency, spurNode, target, maxHops - spurIndex, bannedNodes, bannedEdges);
      if (!spur) continue;
      const path: RankedPath = {
        nodes: [...rootNodes.slice(0, -1), ...spur.nodes],
        edges: [...rootEdges, ...spur.edges],
        weight: rootEdges.reduce((sum, id) => sum + (weightOf.get(id) ?? 0), 0) + spur.weight,
      };
      const key = path.edges.join('|');
      if (!seen.has(key)) {
        seen.add(key);
        candidates.push(path.weight, path);
      }
    }
    const next = candidates.pop();
    if (!next) break;
    accepted.push(next.value);
  }
  return accepted;
}
