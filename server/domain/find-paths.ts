import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Graph, ReadTransaction } from '../graph/run.js';
import type { PathExpansionSlots, PathLinkParams } from '../graph/statements.js';
import { unstatedConfidenceWeight } from './confidence.js';
import {
  defaultCredibility,
  isRelationshipType,
  reliabilityGrades,
  relationshipTypes,
  type RelationshipTypeName,
  type StanceName,
} from './model.js';
import { searchPaths, type CandidatePath, type ExpandedNode, type FallbackPath } from './path-search.js';
import { maxReliabilityWeight } from './paths/evidence-support.js';
import { PathEvaluator, type EvidenceReader, type LinkEvidence, type NodeFacts } from './paths/evaluate-paths.js';
import { decodeLink, stanceCodes, typeCodes } from './paths/link-codes.js';
import { buildPathRecords } from './paths/path-records.js';
import { expandFromProjection, projectionAnswers, type LinkProjectionData } from './paths/link-projection.js';
import { profiles, withTypeWeights, type PathProfileDefinition } from './paths/profiles.js';
import { stepModel } from './paths/step-bounds.js';
import type { Key } from './rank-paths.js';
import { checkRange, resolveFilterParams, type FilterParams } from './relationship-filter.js';
import { toSourceDocument } from './graph-records.js';
import type { PathRecord, RelationshipFilterInput, SourceDocument } from './types.js';
import { sourcesKnownBy, type KnowledgeClock } from './knowledge-time.js';
import type { PathProfileName } from '../../shared/vocabulary.js';

/**
 * maxLinksRead bounds a search's work on dense graphs (about 100 ms of reading on a 2-core machine);
 * batchSize trades round trips against expanding entities further than needed; maxCandidates bounds the
 * candidate paths scored exactly (each a few Dijkstra runs and a share of one evidence read).
 */
export const pathLimits = {
  maxHops: 8,
  maxLimit: 20,
  maxLinksRead: 12_000,
  batchSize: 48,
  maxCandidates: 300,
  evaluationBatch: 24,
  maxVariantPaths: 5,
};

export interface PathOptions {
  maxHops: number;
  limit: number;
  filter?: RelationshipFilterInput | null;
  profile?: PathProfileName | null;
  typeWeights?: { type: string; weight: number }[] | null;
  maxOverlap?: number | null;
}

/** Paths leave DENIED links out unless the filter names them: a denial is evidence against the connection. */
export const defaultPathStances: readonly StanceName[] = ['ASSERTED', 'CLAIMED', 'SUSPECTED'];

/** The relationship types a profile follows: those with a weight above 0 in either direction. */
export function followedTypes(profile: PathProfileDefinition): RelationshipTypeName[] {
  return relationshipTypes.filter((type) => profile.types[type].weight > 0 || (profile.types[type].backward ?? 0) > 0);
}

/**
 * Ranked simple paths between two entities: a bidirectional best-first search (server/domain/path-search.ts)
 * reads the graph a batch of entities per round trip and scores candidate paths on their evidence
 * (paths/evaluate-paths.ts), all in one read transaction; one more read fetches the chosen paths' entities,
 * links and sources.
 */
export async function findRankedPaths(
  graph: Graph,
  from: string,
  to: string,
  options: PathOptions,
  projection: LinkProjectionData | null = null,
): Promise<PathRecord[]> {
  const request = checkPathArguments(from, to, options);
  return graph.readTransaction((tx) => rankedPathsIn(tx, from, to, options, request, projection));
}

/** The same search inside a caller's read transaction (the benchmark's raw side runs it over a plain driver). */
export async function findRankedPathsIn(tx: ReadTransaction, from: string, to: string, options: PathOptions): Promise<PathRecord[]> {
  return rankedPathsIn(tx, from, to, options, checkPathArguments(from, to, options));
}

interface PathRequest {
  profile: PathProfileDefinition;
  maxOverlap: number;
}

