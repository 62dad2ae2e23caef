import { BadUserInputError } from '../errors.js';
import type { Graph } from '../graph/run.js';
import { RecordBuilder } from './graph-records.js';
import { kindsHiddenByDefault, withKindFamilies, type EntityKindName } from './model.js';
import { checkRange } from './relationship-filter.js';
import type { EntityRecord } from './types.js';

/** Entities by id, in the order asked; unknown ids are left out. */
export async function findEntitiesByIds(graph: Graph, ids: string[]): Promise<EntityRecord[]> {
  if (ids.length > 1_000) throw new BadUserInputError('ids may name at most 1000 entities.');
  if (ids.length === 0) return [];
  const [row] = await graph.read('graph/find-entities', { ids });
  const builder = new RecordBuilder(row.sources);
  const byId = new Map(builder.entityList(row.entities).map((entity) => [entity.id, entity]));
  return ids.map((id) => byId.get(id)).filter((entity): entity is EntityRecord => Boolean(entity));
}

/**
 * The most connected entities: a starting point for any graph, whatever its names. Revoked, deprecated and
 * hidden-by-default kinds (generic STIX objects) are left out unless `kinds` names them.
 */
export async function findMostConnected(graph: Graph, limit: number, kinds: EntityKindName[] | null | undefined): Promise<EntityRecord[]> {
  checkRange(limit, 'limit', 1, 200);
  const [row] = await graph.read('graph/find-most-connected', {
    limit,
    kinds: kinds && kinds.length > 0 ? withKindFamilies(kinds) : null,
    hiddenKinds: kindsHiddenByDefault,
  });
  const builder = new RecordBuilder(row.sources);
  return builder.entityList(row.entities);
}
