import type DataLoader from 'dataloader';
import type { Viewer } from './auth.js';
import type { Graph } from './graph/run.js';
import type { Logger } from './logger.js';
import { createLinksLoader } from './domain/find-entity.js';
import type { EntityLink } from './domain/graph-records.js';
import { createNotesLoader, type NoteRecord } from './domain/notes/notes.js';
import { createMarkingsLoader } from './domain/stix-info.js';
import type { MarkingMap } from './graph/statements.js';
import { createSourcesLoader } from './domain/sources/find-sources.js';
import type { SourceDocument } from './domain/types.js';
import type { HeavyWork, RunHeavy } from './work/heavy-work.js';

/**
 * What every resolver receives: the graph executor, who is asking, a logger, per-request loaders, and the
 * ways to run heavy work: `heavy` within the asking client's budget, `exportFile` and `findPaths` in worker threads.
 */
export interface RequestContext {
  graph: Graph;
  logger: Logger;
  viewer: Viewer;
  links: DataLoader<string, EntityLink[]>;
  markings: DataLoader<string, MarkingMap | null>;
  sources: DataLoader<string, SourceDocument | null>;
  notes: DataLoader<string, NoteRecord[]>;
  heavy: RunHeavy;
  exportFile: HeavyWork['exportFile'];
  findPaths: HeavyWork['findPaths'];
}

export function createRequestContext(
  graph: Graph,
  logger: Logger,
  viewer: Viewer,
  work: Pick<RequestContext, 'heavy' | 'exportFile' | 'findPaths'>,
): RequestContext {
  return {
    graph,
    logger,
    viewer,
    links: createLinksLoader(graph),
    markings: createMarkingsLoader(graph),
    sources: createSourcesLoader(graph),
    notes: createNotesLoader(graph),
    ...work,
  };
}