function checkPathArguments(from: string, to: string, options: PathOptions): PathRequest {
  checkRange(options.maxHops, 'maxHops', 1, pathLimits.maxHops);
  checkRange(options.limit, 'limit', 1, pathLimits.maxLimit);
  if (from === to) throw new BadUserInputError('from and to must be different entities.');
  const maxOverlap = options.maxOverlap ?? 0.5;
  if (!(maxOverlap >= 0 && maxOverlap <= 1)) throw new BadUserInputError(`maxOverlap must be a number from 0 to 1, got ${maxOverlap}.`);
  const weights = (options.typeWeights ?? []).map(({ type, weight }) => {
    if (!isRelationshipType(type)) {
      throw new BadUserInputError(`typeWeights: unknown relationship type ${type}; known types are ${relationshipTypes.join(', ')}.`);
    }
    if (!(weight >= 0 && weight <= 1))
      throw new BadUserInputError(`typeWeights: the weight of ${type} must be from 0 to 1, got ${weight}.`);
    return { type: type as RelationshipTypeName, weight };
  });
  return { profile: withTypeWeights(profiles[options.profile ?? 'ATTRIBUTION'], weights), maxOverlap };
}

/** The expansion's parameters: the filter within the profile (its followed types, its ends-only types). */
export function linkParams(filter: FilterParams, profile: PathProfileDefinition, ends: number[]): PathLinkParams {
  const followed = followedTypes(profile);
  const types = filter.types ? followed.filter((type) => filter.types!.includes(type)) : followed;
  return {
    ...filter,
    // An empty list follows nothing, as it should: the caller's types are all ones the profile leaves out.
    types,
    stances: filter.stances ?? [...defaultPathStances],
    ends,
    endsOnlyTypes: relationshipTypes.filter((type) => profile.types[type].endsOnly),
    typeCodes,
    stanceCodes,
  };
}

/**
 * How the expansion is spliced for these parameters: the followed types split by where a path may follow them, and
 * the filter's tests whose parameter is null left out (each costs Neo4j an operator per link read).
 */
export function expansionSlots(params: PathLinkParams): PathExpansionSlots {
  const endsOnly = new Set(params.endsOnlyTypes);
  const followed = (params.types ?? relationshipTypes).filter(isRelationshipType);
  return {
    throughTypes: followed.filter((type) => !endsOnly.has(type)),
    endTypes: followed.filter((type) => endsOnly.has(type)),
    types: false,
    asOf: params.asOf !== null,
    excludedSources: params.excludedSources !== null,
    knownAsOf: params.knownAsOf !== null,
  };
}

/** The links a path may use of each given entity (graph/expand-for-paths), one row per entity found. */
export function expandForPaths(tx: ReadTransaction, nodes: number[], params: PathLinkParams) {
  return tx.run('graph/expand-for-paths', { nodes, ...params }, expansionSlots(params));
}

/**
 * The projection this search may read links from: one holding the facts its filter needs, at the revision the
 * search's own transaction finds (a write committed since it was read makes the search read Neo4j instead).
 */
async function usableProjection(
  tx: ReadTransaction,
  projection: LinkProjectionData | null,
  params: PathLinkParams,
): Promise<LinkProjectionData | null> {
  if (!projection || !projectionAnswers(params)) return null;
  const [{ revision }] = await tx.run('graph/find-graph-revision', {});
  return revision === projection.revision ? projection : null;
}

/**
 * A link's confidence as the search and the evidence weigh it: the statements write -1 for one the source does not
 * state, which weighs as server/domain/confidence.ts says (an even chance); the link itself still reads "not stated".
 */
export const searchConfidence = (confidence: number) => (confidence < 0 ? unstatedConfidenceWeight : confidence);

/**
 * Citations, entity kinds and sources for the exact scores, read in the search's transaction. With a knowledge
 * clock, a link's citations are those known on its day (knowledge-time.ts): a source published later does not
 * corroborate what was known then.
 */
