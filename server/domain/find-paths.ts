import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Graph, ReadTransaction } from '../graph/run.js';
import { isPresent, RecordBuilder } from './graph-records.js';
import { searchPaths, type ExpandedLinks } from './path-search.js';
import { linkWeight, type Key, type RankedPath } from './rank-paths.js';
import { checkRange, toFilterParams, type FilterParams } from './relationship-filter.js';
import type { PathRecord, RelationshipFilterInput, RelationshipRecord } from './types.js';

/**
 * maxLinksRead bounds a search's work on dense graphs (about 100 ms of reading on a 2-core machine);
 * batchSize trades round trips against expanding entities further than needed.
 */
export const pathLimits = { maxHops: 8, maxLimit: 20, maxLinksRead: 12_000, batchSize: 48 };

/**
 * Ranked simple paths between two entities: a bidirectional best-first search (server/domain/path-search.ts)
 * reads the graph a batch of entities per round trip, all in one read transaction, then one more read
 * fetches the chosen paths' entities, links and sources.
 */
export async function findRankedPaths(graph: Graph, from: string, to: string, options: PathOptions): Promise<PathRecord[]> {
  const filter = checkPathArguments(from, to, options);
  return graph.readTransaction((tx) => rankedPathsIn(tx, from, to, options, filter));
}

export interface PathOptions {
  maxHops: number;
  limit: number;
  filter?: RelationshipFilterInput | null;
}

/** The same search inside a caller's read transaction (the benchmark's raw side runs it over a plain driver). */
export async function findRankedPathsIn(tx: ReadTransaction, from: string, to: string, options: PathOptions): Promise<PathRecord[]> {
  return rankedPathsIn(tx, from, to, options, checkPathArguments(from, to, options));
}

function checkPathArguments(from: string, to: string, options: PathOptions): FilterParams {
  checkRange(options.maxHops, 'maxHops', 1, pathLimits.maxHops);
  checkRange(options.limit, 'limit', 1, pathLimits.maxLimit);
  if (from === to) throw new BadUserInputError('from and to must be different entities.');
  return toFilterParams(options.filter, ['ASSERTED', 'CLAIMED', 'SUSPECTED']);
}

/** The search's keys here are Neo4j's internal ids, numbers (path-search.ts runs on string-keyed test graphs too). */
function internalIds(keys: readonly Key[]): number[] {
  return keys.filter((key): key is number => typeof key === 'number');
}

/**
 * When the read budget ran out before `limit` paths were found, Neo4j's own breadth-first search adds the
 * paths with the fewest links, so that an empty answer always means there is no path within maxHops.
 */
async function withFewestHopPaths(
  tx: ReadTransaction,
  ranked: RankedPath[],
  from: number,
  to: number,
  options: { maxHops: number; limit: number },
  filter: FilterParams,
): Promise<RankedPath[]> {
  const rows = await tx.run('graph/find-fewest-hop-paths', { from, to, limit: options.limit, ...filter }, { maxHops: options.maxHops });
  const known = new Set(ranked.map((path) => path.edges.join('|')));
  const extra = rows
    .map((row): RankedPath => ({
      nodes: row.nodes,
      edges: row.rels,
      weight: row.confidences.reduce((sum, confidence) => sum + (linkWeight(confidence) ?? Infinity), 0),
    }))
    .filter((path) => !known.has(path.edges.join('|')));
  return [...ranked, ...extra].sort((a, b) => a.weight - b.weight).slice(0, options.limit);
}

async function rankedPathsIn(
  tx: ReadTransaction,
  from: string,
  to: string,
  options: { maxHops: number; limit: number },
  filter: FilterParams,
): Promise<PathRecord[]> {
  // Internal ids stay numbers throughout the search: number-keyed maps, no strings built per link.
  const ends = new Map((await tx.run('graph/find-path-ends', { ids: [from, to] })).map((row) => [row.id, row.node]));
  const missing = [from, to].filter((id) => !ends.has(id));
  if (missing.length > 0) throw new NotFoundError(`No entity with id ${missing.map((id) => `"${id}"`).join(', ')}.`);

  const expand = async (nodes: Key[]) => {
    const rows = await tx.run('graph/expand-for-paths', { nodes: internalIds(nodes), ...filter });
    return new Map(
      rows.map((row): [Key, ExpandedLinks] => [row.node, { ids: row.rels, others: row.others, confidences: row.confidences }]),
    );
  };
  const search = await searchPaths(ends.get(from)!, ends.get(to)!, expand, {
    maxHops: options.maxHops,
    limit: options.limit,
    maxLinksRead: pathLimits.maxLinksRead,
    batchSize: pathLimits.batchSize,
  });
  const paths =
    search.exhaustive || search.paths.length >= options.limit
      ? search.paths
      : await withFewestHopPaths(tx, search.paths, ends.get(from)!, ends.get(to)!, options, filter);
  if (paths.length === 0) return [];

  const [row] = await tx.run('graph/find-path-links', { links: internalIds([...new Set(paths.flatMap((path) => path.edges))]) });
  const builder = new RecordBuilder(row?.sources, row?.disputing);
  builder.entityList(row?.entities);
  const rels = row?.rels ?? [];
  const byId = new Map(builder.relationshipList(rels).map((record) => [record.id, record]));
  const byInternalId = new Map<Key, RelationshipRecord | undefined>(
    rels.filter(isPresent).map((rel) => [rel.internalId, byId.get(rel.id)]),
  );
  return paths.flatMap((ranked): PathRecord[] => {
    const present = ranked.edges.map((edge) => byInternalId.get(edge)).filter((link): link is RelationshipRecord => link !== undefined);
    // A link deleted between the search and this read leaves its path out rather than half-drawn.
    if (present.length < ranked.edges.length) return [];
    const entities = [from];
    for (const link of present) entities.push(link.from.id === entities[entities.length - 1] ? link.to.id : link.from.id);
    const weakestLink = present.reduce<RelationshipRecord | null>(
      (weakest, link) => (!weakest || link.confidence < weakest.confidence ? link : weakest),
      null,
    );
    return [
      {
        entities: entities.map((id) => builder.known(id)!),
        relationships: present,
        hops: present.length,
        score: present.reduce((product, link) => product * (link.confidence / 100), 1),
        weakestLink,
        exhaustive: search.exhaustive,
      },
    ];
  });
}
