/**
 * node --import tsx bench/profile.ts [--scale small] [--seed 1] [--per-workload 2] [--timeout 120]
 *
 * Loads the benchmark's graph (plain UNWIND load) into a fresh embedded Neo4j and PROFILEs the Cypher of
 * the benchmark's own requests (the same seed gives the same requests), a hub case and an ordinary case
 * per workload: the operator tree with rows and db hits, and the time each took. For finding out why a
 * workload is slow; the numbers of the benchmark itself come from bench/run.ts.
 */
import { Command, Option } from 'commander';
import neo4j from 'neo4j-driver';
import { createLogger } from '../server/logger.js';
import { generateGraph, scales, type ScaleName } from './generate-graph.js';
import { loadRaw } from './load.js';
import { startBenchNeo4j } from './neo4j-instance.js';
import { say } from './progress.js';
import { buildWorkloads, type BenchRequest } from './queries.js';
import { Random } from './random.js';
import { buildAdjacency, hubsOf } from './sample.js';
import { presets, requestsPerWorkload } from './presets.js';

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  rows?: number;
  dbHits?: number;
  children: PlanNode[];
}

function describePlan(node: PlanNode, depth = 0): string {
  const details = String(node.arguments.Details ?? '')
    .replace(/\s+/g, ' ')
    .slice(0, 140);
  const line = `${'  '.repeat(depth)}${node.operatorType.replace(/@neo4j$/, '')}  rows=${node.rows ?? '?'} dbHits=${node.dbHits ?? '?'}  ${details}`;
  return [line, ...node.children.map((child) => describePlan(child, depth + 1))].join('\n');
}

const program = new Command()
  .addOption(new Option('--scale <scale>').choices(['small', 'medium', 'large']).default('small'))
  .option('--seed <n>', 'the benchmark seed', '1')
  .option('--requests <n>', "the benchmark run's --requests (default: that of the scale), so the same requests are built")
  .option('--per-workload <n>', 'requests profiled per workload (hub and ordinary cases alternate)', '2')
  .option('--timeout <s>', 'transaction timeout for each PROFILE', '120')
  .option('--heap <size>', 'Neo4j heap', '4g')
  .option('--pagecache <size>', 'Neo4j page cache', '2g');
program.parse();
const options = program.opts<{
  scale: ScaleName;
  seed: string;
  requests?: string;
  perWorkload: string;
  timeout: string;
  heap: string;
  pagecache: string;
}>();

const seed = Number(options.seed);
const graph = generateGraph(scales[options.scale], seed);
const adjacency = buildAdjacency(graph.document);
const hubIds = new Set(hubsOf(graph).map((index) => graph.document.entities[index].id));
const logger = createLogger({ logLevel: 'silent' });
const database = await startBenchNeo4j(
  'profile',
  { heap: options.heap, pageCache: options.pagecache, txTimeoutSeconds: Number(options.timeout) },
  logger,
);
try {
  say('loading the graph (plain UNWIND)');
  await loadRaw(database.driver, graph.document);
  // The same seeds as bench/run.ts, so these are the benchmark's own requests.
  const workloads = await buildWorkloads(
    graph,
    adjacency,
    database.catalog,
    new Random(seed + 1),
    requestsPerWorkload(Number(options.requests ?? presets[options.scale].requests)),
  );
  const mentionsHub = (request: BenchRequest) =>
    JSON.stringify(request.graphql.variables)
      .match(/"[a-z]+-\d+"/g)
      ?.some((id) => hubIds.has(JSON.parse(id))) ?? false;
  const session = database.driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    for (const workload of workloads) {
      const wanted = Number(options.perWorkload);
      const hub = workload.requests.filter(mentionsHub);
      const ordinary = workload.requests.filter((request) => !mentionsHub(request));
      const picked = Array.from({ length: wanted }, (_, i) => (i % 2 === 0 ? hub : ordinary)[Math.floor(i / 2)] ?? ordinary[i]).filter(
        Boolean,
      );
      for (const request of picked) {
        const since = performance.now();
        process.stdout.write(`\n=== ${workload.name}: ${request.label}${mentionsHub(request) ? ' (hub)' : ''} [${request.raw.name}]\n`);
        if (request.raw.replay) {
          process.stdout.write('a search in rounds (its statements depend on each other): not profiled here; see bench/README.md\n');
          continue;
        }
        try {
          const result = await session.executeRead((tx) => tx.run(`PROFILE ${request.raw.text}`, request.raw.params), {
            timeout: Number(options.timeout) * 1000,
          });
          const plan = result.summary.profile as unknown as PlanNode;
          process.stdout.write(`${Math.round(performance.now() - since)} ms, ${result.records.length} rows\n${describePlan(plan)}\n`);
        } catch (error) {
          process.stdout.write(`failed after ${Math.round(performance.now() - since)} ms: ${(error as Error).message.split('\n')[0]}\n`);
        }
      }
    }
  } finally {
    await session.close();
  }
} finally {
  await database.stop();
}