export function evidenceReader(tx: ReadTransaction, clock: KnowledgeClock | null): EvidenceReader {
  // Publication days of every source this reader has given, so a later batch can weigh citations of them too.
  const published = new Map<string, string | null>();
  const remember = (sources: SourceDocument[]) => {
    for (const source of sources) published.set(source.id, source.published);
    return sources;
  };
  const known = (citations: LinkEvidence['citations']): LinkEvidence['citations'] =>
    clock
      ? sourcesKnownBy(
          citations.map((citation) => ({ ...citation, published: published.get(citation.sourceId) ?? null })),
          clock,
        ).map(({ sourceId, credibility }) => ({ sourceId, credibility }))
      : citations;
  return {
    async facts(links, nodes, knownSources) {
      const [row] = await tx.run('graph/find-path-evidence', { links: links as number[], nodes: nodes as number[], knownSources });
      const sources = remember(row.sources.map(toSourceDocument));
      return {
        sources,
        links: new Map(
          row.links.map((link): [Key, LinkEvidence] => [
            link.key,
            {
              id: link.id,
              citations: known(
                link.sourceIds.map((sourceId, index) => ({
                  sourceId,
                  credibility: link.credibilities[index] ?? defaultCredibility,
                })),
              ),
              disputed: link.disputed,
            },
          ]),
        ),
        nodes: new Map(row.nodes.map((node): [Key, NodeFacts] => [node.key, { id: node.id, kind: node.kind }])),
      };
    },
    async sources(ids) {
      return remember((await tx.run('graph/find-sources', { ids })).map((row) => toSourceDocument(row.source)));
    },
  };
}

