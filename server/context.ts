import type DataLoader from 'dataloader';
import type { Graph } from './graph/run.js';
import type { Logger } from './logger.js';
import { createLinksLoader } from './domain/find-entity.js';
import type { EntityLink } from './domain/graph-records.js';

/** What every resolver receives: the graph executor, a logger, and per-request loaders. */
export interface RequestContext {
  graph: Graph;
  logger: Logger;
  links: DataLoader<string, EntityLink[]>;
}

export function createRequestContext(graph: Graph, logger: Logger): RequestContext {
  return { graph, logger, links: createLinksLoader(graph) };
}
