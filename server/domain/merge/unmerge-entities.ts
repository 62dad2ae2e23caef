import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { recordAuditEvents, snapshot } from '../audit.js';
import { findEntitiesByIds } from '../list-entities.js';
import { isEntityKind, isRelationshipType, kindLabels } from '../model.js';
import type { EntityRecord } from '../types.js';

/**
 * Undoes a merge or a deletion exactly: every entity, property, label and link as it was before, whatever else
 * changed in the graph meanwhile. A later merge into the same survivor must be undone first. Audited.
 */
async function undoArchive(graph: Graph, id: string, reason: string, actor: string, expected: 'MERGE' | 'DELETE'): Promise<EntityRecord[]> {
  if (!reason.trim()) throw new BadUserInputError('reason must not be empty.');
  const restored = await graph.writeTransaction(async (tx) => {
    const [found] = await tx.run('merge/find-merge', { id });
    if (!found || found.merge.kind !== expected)
      throw new NotFoundError(`No ${expected === 'MERGE' ? 'merge' : 'deletion'} with id "${id}".`);
    const { merge } = found;
    if (merge.status !== 'ACTIVE') throw new BadUserInputError(`${id} was already undone (by ${merge.undoneBy} at ${merge.undoneAt}).`);
    if (found.laterMerges.length > 0)
      throw new BadUserInputError(
        `Undo the later merge${found.laterMerges.length > 1 ? 's' : ''} into ${merge.keep} first: ${found.laterMerges.join(', ')}.`,
      );
    if (merge.keep && !found.survivorPresent)
      throw new BadUserInputError(`${merge.keep} was itself merged or deleted since; undo that first.`);
    const typed = (role: string) =>
      found.archives
        .filter((archive) => archive.role === role)
        .map((archive) => {
          if (!isRelationshipType(archive.type ?? '')) throw new Error(`archived relationship of unknown type ${archive.type}`);
          return archive;
        });
    const deleted = typed('DELETED');
    const created = merge.createdRelationshipIds.map((relId) => {
      const archive = deleted.find((candidate) => candidate.id === relId)!;
      const end = (endId: string) => (merge.merged.includes(endId) ? merge.keep! : endId);
      return { id: relId, type: archive.type!, from: end(archive.from!), to: end(archive.to!) };
    });
    const entities = found.entities.map((entity) => {
      if (!isEntityKind(entity.kind)) throw new Error(`archived entity of unknown kind ${entity.kind}`);
      return { id: entity.id, label: kindLabels[entity.kind] };
    });
    const [before] = merge.keep
      ? await tx.run('audit/find-current', { entityIds: [merge.keep], relationshipIds: [], noteIds: [] })
      : [{ entities: [] }];
    await tx.run('merge/restore-merge', {
      id,
      created,
      entities,
      deleted: deleted.map((archive) => ({ key: archive.key, type: archive.type! })),
      changed: typed('CHANGED').map((archive) => ({ key: archive.key, type: archive.type! })),
      actor,
      at: new Date().toISOString(),
    });
    const action = expected === 'MERGE' ? ('UNMERGE' as const) : ('RESTORE' as const);
    await recordAuditEvents(tx, [
      ...(merge.keep
        ? [
            {
              actor,
              action,
              subjectId: merge.keep,
              subjectType: 'ENTITY' as const,
              reason,
              before: snapshot(before.entities[0]),
              after: snapshot({ undone: id }),
            },
          ]
        : []),
      ...merge.merged.map((entityId) => ({
        actor,
        action,
        subjectId: entityId,
        subjectType: 'ENTITY' as const,
        reason,
        before: null,
        after: snapshot({ undone: id }),
      })),
    ]);
    return [...(merge.keep ? [merge.keep] : []), ...merge.merged];
  });
  return findEntitiesByIds(graph, restored);
}

/** Undoes a merge: the survivor and every merged entity back as they were. */
export function unmergeEntities(graph: Graph, mergeId: string, reason: string, actor: string): Promise<EntityRecord[]> {
  return undoArchive(graph, mergeId, reason, actor, 'MERGE');
}

/** Brings back a deleted entity with its links, exactly as it was. */
export async function restoreEntity(graph: Graph, deletionId: string, reason: string, actor: string): Promise<EntityRecord> {
  const [entity] = await undoArchive(graph, deletionId, reason, actor, 'DELETE');
  return entity;
}
