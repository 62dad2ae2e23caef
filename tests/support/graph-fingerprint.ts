import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Graph } from '../../server/graph/run.js';

// Test-only reads, written inline: the catalog in cypher/ holds what the app runs, not what tests inspect.

const seed = JSON.parse(fs.readFileSync(path.join(projectRoot, 'cypher', 'seed', 'founding-case.json'), 'utf8')) as {
  sources: { id: string }[];
  entities: { id: string }[];
  relationships: { id: string }[];
};
export const foundingIds = {
  sources: seed.sources.map((source) => source.id),
  entities: seed.entities.map((entity) => entity.id),
  relationships: seed.relationships.map((relationship) => relationship.id),
};

export interface Fingerprint {
  entities: number;
  relationships: number;
  sources: number;
  /** Links between a founding entity and anything else, by any id: a new or lost one shows here. */
  linksTouchingFoundingCase: number;
  hash: string;
}

/**
 * Everything about the founding case: each entity, relationship and source with all its properties and
 * labels, and every link touching it. Other test files write only their own prefixed ids in parallel, so
 * totals such as `stats` move under us; the founding case must never move.
 */
export async function foundingFingerprint(graph: Graph): Promise<Fingerprint> {
  const [row] = await graph.runText(
    `CALL { MATCH (e:Entity) WHERE e.id IN $entityIds
            WITH e ORDER BY e.id RETURN collect([e.id, labels(e), properties(e)]) AS entities }
     CALL { MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $entityIds OR b.id IN $entityIds
            WITH a, r, b ORDER BY r.id, a.id, b.id RETURN collect([r.id, type(r), a.id, b.id, properties(r)]) AS links }
     CALL { MATCH (s:Source) WHERE s.id IN $sourceIds
            WITH s ORDER BY s.id RETURN collect([s.id, properties(s)]) AS sources }
     RETURN entities, links, sources`,
    'READ',
    { entityIds: foundingIds.entities, sourceIds: foundingIds.sources },
  );
  const links = row.links as unknown[][];
  const foundingRelationships = new Set(foundingIds.relationships);
  return {
    entities: (row.entities as unknown[]).length,
    relationships: links.filter((link) => foundingRelationships.has(String(link[0]))).length,
    sources: (row.sources as unknown[]).length,
    linksTouchingFoundingCase: links.length,
    hash: createHash('sha256').update(JSON.stringify(row)).digest('hex'),
  };
}

/** How many audit events name one of these actors: every write through the API records one or more. */
export async function auditEventsBy(graph: Graph, actors: string[]): Promise<number> {
  const [row] = await graph.runText('MATCH (a:AuditEvent) WHERE a.actor IN $actors RETURN count(a) AS count', 'READ', { actors });
  return Number(row.count);
}

/** Which of these ids name an entity, a source or a relationship in the graph. */
export async function existingIds(graph: Graph, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const [row] = await graph.runText(
    `CALL { MATCH (e:Entity) WHERE e.id IN $ids RETURN collect(e.id) AS entities }
     CALL { MATCH (s:Source) WHERE s.id IN $ids RETURN collect(s.id) AS sources }
     CALL { MATCH ()-[r]->() WHERE r.id IN $ids RETURN collect(r.id) AS rels }
     RETURN entities + sources + rels AS ids`,
    'READ',
    { ids },
  );
  return row.ids as string[];
}

/**
 * Everything under an id prefix, as one comparable value: entities, sources, links touching those entities
 * (by type, ends and properties) and audit events about them. Equal before and after = nothing written.
 * Every lookup starts from an index on the id, so it stays quick however large the shared database grows.
 */
export async function prefixSnapshot(graph: Graph, prefix: string): Promise<string> {
  const [row] = await graph.runText(
    `CALL { MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
            WITH n ORDER BY n.id RETURN collect([n.id, labels(n), properties(n)]) AS entities }
     CALL { MATCH (s:Source) WHERE s.id STARTS WITH $prefix
            WITH s ORDER BY s.id RETURN collect([s.id, properties(s)]) AS sources }
     CALL { MATCH (n:Entity)-[r]-(:Entity) WHERE n.id STARTS WITH $prefix
            WITH DISTINCT r ORDER BY r.id
            RETURN collect([r.id, type(r), startNode(r).id, endNode(r).id, properties(r)]) AS links }
     CALL { MATCH (e:AuditEvent) WHERE e.subjectId STARTS WITH $prefix RETURN count(e) AS audit }
     RETURN entities, sources, links, audit`,
    'READ',
    { prefix },
  );
  return createHash('sha256').update(JSON.stringify(row)).digest('hex');
}