/** What a search, or a scoring of given paths, reads links with: the ends' internal ids, the link rules, the evaluator. */
async function readingRules(tx: ReadTransaction, from: string, to: string, options: PathOptions, request: PathRequest) {
  const filter = await resolveFilterParams(options.filter, [...defaultPathStances], () => tx.run('graph/find-source-origins', {}));
  // Internal ids stay numbers throughout the search: number-keyed maps, no strings built per link.
  const [found] = await tx.run('graph/find-path-ends', { ids: [from, to], grades: reliabilityGrades.filter((grade) => grade !== 'F') });
  const ends = new Map(found.ends.map((end) => [end.id, end]));
  const missing = [from, to].filter((id) => !ends.has(id));
  if (missing.length > 0) throw new NotFoundError(`No entity with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
  const [a, b] = [ends.get(from)!.node, ends.get(to)!.node];
  return {
    a,
    b,
    endDegrees: [ends.get(from)!.degree, ends.get(to)!.degree] as [number, number],
    grades: found.grades,
    params: linkParams(filter, request.profile, [a, b]),
    evaluator: new PathEvaluator(
      evidenceReader(tx, filter.knownAsOf ? { knownAsOf: filter.knownAsOf, includeUndated: filter.includeUndated } : null),
      request.profile,
      new Set(filter.excludedSources ?? []),
    ),
  };
}

async function rankedPathsIn(
  tx: ReadTransaction,
  from: string,
  to: string,
  options: PathOptions,
  request: PathRequest,
  projection: LinkProjectionData | null = null,
): Promise<PathRecord[]> {
  const { a, b, endDegrees, grades, params, evaluator } = await readingRules(tx, from, to, options, request);
  const inMemory = await usableProjection(tx, projection, params);
  const slots = expansionSlots(params);
  const search = await searchPaths(
    a,
    b,
    {
      expand: async (nodes) => {
        const rows =
          (inMemory && expandFromProjection(inMemory, nodes as number[], params, slots)) ??
          (await expandForPaths(tx, nodes as number[], params));
        return new Map(
          rows.map((row): [Key, ExpandedNode] => [
            row.node,
            {
              degree: row.degree,
              ids: row.rels,
              others: row.others,
              otherDegrees: row.otherDegrees,
              confidences: row.confidences.map(searchConfidence),
              codes: row.codes,
            },
          ]),
        );
      },
      evaluate: (paths) => evaluator.evaluate(paths),
      fallback: () => fewestHopPaths(tx, a, b, options, params),
      endDegrees,
    },
    stepModel(request.profile, maxReliabilityWeight(grades)),
    {
      maxHops: options.maxHops,
      limit: options.limit,
      maxOverlap: request.maxOverlap,
      maxLinksRead: pathLimits.maxLinksRead,
      batchSize: pathLimits.batchSize,
      maxCandidates: pathLimits.maxCandidates,
      evaluationBatch: pathLimits.evaluationBatch,
    },
  );
  return buildPathRecords(tx, search, evaluator, pathLimits.maxVariantPaths);
}

/**
 * When the read budget ran out before `limit` paths were chosen, Neo4j's own breadth-first search adds the paths
 * with the fewest links (under the same rules), so that an empty answer always means there is no path within maxHops.
 */
async function fewestHopPaths(
  tx: ReadTransaction,
  a: number,
  b: number,
  options: PathOptions,
  params: PathLinkParams,
): Promise<FallbackPath[]> {
  const { ends: _ends, ...rest } = params;
  const rows = await tx.run(
    'graph/find-fewest-hop-paths',
    { from: a, to: b, limit: options.limit * 4, ...rest },
    { maxHops: options.maxHops },
  );
  return rows.map((row) => ({
    nodes: row.nodes,
    degrees: row.degrees,
    links: row.rels.map((id, index) => ({ id, confidence: searchConfidence(row.confidences[index]), code: row.codes[index] })),
  }));
}

/** An entity sequence scored as the explorer's search would score it (paths found by other means, e.g. the benchmark's peers). */
export interface SequenceScore {
  /** The ranking score of the sequence's best reading; 0 when some step has no link a path may use under the rules. */
  score: number;
  /** Whether every step has a link the search could follow (types, stances, ends-only, report and confidence rules). */
  followable: boolean;
}

/** Most readings (choices of link type and direction per step) scored per sequence. */
const maxReadings = 64;

/**
 * Scores entity sequences from `from` to `to` (internal ids, in path order) with the search's own evaluator: each
 * step may use any link between its two entities that the search itself could follow, grouped by type and
 * direction as the search groups them, and the best of those readings counts. For comparing other searches'
 * answers with the explorer's under one scoring; the search never calls it.
 */
export async function scoreEntitySequencesIn(
  tx: ReadTransaction,
  from: string,
  to: string,
  sequences: number[][],
  options: PathOptions,
): Promise<SequenceScore[]> {
  const { params, evaluator } = await readingRules(tx, from, to, options, checkPathArguments(from, to, options));
  const nodes = [...new Set(sequences.flat())];
  const rows = nodes.length > 0 ? await expandForPaths(tx, nodes, params) : [];
  const expanded = new Map(rows.map((row) => [row.node, row]));
  const scores: SequenceScore[] = [];
  for (const sequence of sequences) {
    // Per step, its readings: the links between the two entities, grouped by type and direction.
    const stepReadings: CandidatePath['steps'][] = [];
    for (let i = 0; i + 1 < sequence.length; i += 1) {
      const row = expanded.get(sequence[i]);
      const groups = new Map<string, CandidatePath['steps'][number]>();
      row?.others.forEach((other, index) => {
        if (other !== sequence[i + 1]) return;
        const code = row.codes[index];
        const { type, outgoing } = decodeLink(code);
        const key = `${type}:${outgoing}`;
        const link = { id: row.rels[index], confidence: searchConfidence(row.confidences[index]), code };
        const group = groups.get(key);
        if (group) group.links.push(link);
        else groups.set(key, { links: [link], type, forward: outgoing });
      });
      stepReadings.push([...groups.values()]);
    }
    if (sequence.length < 2 || stepReadings.some((readings) => readings.length === 0)) {
      scores.push({ score: 0, followable: false });
      continue;
    }
    let readings: CandidatePath['steps'][] = [[]];
    for (const choices of stepReadings) {
      readings = readings.flatMap((steps) => choices.map((step) => [...steps, step])).slice(0, maxReadings);
    }
    const degrees = sequence.map((node) => expanded.get(node)?.degree ?? 0);
    const evaluated = await evaluator.evaluate(
      readings.map((steps, index) => ({ nodes: sequence, degrees, steps, bound: 0, key: `reading-${index}` })),
    );
    scores.push({ score: Math.max(...evaluated.map((path) => path.score)), followable: true });
  }
  return scores;
}
