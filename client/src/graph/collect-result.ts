/**
 * Finds the entities and relationships anywhere in an arbitrary GraphQL result, so the console
 * can draw whatever query the analyst wrote. An object counts as an entity when it has `id`,
 * `kind` and `name`, and as a relationship when it has `id`, `type` and `from`/`to` with ids.
 */
import type { EntityInput, RelationshipInput, SubgraphInput } from '../../../shared/graph-elements';

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: Json): value is string => typeof value === 'string';
const endpointId = (value: Json): string | null => (isObject(value) && isString(value.id) ? value.id : null);

function asEntity(value: Record<string, Json>): EntityInput | null {
  if (!isString(value.id) || !isString(value.kind) || !isString(value.name)) return null;
  return {
    id: value.id,
    kind: value.kind,
    name: value.name,
    aliases: Array.isArray(value.aliases) ? value.aliases.filter(isString) : [],
    date: isString(value.date) ? value.date : null,
    knownSince: isString(value.knownSince) ? value.knownSince : null,
  };
}

function asRelationship(value: Record<string, Json>): RelationshipInput | null {
  const from = endpointId(value.from);
  const to = endpointId(value.to);
  if (!isString(value.id) || !isString(value.type) || !from || !to) return null;
  return {
    id: value.id,
    type: value.type,
    // Queries typed by hand often skip these; the defaults draw a plain, mid-width line.
    stance: isString(value.stance) ? value.stance : 'ASSERTED',
    confidence: typeof value.confidence === 'number' ? value.confidence : 50,
    since: isString(value.since) ? value.since : null,
    until: isString(value.until) ? value.until : null,
    knownSince: isString(value.knownSince) ? value.knownSince : null,
    from: { id: from },
    to: { id: to },
  };
}

export function collectGraph(result: Json): SubgraphInput {
  const entities = new Map<string, EntityInput>();
  const relationships = new Map<string, RelationshipInput>();
  const visit = (value: Json, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    const entity = asEntity(value);
    if (entity && !entities.has(entity.id)) entities.set(entity.id, entity);
    const relationship = asRelationship(value);
    if (relationship && !relationships.has(relationship.id)) relationships.set(relationship.id, relationship);
    for (const child of Object.values(value)) visit(child, depth + 1);
  };
  visit(result, 0);
  return { entities: [...entities.values()], relationships: [...relationships.values()] };
}

export const hasGraph = (graph: SubgraphInput): boolean => graph.entities.length + graph.relationships.length > 0;