/**
 * Every property and label of these entities and every link touching them (type, ends, properties), as one hash:
 * equal before and after = the graph around them is exactly as it was. Entities missing from the graph count too.
 */
export async function entitiesSnapshot(graph: Graph, ids: string[]): Promise<string> {
  const [row] = await graph.runText(
    `CALL { UNWIND $ids AS id OPTIONAL MATCH (n:Entity {id: id})
            RETURN collect([id, COLLECT { UNWIND labels(n) AS label RETURN label ORDER BY label }, properties(n), COLLECT { UNWIND keys(n) AS k RETURN k + ':' + valueType(n[k]) AS typed ORDER BY typed }]) AS entities }
     CALL { MATCH (n:Entity)-[r]-(:Entity) WHERE n.id IN $ids
            WITH DISTINCT r ORDER BY r.id
            RETURN collect([r.id, type(r), startNode(r).id, endNode(r).id, properties(r), COLLECT { UNWIND keys(r) AS k RETURN k + ':' + valueType(r[k]) AS typed ORDER BY typed }]) AS links }
     RETURN entities, links`,
    'READ',
    { ids: [...ids].sort() },
  );
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

/** JSON with object keys and label lists sorted: the order Neo4j returns properties in is not part of the graph. */
export function canonicalJson(value: unknown): string {
  const sorted = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sorted);
    if (item && typeof item === 'object')
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, sorted((item as Record<string, unknown>)[key])]),
      );
    return item;
  };
  return JSON.stringify(sorted(value));
}

/**
 * Import bookkeeping that says when or from which copy an element was written, not what the graph holds: the
 * clock's createdAt and updatedAt, and bundleModified (the newest modified of the bundle a kept version came
 * from, which differs with the order two releases arrive in when their copies are the same).
 */
const writeBookkeeping = new Set(['createdAt', 'updatedAt', 'bundleModified']);

export interface GraphSnapshot {
  entities: number;
  relationships: number;
  sources: number;
  markings: number;
  /** Every node and link with its labels or type, ends and properties (but the write bookkeeping), sorted. */
  lines: string[];
  hash: string;
}

/**
 * The whole database as one comparable value, for "the same graph" on a graph of the test's own. The graph revision
 * (one GraphChange node per committed write, cypher/README.md#algorithm) is bookkeeping, not content: two equal graphs reached by
 * different numbers of writes are the same graph.
 */
export async function graphSnapshot(graph: Graph): Promise<GraphSnapshot> {
  const [row] = await graph.runText(
    `CALL { MATCH (n) WHERE NOT n:GraphChange RETURN collect([labels(n), properties(n)]) AS nodes }
     CALL { MATCH (a)-[r]->(b) RETURN collect([type(r), a.id, b.id, properties(r)]) AS links }
     RETURN nodes, links`,
    'READ',
  );
  const clean = (properties: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(properties)
        .filter(([key]) => !writeBookkeeping.has(key))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  const nodes = (row.nodes as [string[], Record<string, unknown>][]).map(([labels, properties]) =>
    JSON.stringify([[...labels].sort(), clean(properties)]),
  );
  const links = (row.links as [string, string, string, Record<string, unknown>][]).map(([type, from, to, properties]) =>
    JSON.stringify([type, from, to, clean(properties)]),
  );
  const count = (label: string) => (row.nodes as [string[]][]).filter(([labels]) => labels.includes(label)).length;
  const lines = [...nodes.sort(), ...links.sort()];
  return {
    entities: count('Entity'),
    relationships: links.length,
    sources: count('Source'),
    markings: count('Marking'),
    lines,
    hash: createHash('sha256').update(lines.join('\n')).digest('hex'),
  };
}
