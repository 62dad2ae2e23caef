import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Graph } from '../graph/run.js';
import { RecordBuilder, type RawMap } from './graph-records.js';
import { kBestPaths } from './rank-paths.js';
import { checkRange, toFilterParams } from './relationship-filter.js';
import type { PathRecord, RelationshipFilterInput, RelationshipRecord } from './types.js';

export const pathLimits = { maxHops: 8, maxLimit: 20, sideCap: 5_000 };

/**
 * Ranked simple paths between two entities: fetch the corridor (everything within half the hops of either
 * end, filtered) in one round trip, then rank the k best paths by evidence in memory.
 */
export async function findRankedPaths(
  graph: Graph,
  from: string,
  to: string,
  options: { maxHops: number; limit: number; filter?: RelationshipFilterInput | null },
): Promise<PathRecord[]> {
  checkRange(options.maxHops, 'maxHops', 1, pathLimits.maxHops);
  checkRange(options.limit, 'limit', 1, pathLimits.maxLimit);
  if (from === to) throw new BadUserInputError('from and to must be different entities.');
  const filter = toFilterParams(options.filter, ['ASSERTED', 'CLAIMED', 'SUSPECTED']);
  const fromDepth = Math.ceil(options.maxHops / 2);
  const toDepth = options.maxHops - fromDepth;
  const [row] = await graph.read('graph/find-path-corridor', { from, to, sideCap: pathLimits.sideCap, ...filter }, { fromDepth, toDepth });
  if (!row) {
    const [found] = await graph.read('graph/find-entities', { ids: [from, to] });
    const present = new Set((found.entities as RawMap[]).map((entity) => String(entity.id)));
    const missing = [from, to].filter((id) => !present.has(id));
    throw new NotFoundError(`No entity with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
  }
  const builder = new RecordBuilder(row.sources, row.disputing);
  builder.entityList(row.entities);
  const relationships = new Map<string, RelationshipRecord>();
  for (const record of builder.relationshipList(row.rels)) relationships.set(record.id, record);
  const edges = [...relationships.values()].map((record) => ({ id: record.id, a: record.from.id, b: record.to.id, confidence: record.confidence }));
  return kBestPaths(edges, from, to, options.maxHops, options.limit).map((ranked) => {
    const links = ranked.edges.map((id) => relationships.get(id)!);
    const weakestLink = links.reduce<RelationshipRecord | null>((weakest, link) => (!weakest || link.confidence < weakest.confidence ? link : weakest), null);
    return {
      entities: ranked.nodes.map((id) => builder.known(id)!),
      relationships: links,
      hops: links.length,
      score: links.reduce((product, link) => product * (link.confidence / 100), 1),
      weakestLink,
    };
  });
}
