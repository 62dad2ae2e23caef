import DataLoader from 'dataloader';
import type { Graph } from '../../graph/run.js';
import { toSourceDocument } from '../graph-records.js';
import type { SourceDocument } from '../types.js';

/** Sources by id, in the order asked; unknown ids are left out. */
export async function findSourcesByIds(graph: Graph, ids: readonly string[]): Promise<SourceDocument[]> {
  if (ids.length === 0) return [];
  const byId = new Map(
    (await graph.read('graph/find-sources', { ids: [...ids] })).map((row) => [row.source.id, toSourceDocument(row.source)]),
  );
  return ids.map((id) => byId.get(id)).filter((source): source is SourceDocument => Boolean(source));
}

/** Per-request loader of sources by id (Source.derivedFrom): every source asked for in one request shares one read. */
export function createSourcesLoader(graph: Graph): DataLoader<string, SourceDocument | null> {
  return new DataLoader<string, SourceDocument | null>(async (ids) => {
    const byId = new Map((await findSourcesByIds(graph, ids)).map((source) => [source.id, source]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
