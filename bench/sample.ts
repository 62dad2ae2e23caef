/**
 * Picking realistic inputs from the generated graph: hubs and ordinary entities, connected entity sets
 * grown breadth-first (what an analyst exports or has on the canvas), and subgraphs of a given element count.
 */
import type { ImportDocument } from '../server/domain/import/document.js';
import type { SyntheticGraph } from './generate-graph.js';
import type { Random } from './random.js';

/** Undirected adjacency in compressed rows: neighbours of entity i are targets[offsets[i]..offsets[i+1]). */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
  /** Relationship position in document.relationships for each entry of targets. */
  edges: Int32Array;
}

export function buildAdjacency(document: ImportDocument): Adjacency {
  const indexOf = new Map(document.entities.map((entity, index) => [entity.id, index]));
  const n = document.entities.length;
  const offsets = new Int32Array(n + 1);
  const ends = document.relationships.map((rel) => [indexOf.get(rel.from)!, indexOf.get(rel.to)!] as const);
  for (const [a, b] of ends) {
    offsets[a + 1] += 1;
    offsets[b + 1] += 1;
  }
  for (let i = 0; i < n; i += 1) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]);
  const edges = new Int32Array(offsets[n]);
  ends.forEach(([a, b], rel) => {
    targets[fill[a]] = b;
    edges[fill[a]++] = rel;
    targets[fill[b]] = a;
    edges[fill[b]++] = rel;
  });
  return { offsets, targets, edges };
}

/** The most linked entities (top 1%, at least 10), most linked first. */
export function hubsOf(graph: SyntheticGraph): number[] {
  const count = Math.max(10, Math.round(graph.degree.length / 100));
  return [...graph.degree.keys()].sort((a, b) => graph.degree[b] - graph.degree[a]).slice(0, count);
}

/** Entity positions in breadth-first order from `start`, at most `limit` of them. */
export function breadthFirst(adjacency: Adjacency, start: number, limit: number): number[] {
  const seen = new Set<number>([start]);
  const order = [start];
  for (let head = 0; head < order.length && order.length < limit; head += 1) {
    const node = order[head];
    for (let k = adjacency.offsets[node]; k < adjacency.offsets[node + 1] && order.length < limit; k += 1) {
      const next = adjacency.targets[k];
      if (!seen.has(next)) {
        seen.add(next);
        order.push(next);
      }
    }
  }
  return order;
}

export interface ClientSubgraph {
  entities: { id: string; kind: string; name: string; aliases: string[]; date: string | null }[];
  relationships: {
    id: string;
    type: string;
    stance: string;
    confidence: number | null;
    since: string | null;
    until: string | null;
    from: { id: string };
    to: { id: string };
  }[];
}

/**
 * A connected subgraph of exactly `elements` nodes plus edges, grown breadth-first from `start` with every
 * link among the entities taken so far: the shape of a neighbourhood an analyst has expanded, in the form the
 * GraphQL API returns it (what shared/graph-elements.ts turns into Cytoscape elements).
 */
export function subgraphOfSize(document: ImportDocument, adjacency: Adjacency, start: number, elements: number): ClientSubgraph {
  const taken = new Set<number>();
  const links = new Set<number>();
  const queue = [start];
  const seen = new Set<number>([start]);
  let count = 0;
  for (let head = 0; head < queue.length && count < elements; head += 1) {
    const node = queue[head];
    taken.add(node);
    count += 1;
    for (let k = adjacency.offsets[node]; k < adjacency.offsets[node + 1]; k += 1) {
      const other = adjacency.targets[k];
      if (count < elements && taken.has(other) && other !== node && !links.has(adjacency.edges[k])) {
        links.add(adjacency.edges[k]);
        count += 1;
      }
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return {
    entities: [...taken].map((index) => {
      const entity = document.entities[index];
      return { id: entity.id, kind: entity.kind, name: entity.name, aliases: entity.aliases, date: entity.date };
    }),
    relationships: [...links].map((index) => {
      const rel = document.relationships[index];
      return {
        id: rel.id,
        type: rel.type,
        stance: rel.stance,
        confidence: rel.confidence,
        since: rel.since,
        until: rel.until,
        from: { id: rel.from },
        to: { id: rel.to },
      };
    }),
  };
}

/** An entity with at least one link that is not a hub. */
export function ordinaryEntity(graph: SyntheticGraph, hubs: ReadonlySet<number>, random: Random): number {
  for (;;) {
    const index = random.int(0, graph.degree.length - 1);
    if (graph.degree[index] > 0 && !hubs.has(index)) return index;
  }
}
