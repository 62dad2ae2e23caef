/**
 * The query workloads, each request in two forms: the GraphQL operation the explorer itself sends (its
 * documents in client/src/api/operations), and the exact Cypher and parameters the server's domain
 * function runs for it. The latter are captured by calling the domain function with a recording Graph,
 * so the raw side never drifts from what the server does.
 */
import fs from 'node:fs';
import type { ManagedTransaction } from 'neo4j-driver';
import path from 'node:path';
import { buildDocument, indexDocuments, type DocumentIndex } from '../client/src/api/documents.js';
import { projectRoot } from '../server/config.js';
import { exportSubgraph } from '../server/domain/export/index.js';
import { defaultMinScore, findDuplicateCandidatesIn } from '../server/domain/duplicates/find-candidates.js';
import { findNeighbourhood } from '../server/domain/find-neighbourhood.js';
import { findRankedPathsIn } from '../server/domain/find-paths.js';
import { searchEntities } from '../server/domain/search-entities.js';
import { asksOnly, fieldSelectionOf, summaryFields } from '../server/resolvers/selection.js';
import type { CypherCatalog, CypherSlots } from '../server/graph/cypher.js';
import { toParams } from '../server/graph/records.js';
import { namedStatements, type Graph, type Params, type ReadTransaction } from '../server/graph/run.js';
import { createLogger } from '../server/logger.js';
import type { SyntheticGraph } from './generate-graph.js';
import type { Random } from './random.js';
import { breadthFirst, hubsOf, ordinaryEntity, type Adjacency } from './sample.js';

export interface BenchRequest {
  graphql: { query: string; variables: Record<string, unknown> };
  /**
   * One statement, or for a search that reads in rounds (paths) `replay`: the server's own search run in a
   * plain driver transaction, issuing the same statements in the same order (each depends on the last).
   */
  raw: { name: string; text: string; params: Record<string, unknown>; replay?: (tx: ManagedTransaction) => Promise<unknown> };
  /** What was asked, for the record (ids, text). */
  label: string;
}

export interface Workload {
  name: string;
  requests: BenchRequest[];
}

class Captured extends Error {}

/** The first named read a domain function makes, with its parameters and slots, without touching Neo4j. */
export async function captureRead(
  call: (graph: Graph) => Promise<unknown>,
): Promise<{ name: string; params: Params; slots?: CypherSlots }> {
  let captured: { name: string; params: Params; slots?: CypherSlots } | null = null;
  const recorder = {
    read: async (name: string, params: Params = {}, slots?: CypherSlots) => {
      captured = { name, params, slots };
      throw new Captured();
    },
  } as unknown as Graph;
  try {
    await call(recorder);
  } catch (error) {
    if (!(error instanceof Captured)) throw error;
  }
  if (!captured) throw new Error('the domain function made no read');
  return captured;
}

const silentLogger = createLogger({ logLevel: 'silent' });

/** The catalog's statements run in a plain driver transaction, as the server's executor runs them. */
export function overDriver(tx: ManagedTransaction, catalog: CypherCatalog): ReadTransaction {
  return namedStatements(tx, catalog, silentLogger);
}

function clientDocuments(): DocumentIndex {
  const folder = path.join(projectRoot, 'client', 'src', 'api', 'operations');
  const sources = fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => fs.readFileSync(path.join(folder, file), 'utf8'));
  return indexDocuments(sources);
}

/** Search text as an analyst types it: a word's first letters, a whole name, or a word and the start of the next. */
function searchText(name: string, random: Random): string {
  const words = name.toLowerCase().split(/\s+/).filter(Boolean);
  const roll = random.next();
  if (roll < 0.2) return name;
  if (roll < 0.4 && words.length > 1) return `${words[0]} ${words[1].slice(0, Math.max(2, Math.min(words[1].length, random.int(2, 5))))}`;
  return words[0].slice(0, Math.min(words[0].length, random.int(3, 6)));
}

/**
 * Inputs for every workload, fixed by the seed: 20% of the entities asked about are hubs (top 1% by links),
 * the rest ordinary linked entities; paths join incidents to hubs, actors to states, and arbitrary pairs.
 */
