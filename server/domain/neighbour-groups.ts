import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Graph } from '../graph/run.js';
import { RecordBuilder } from './graph-records.js';
import { toIdSet } from './id-set.js';
import { isEntityKind, isRelationshipType, type EntityKindName } from './model.js';
import { checkRange, resolveFilterParams } from './relationship-filter.js';
import type { EntityRecord, RelationshipFilterInput, RelationshipRecord } from './types.js';

/** The filter with its what-if (excluded sources and origins) resolved, as every statement that filters links takes it. */
const filterParams = (graph: Graph, filter: RelationshipFilterInput | null | undefined) =>
  resolveFilterParams(filter, null, () => graph.read('graph/find-source-origins', {}));

export const neighbourPageLimits = { maxLimit: 500 } as const;

export interface NeighbourGroupRecord {
  type: string;
  direction: 'OUT' | 'IN';
  kind: EntityKindName;
  count: number;
  maxConfidence: number;
  latest: string | null;
}

/**
 * An entity's neighbours grouped by relationship type, direction and kind (what a hub's group nodes show),
 * leaving out `exclude` (what the canvas already draws), largest group first.
 */
export async function countNeighbourGroups(
  graph: Graph,
  id: string,
  filter: RelationshipFilterInput | null | undefined,
  exclude: readonly string[] | null | undefined,
): Promise<NeighbourGroupRecord[]> {
  const [row] = await graph.read('graph/count-neighbour-groups', {
    id,
    exclude: toIdSet(exclude, 'exclude'),
    ...(await filterParams(graph, filter)),
  });
  if (!row) throw new NotFoundError(`No entity with id "${id}".`);
  return row.groups.map((group) => ({ ...group, maxConfidence: group.maxConfidence ?? 0 }));
}

export interface NeighbourPageRequest {
  id: string;
  type: string;
  direction: string;
  kind: string;
  filter?: RelationshipFilterInput | null;
  exclude?: readonly string[] | null;
  order: 'STRONGEST' | 'NEWEST';
  limit: number;
}

export interface NeighbourPageRecord {
  entities: EntityRecord[];
  relationships: RelationshipRecord[];
  /** Neighbours in the group, the excluded ones left out. */
  total: number;
  /** Of those, how many this page leaves out: the next pages. */
  remaining: number;
}

/**
 * One page of a neighbour group: the next `limit` neighbours not excluded, strongest or newest first, with every
 * link of the group between them and the entity (the entity itself comes along, so the links resolve).
 */
export async function findNeighbourPage(graph: Graph, request: NeighbourPageRequest): Promise<NeighbourPageRecord> {
  if (!isRelationshipType(request.type)) throw new BadUserInputError(`Unknown relationship type "${request.type}".`);
  if (request.direction !== 'OUT' && request.direction !== 'IN') throw new BadUserInputError('direction must be OUT or IN.');
  if (!isEntityKind(request.kind)) throw new BadUserInputError(`Unknown entity kind "${request.kind}".`);
  checkRange(request.limit, 'limit', 1, neighbourPageLimits.maxLimit);
  const [row] = await graph.read('graph/find-neighbour-page', {
    id: request.id,
    type: request.type,
    direction: request.direction,
    kind: request.kind,
    exclude: toIdSet(request.exclude, 'exclude'),
    order: request.order,
    limit: request.limit,
    ...(await filterParams(graph, request.filter)),
  });
  if (!row) throw new NotFoundError(`No entity with id "${request.id}".`);
  const builder = new RecordBuilder();
  builder.entityList([row.self]);
  const entities = builder.entityList(row.entities);
  return {
    entities,
    relationships: builder.relationshipList(row.rels.flat()),
    total: row.total,
    remaining: Math.max(0, row.total - entities.length),
  };
}
