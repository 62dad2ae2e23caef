import DataLoader from 'dataloader';
import type { Graph, ReadTransaction } from '../graph/run.js';
import type { RowOf } from '../graph/statements.js';
import { isPresent, RecordBuilder, type EntityLink } from './graph-records.js';
import { findEntitiesByIds } from './list-entities.js';
import type { EntityRecord, RelationshipRecord } from './types.js';

/**
 * The entity, or null when no entity has that id. Its links are not read here: a state can have thousands,
 * and only kind-specific fields need them (they go through the links loader below, for the kinds that have
 * such fields).
 */
export async function findEntity(graph: Graph, id: string): Promise<EntityRecord | null> {
  return (await findEntitiesByIds(graph, [id]))[0] ?? null;
}

/** The relationship with its ends, or null when no relationship has that id. */
export async function findRelationship(graph: Graph, id: string): Promise<RelationshipRecord | null> {
  return relationshipOf((await graph.read('graph/find-relationship', { id }))[0]);
}

/** The relationship as a transaction sees it (one that writes sees its own changes), or null. */
export async function findRelationshipIn(tx: ReadTransaction, id: string): Promise<RelationshipRecord | null> {
  return relationshipOf((await tx.run('graph/find-relationship', { id }))[0]);
}

function relationshipOf(row: RowOf<'graph/find-relationship'> | undefined): RelationshipRecord | null {
  if (!row || !isPresent(row.rel) || !isPresent(row.from) || !isPresent(row.to)) return null;
  const builder = new RecordBuilder(row.sources, row.disputing);
  builder.entity(row.from);
  builder.entity(row.to);
  return builder.relationship(row.rel);
}

/**
 * Per-request loader of the links around entities, for kind-specific fields (a claim's author, a sanction's
 * targets, an incident's hypotheses): all entities asked for in one request share one round trip.
 */
export function createLinksLoader(graph: Graph): DataLoader<string, EntityLink[]> {
  return new DataLoader<string, EntityLink[]>(async (ids) => {
    const rows = await graph.read('graph/find-entity-links', { ids: [...ids] });
    const byId = new Map<string, EntityLink[]>();
    for (const row of rows) {
      if (!isPresent(row.entity)) continue;
      const builder = new RecordBuilder(row.sources, row.disputing);
      const entity = builder.entity(row.entity);
      byId.set(entity.id, builder.links(row.links));
    }
    return ids.map((id) => byId.get(id) ?? []);
  });
}