export async function buildWorkloads(
  graph: SyntheticGraph,
  adjacency: Adjacency,
  catalog: CypherCatalog,
  random: Random,
  perWorkload: number,
): Promise<Workload[]> {
  const { entities } = graph.document;
  const hubs = hubsOf(graph);
  const hubSet = new Set(hubs);
  const someEntity = () => (random.chance(0.2) ? random.pick(hubs) : ordinaryEntity(graph, hubSet, random));
  const documents = clientDocuments();
  const operation = (name: string) => buildDocument(documents, name);

  const make = async (
    variables: Record<string, unknown>,
    query: string,
    label: string,
    domain: (graph: Graph) => Promise<unknown>,
  ): Promise<BenchRequest> => {
    const read = await captureRead(domain);
    return {
      graphql: { query, variables },
      raw: { name: read.name, text: catalog.text(read.name, read.slots), params: toParams(read.params) as Record<string, unknown> },
      label,
    };
  };
  const repeat = async (build: (index: number) => Promise<BenchRequest>) => {
    const requests: BenchRequest[] = [];
    for (let i = 0; i < perWorkload; i += 1) requests.push(await build(i));
    return requests;
  };

  const search = operation('SearchEntities');
  const neighbourhood = operation('Neighbourhood');
  const paths = operation('FindPaths');
  const exportQuery = operation('ExportSubgraph');
  // The projection the server chooses for these documents (server/resolvers/selection.ts), so both sides run the same Cypher.
  const searchDetail = asksOnly(fieldSelectionOf(search, 'search'), summaryFields.entity) ? 'summary' : 'full';
  const neighbourhoodDetail = asksOnly(fieldSelectionOf(neighbourhood, 'neighbourhood'), summaryFields.subgraph) ? 'summary' : 'full';

  const workloads: Workload[] = [];
  workloads.push({
    name: 'search',
    requests: await repeat(async () => {
      const text = searchText(entities[random.int(0, entities.length - 1)].name, random);
      return make({ text, limit: 20 }, search, text, (g) => searchEntities(g, text, null, 20, searchDetail));
    }),
  });
  for (const depth of [1, 2]) {
    workloads.push({
      name: `neighbourhood depth ${depth}`,
      requests: await repeat(async () => {
        const id = entities[someEntity()].id;
        return make({ ids: [id], depth, limit: 500 }, neighbourhood, id, (g) =>
          findNeighbourhood(g, [id], depth, null, 500, neighbourhoodDetail),
        );
      }),
    });
  }
  const incidents = graph.byKind.INCIDENT;
  const actors = graph.byKind.THREAT_ACTOR;
  const states = graph.byKind.STATE;
  for (const maxHops of [4, 6]) {
    workloads.push({
      name: `paths maxHops ${maxHops}`,
      requests: await repeat(async () => {
        let from: number;
        let to: number;
        do {
          const roll = random.next();
          if (roll < 0.4) [from, to] = [random.pick(incidents), random.pick(hubs)];
          else if (roll < 0.7) [from, to] = [random.pick(actors), states[random.skewed(states.length, 2)]];
          else [from, to] = [ordinaryEntity(graph, hubSet, random), ordinaryEntity(graph, hubSet, random)];
        } while (from === to);
        const [a, b] = [entities[from].id, entities[to].id];
        const replay = (tx: ManagedTransaction) => findRankedPathsIn(overDriver(tx, catalog), a, b, { maxHops, limit: 5, filter: null });
        return {
          graphql: { query: paths, variables: { from: a, to: b, maxHops, limit: 5 } },
          raw: { name: 'graph/find-path-ends, graph/expand-for-paths (rounds), graph/find-path-links', text: '', params: {}, replay },
          label: `${a} -> ${b}`,
        };
      }),
    });
  }
  // A handful of distinct 1k-entity sets, reused in turn: grown from hubs and from ordinary entities.
  const sets = Array.from({ length: Math.min(perWorkload, 12) }, (_, i) =>
    breadthFirst(adjacency, i % 3 === 0 ? random.pick(hubs) : ordinaryEntity(graph, hubSet, random), 1000).map(
      (index) => entities[index].id,
    ),
  );
  workloads.push({
    name: 'export 1k entities (JSON)',
    requests: await repeat(async (i) => {
      const ids = sets[i % sets.length];
      return make({ ids, format: 'JSON', depth: 0 }, exportQuery, `${ids.length} ids from ${ids[0]}`, (g) =>
        exportSubgraph(g, { ids, format: 'JSON', depth: 0 }),
      );
    }),
  });
  // Duplicate detection for one entity (issue 15): its name's blocking candidates read from the full-text index,
  // scored with their neighbours. The raw side replays the same named reads through the driver.
  const duplicates = operation('DuplicateCandidates');
  workloads.push({
    name: 'duplicates of one entity',
    requests: await repeat(async () => {
      const id = entities[someEntity()].id;
      const replay = (tx: ManagedTransaction) => findDuplicateCandidatesIn(overDriver(tx, catalog), [id], defaultMinScore, 20);
      return {
        graphql: { query: duplicates, variables: { ids: [id], limit: 20 } },
        raw: {
          name: 'duplicates/find-match-facts, duplicates/find-blocking-candidates, duplicates/find-rejections, graph/find-entities',
          text: '',
          params: {},
          replay,
        },
        label: id,
      };
    }),
  });
  return workloads;
}
