import type { Graph, ReadTransaction } from '../../graph/run.js';
import { findEntitiesByIds, findEntitiesIn } from '../list-entities.js';
import type { EntityRecord } from '../types.js';

/** Merges of merges are followed this far; a longer chain means a cycle, which merges cannot make. */
const maxChain = 20;

/**
 * Where each id lives now: itself, or the entity it was merged into (following merges of merges). Ids deleted or
 * unknown are left out.
 */
export async function resolveMergedIds(tx: ReadTransaction, ids: readonly string[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>(ids.map((id) => [id, id]));
  let pending = [...new Set(ids)];
  for (let step = 0; step < maxChain && pending.length > 0; step += 1) {
    const rows = await tx.run('merge/resolve-merged-ids', { ids: pending });
    const next = new Map(rows.map((row) => [row.id, row.mergedInto]));
    for (const [original, current] of resolved) {
      if (!next.has(current)) continue;
      const into = next.get(current);
      if (into) resolved.set(original, into);
      else resolved.delete(original);
    }
    pending = [...new Set(rows.flatMap((row) => (row.mergedInto ? [row.mergedInto] : [])))];
  }
  return resolved;
}

/** The entity with this id, or the one it was merged into; null when there is none (unknown or deleted). */
export async function findEntityResolvingMerges(graph: Graph, id: string): Promise<EntityRecord | null> {
  const [direct] = await findEntitiesByIds(graph, [id]);
  if (direct) return direct;
  return graph.readTransaction(async (tx) => {
    const survivor = (await resolveMergedIds(tx, [id])).get(id);
    return survivor && survivor !== id ? ((await findEntitiesIn(tx, [survivor]))[0] ?? null) : null;
  });
}
