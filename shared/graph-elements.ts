/**
 * GraphQL results -> Cytoscape element definitions. Pure: no cy instance, so it is unit-tested
 * headless. Node and edge ids are the entities' and relationships' stable ids, which is what lets
 * saved views, URLs and automation (`window.cy.$id(...)`) find them again.
 */
import type { ElementDefinition } from 'cytoscape';
import { highestTlp, type TlpLevel } from './markings.js';
import { relationshipLabel } from './vocabulary.js';

/** Markings as GraphQL gives them (objects with an id) or as records hold them (ids). */
type MarkingsInput = readonly ({ id: string } | string)[] | null | undefined;

export interface EntityInput {
  id: string;
  kind: string;
  name: string;
  aliases?: readonly string[] | null;
  date?: string | null;
  /** Knowledge time (YYYY-MM-DD), null when undated. */
  knownSince?: string | null;
  markings?: MarkingsInput;
  revoked?: boolean | null;
  deprecated?: boolean | null;
}

export interface RelationshipInput {
  id: string;
  type: string;
  stance: string;
  /** Null when the source states none. */
  confidence: number | null;
  since?: string | null;
  until?: string | null;
  knownSince?: string | null;
  from: { id: string };
  to: { id: string };
  markings?: MarkingsInput;
  revoked?: boolean | null;
  deprecated?: boolean | null;
}

/** The most restricted TLP level among an element's markings (for its badge), or null. */
export function tlpOf(markings: MarkingsInput): TlpLevel | null {
  return highestTlp((markings ?? []).map((marking) => (typeof marking === 'string' ? marking : marking.id)));
}

export interface SubgraphInput {
  entities: readonly EntityInput[];
  relationships: readonly RelationshipInput[];
}

export interface NodeData {
  id: string;
  kind: string;
  label: string;
  name: string;
  aliases: string[];
  date: string | null;
  /** Knowledge time: when it became known (YYYY-MM-DD); null when undated. */
  knownSince: string | null;
  /** The TLP badge: the most restricted TLP level of its markings. */
  tlp: TlpLevel | null;
  /** Revoked or deprecated by its producer (shown only when asked for, with a badge). */
  retired: boolean;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: string;
  stance: string;
  confidence: number | null;
  since: string | null;
  until: string | null;
  knownSince: string | null;
  label: string;
  tlp: TlpLevel | null;
  retired: boolean;
}

// Very long names wreck a dense canvas: the label wraps to at most about four lines under the node, and the full
// name stays in `name` (shown on hover, in the hover card and the evidence panel).
export const maxLabelLength = 64;

export function nodeLabel(name: string): string {
  return name.length > maxLabelLength ? `${name.slice(0, maxLabelLength - 1).trimEnd()}…` : name;
}

export function entityToNode(entity: EntityInput): ElementDefinition & { data: NodeData } {
  return {
    group: 'nodes',
    data: {
      id: entity.id,
      kind: entity.kind,
      label: nodeLabel(entity.name),
      name: entity.name,
      aliases: [...(entity.aliases ?? [])],
      date: entity.date ?? null,
      knownSince: entity.knownSince ?? null,
      tlp: tlpOf(entity.markings),
      retired: Boolean(entity.revoked || entity.deprecated),
    },
  };
}

export function relationshipToEdge(rel: RelationshipInput): ElementDefinition & { data: EdgeData } {
  return {
    group: 'edges',
    data: {
      id: rel.id,
      source: rel.from.id,
      target: rel.to.id,
      type: rel.type,
      stance: rel.stance,
      confidence: rel.confidence,
      since: rel.since ?? null,
      until: rel.until ?? null,
      knownSince: rel.knownSince ?? null,
      label: relationshipLabel(rel.type),
      tlp: tlpOf(rel.markings),
      retired: Boolean(rel.revoked || rel.deprecated),
    },
  };
}

/**
 * Nodes first, then edges whose two ends exist either in this result or already on the canvas
 * (`presentIds`): Cytoscape refuses an edge to a missing node, and a dangling link means nothing.
 * Duplicates within the result are dropped.
 */
export function subgraphToElements(subgraph: SubgraphInput, presentIds: ReadonlySet<string> = new Set()): ElementDefinition[] {
  const nodes = new Map<string, ElementDefinition>();
  for (const entity of subgraph.entities) if (!nodes.has(entity.id)) nodes.set(entity.id, entityToNode(entity));
  const edges = new Map<string, ElementDefinition>();
  const exists = (id: string) => nodes.has(id) || presentIds.has(id);
  for (const rel of subgraph.relationships) {
    if (edges.has(rel.id) || !exists(rel.from.id) || !exists(rel.to.id)) continue;
    edges.set(rel.id, relationshipToEdge(rel));
  }
  return [...nodes.values(), ...edges.values()];
}

/** Every element id of a path (its entities and its links), for highlighting it with class `path`. */
export function pathElementIds(path: SubgraphInput): string[] {
  return [...path.entities.map((e) => e.id), ...path.relationships.map((r) => r.id)];
}

/** Merges several results (e.g. ranked paths) into one, keeping the first copy of each id. */
export function mergeSubgraphs(parts: readonly SubgraphInput[]): SubgraphInput {
  const entities = new Map<string, EntityInput>();
  const relationships = new Map<string, RelationshipInput>();
  for (const part of parts) {
    for (const e of part.entities) if (!entities.has(e.id)) entities.set(e.id, e);
    for (const r of part.relationships) if (!relationships.has(r.id)) relationships.set(r.id, r);
  }
  return { entities: [...entities.values()], relationships: [...relationships.values()] };
}
