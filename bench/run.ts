/**
 * npm run bench -- [--scale small|medium|large] [--seed N] ...
 *
 * One run: generate a synthetic attribution graph; load it through the import pipeline (time-boxed) and by
 * plain batched UNWIND ... MERGE, each into a fresh embedded Neo4j; query it through the real HTTP GraphQL
 * server and with the same Cypher through neo4j-driver, interleaved; time the client's drawing and panning
 * in headless Chromium. Prints one JSON document on stdout (progress goes to stderr) and writes it to
 * bench/results/<ISO date>-<scale>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { projectRoot } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { benchmarkAttackImport, type AttackReport } from './attack.js';
import { benchmarkClient, type ClientRow } from './client.js';
import { benchmarkDuplicateScan, type DuplicateScanReport } from './duplicate-scan.js';
import { generateGraph, scales, type ScaleName } from './generate-graph.js';
import { countStored, loadRaw, loadWithPipeline, round, type ImportMode, type PipelineLoad, type RawLoad } from './load.js';
import { machineFacts, ownPeakMemoryMb } from './machine.js';
import { benchmarkPeers, describePeer, type PeerRow } from './peers.js';
import { graphqlSender, measurePair, rawSender, type Paired, type SideStats } from './measure.js';
import { startBenchNeo4j, stopAllNeo4j, type BenchNeo4j, type JvmHeap, type Neo4jSizing } from './neo4j-instance.js';
import { say } from './progress.js';
import { buildWorkloads, type Workload } from './queries.js';
import { Random } from './random.js';
import { buildAdjacency, hubsOf, subgraphOfSize } from './sample.js';
import { startServer, type BenchServer } from './server.js';
import { checkTargets, type QueryRow, type TargetCheck } from './targets.js';
import { presets, requestsPerWorkload, scaleDefaults } from './presets.js';

const list = (text: string) =>
  text
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((value) => Number.isFinite(value) && value > 0);

const program = new Command()
  .name('npm run bench --')
  .description('Benchmark the import, the GraphQL server against raw Cypher, and the client canvas, on a synthetic graph.')
  .addOption(
    new Option('--scale <scale>', 'small 10k/50k, medium 100k/500k, large 1M/5M entities/relationships')
      .choices(['small', 'medium', 'large'])
      .default('medium'),
  )
  .option('--seed <n>', 'seed of the generated graph and of every random choice', '1')
  .option('--requests <n>', 'measured requests per side, workload and concurrency (default: 30 small, 200 otherwise)')
  .option('--seconds <s>', 'time budget per side, workload and concurrency (default: 3 small, 30 otherwise)')
  .option('--tx-timeout <s>', 'transaction timeout of the server and of the raw side (the server default)', '30')
  .option('--concurrency <list>', 'concurrency levels', '1,32')
  .option('--workloads <list>', 'only the workloads whose names start with one of these (e.g. search,neighbourhood)')
  .addOption(
    new Option('--import-mode <mode>', 'one importDocument transaction, or chunks of 50k relationships')
      .choices(['single-transaction', 'chunked'])
      .default('single-transaction'),
  )
  .option(
    '--import-budget <s>',
    'seconds the import pipeline may take before it is stopped and its rate so far reported (default: 60 small, 900 medium)',
  )
  .option('--client-sizes <list>', 'element counts drawn in the browser (default: 500,2000,5000,10000)')
  .option('--client-variants', 'also pan canvases that change one explorer setting at a time (diagnosis)')
  .option('--pan-seconds <s>', 'seconds of panning per canvas (default: 2 small, 3 otherwise)')
  .option(
    '--default-layout-timeout <s>',
    "seconds the defaults' own fcose layout may take before larger sizes skip it (default: 30 small, 120 otherwise)",
  )
  .option(
    '--skip <phases>',
    'comma-separated phases to leave out: pipeline, raw (the plain load, the queries and the duplicate scan), queries, peers (SHORTEST 5 and GDS Yen beside the paths workloads), duplicates (the whole-graph duplicate scan), client, attack (ATT&CK for ICS imports)',
    '',
  )
  .option('--duplicate-scan-seconds <s>', 'time budget of the whole-graph duplicate scan (default: 60 small, 120 otherwise)')
  .option('--heap <size>', `Neo4j heap (default: ${scaleDefaults((preset) => preset.heap)})`)
  .option('--pagecache <size>', `Neo4j page cache (default: ${scaleDefaults((preset) => preset.pageCache)})`)
  .option('--server-cpu-prof <dir>', 'write a V8 CPU profile of the server process into this folder')
  .option('--peer-pairs <n>', 'pairs per paths workload whose answers are compared with the peers (default: 50, at most --requests)')
  .option('--results-dir <dir>', 'where the JSON is written', path.join(projectRoot, 'bench', 'results'))
  .showHelpAfterError();

interface Options {
  scale: ScaleName;
  seed: string;
  requests?: string;
  seconds?: string;
  txTimeout: string;
  concurrency: string;
  workloads?: string;
  importMode: ImportMode;
  importBudget?: string;
  clientSizes?: string;
  panSeconds?: string;
  clientVariants?: boolean;
  defaultLayoutTimeout?: string;
  skip: string;
  duplicateScanSeconds?: string;
  heap?: string;
  pagecache?: string;
  resultsDir: string;
  serverCpuProf?: string;
  peerPairs?: string;
}

let server: BenchServer | null = null;

class SkippedPhase extends Error {}

async function cleanUp(): Promise<void> {
  await server?.stop().catch(() => undefined);
  await stopAllNeo4j();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping the server and the JVMs`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  program.parse();
  const options = program.opts<Options>();
  const scale = options.scale;
  const seed = Number(options.seed);
  const preset = presets[scale];
  const skip = new Set(
    options.skip
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
  const requestsPerSide = Number(options.requests ?? preset.requests);
  const secondsPerSide = Number(options.seconds ?? preset.seconds);
  const importBudget = Number(options.importBudget ?? preset.importBudget);
  const sizing: Neo4jSizing = {
    heap: options.heap ?? preset.heap,
    pageCache: options.pagecache ?? preset.pageCache,
    txTimeoutSeconds: Number(options.txTimeout),
  };
  const clientSizes = list(options.clientSizes ?? preset.clientSizes);
  // Failures reach the JSON; the executor's own error log would only repeat them (e.g. a terminated import).
  const logger = createLogger({ logLevel: 'silent' });
  const startedAt = new Date();
  const notes: string[] = [];
  const machine = { ...machineFacts(), load_average_start: os.loadavg().map((value) => round(value, 2)) };

  say(`generating the ${scale} graph (seed ${seed})`);
  const graph = generateGraph(scales[scale], seed);
  const adjacency = buildAdjacency(graph.document);
  say(
    `generated ${graph.stats.entities} entities, ${graph.stats.relationships} relationships, ${graph.stats.sources} sources; max degree ${graph.stats.maxDegree}`,
  );

  // 1. The import pipeline, time-boxed, in a Neo4j of its own (stopped afterwards to free memory).
  let pipeline: PipelineLoad | { error: string } | { skipped: true } = { skipped: true };
  let importJvmPeak: number | null = null;
  if (!skip.has('pipeline')) {
    let instance: BenchNeo4j | null = null;
    try {
      say(`starting Neo4j for the import pipeline (heap ${sizing.heap}, page cache ${sizing.pageCache})`);
      // The import runs as the CLI would, but with a long transaction timeout so the budget, not the timeout, ends it.
      instance = await startBenchNeo4j('pipeline', { ...sizing, txTimeoutSeconds: Math.max(3600, importBudget) }, logger);
      machine.neo4j = instance.running.version;
      pipeline = await loadWithPipeline(instance, graph.document, options.importMode, importBudget);
      importJvmPeak = instance.peakMb();
    } catch (error) {
      pipeline = { error: (error as Error).message };
      say(`import pipeline: ${(error as Error).message}`);
    } finally {
      await instance?.stop();
    }
  }

  // 2. The plain UNWIND load, into the Neo4j the queries then run on.
  let raw: RawLoad | { error: string } | null = null;
  let database: BenchNeo4j | null = null;
  let stored: Awaited<ReturnType<typeof countStored>> | null = null;
  const queries: (QueryRow & Record<string, unknown>)[] = [];
  let duplicateScan: DuplicateScanReport | { error: string } | null = null;
  let jvmPeak: number | null = null;
  let jvmPeakWithPeers: number | null = null;
  let jvmHeap: JvmHeap | null = null;
  let serverPeak: number | null = null;
  /** The server's peak from its start until its links are in memory, before the first workload. */
  let serverStartPeak: number | null = null;
  let peers: PeerRow[] = [];
  let pathWorkloads: Workload[] = [];
  let pathProjection: Record<string, unknown> | null = null;
  try {
    if (skip.has('raw')) throw new SkippedPhase();
    say('starting Neo4j for the plain UNWIND load and the queries');
    // The peers need the Graph Data Science library in this JVM; without it (not resolved, not loaded) the rest runs.
    const wantsGds = !skip.has('queries') && !skip.has('peers');
    let gdsError: string | null = null;
    try {
      database = await startBenchNeo4j('queries', { ...sizing, txTimeoutSeconds: 3600 }, logger, wantsGds ? ['gds'] : []);
    } catch (error) {
      if (!wantsGds) throw error;
      gdsError = `Neo4j 5.26 with GDS did not start: ${(error as Error).message.slice(0, 1000)}`;
      say(`${gdsError}; starting it without GDS`);
      database = await startBenchNeo4j('queries', { ...sizing, txTimeoutSeconds: 3600 }, logger);
    }
    machine.neo4j = database.running.version;
    raw = await loadRaw(database.driver, graph.document);
    stored = await countStored(database.driver);
    say(`plain load: ${raw.seconds} s, ${raw.rels_per_s} relationships/s; stored ${JSON.stringify(stored)}`);

    // 3. Queries: the real server in its own process, and the same Cypher straight through the driver.
    if (!skip.has('queries')) {
      const catalog = database.catalog;
      const workloads = await buildWorkloads(graph, adjacency, catalog, new Random(seed + 1), requestsPerWorkload(requestsPerSide));
      server = await startServer(
        { uri: database.running.uri, password: database.running.password },
        sizing.txTimeoutSeconds,
        options.serverCpuProf,
      );
      say(`server ready at ${server.url}`);
      // The path search reads links from memory once the server holds them (server/work/path-projection.ts).
      pathProjection = await server.pathProjection(300);
      say(`path search links in memory: ${JSON.stringify(pathProjection)}`);
      serverStartPeak = server.phasePeakMb();
      const graphql = graphqlSender(server.url, 120_000);
      const direct = rawSender(database.driver, sizing.txTimeoutSeconds * 1000);
      const wanted = options.workloads
        ?.split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      const chosen = workloads.filter((w) => !wanted || wanted.some((prefix) => w.name.startsWith(prefix)));
      try {
        for (const workload of chosen) {
          for (const [level, concurrency] of list(options.concurrency).entries()) {
            say(`queries: ${workload.name}, concurrency ${concurrency}`);
            // The first level warms both sides up; later levels find them warm.
            const measured = await measurePair(graphql.send, direct, workload.requests, {
              concurrency,
              requests: requestsPerSide,
              seconds: secondsPerSide,
              warmup: level === 0,
            });
            // The server's resident memory once the workload is done: which phase makes it grow.
            queries.push({
              ...queryRow(workload.name, concurrency, measured),
              server_rss_mb: server.rssMb(),
              server_peak_mb: server.phasePeakMb(),
            });
          }
        }
      } finally {
        graphql.close();
        serverPeak = server.peakMb();
        if (queries.some((row) => row.error)) notes.push(`server log tail: ${server.logTail().slice(-5).join(' | ').slice(0, 2000)}`);
        await server.stop();
        server = null;
      }
      pathWorkloads = chosen.filter((w) => w.name.startsWith('paths'));
    }
    // 3b. The whole-graph duplicate scan, as the bounded background job runs it, for a time budget.
    if (!skip.has('duplicates')) {
      const budget = Number(options.duplicateScanSeconds ?? (scale === 'small' ? 60 : 120));
      say(`duplicate scan of the whole graph, ${budget} s budget`);
      try {
        duplicateScan = await benchmarkDuplicateScan(database.graph, graph.stats.entities, budget);
        say(`duplicate scan: ${JSON.stringify(duplicateScan)}`);
      } catch (error) {
        duplicateScan = { error: (error as Error).message };
      }
    }
    jvmPeak = database.peakMb();
    jvmHeap = await database.heap();
    // 3c. The peers of the paths workloads, on the same pairs, with the server stopped (it would only compete). Last,
    // because GDS's projection stays in this JVM's heap: jvm_peak_mb above is the explorer's alone.
    if (!skip.has('peers') && pathWorkloads.length > 0) {
      const measured = await benchmarkPeers({
        driver: database.driver,
        catalog: database.catalog,
        workloads: pathWorkloads,
        queries,
        concurrency: list(options.concurrency),
        measure: { requests: requestsPerSide, seconds: secondsPerSide },
        // Each pair is asked of three searches and Yen's paths are rescored (seconds a pair on the medium graph).
        qualityPairs: Math.min(requestsPerSide, Number(options.peerPairs ?? 50)),
        timeoutMs: sizing.txTimeoutSeconds * 1000,
        gdsError,
      });
      peers = measured.peers;
      notes.push(...measured.notes);
      jvmPeakWithPeers = database.peakMb();
    }
  } catch (error) {
    if (error instanceof SkippedPhase) raw = null;
    else if (!raw) raw = { error: (error as Error).message };
    else notes.push(`queries stopped: ${(error as Error).message}`);
    if (!(error instanceof SkippedPhase)) say(`failed: ${(error as Error).message}`);
  } finally {
    await database?.stop();
  }

  // 4. ATT&CK for ICS through the CLI and importData, on a Neo4j of a default install (whatever the scale).
  let attack: AttackReport | { error: string } | null = null;
  if (!skip.has('attack')) {
    try {
      attack = await benchmarkAttackImport(logger);
      for (const row of attack.rows) {
        say(`ATT&CK ${row.release} via ${row.via} into ${row.into}: ${row.seconds} s${row.error ? ` (${row.error})` : ''}`);
      }
    } catch (error) {
      attack = { error: (error as Error).message };
      say(`ATT&CK: ${(error as Error).message}`);
    }
  }

  // 5. The client canvas, once the JVMs are gone.
  let client: ClientRow[] = [];
  if (!skip.has('client')) {
    try {
      const hubs = hubsOf(graph);
      // A mid-ranked hub: its neighbourhood mixes a star with the links among its neighbours.
      const start = hubs[Math.floor(hubs.length / 2)];
      const subgraphs = clientSizes.map((size) => subgraphOfSize(graph.document, adjacency, start, size));
      const measured = await benchmarkClient(subgraphs, {
        panSeconds: Number(options.panSeconds ?? preset.panSeconds),
        drawTimeoutSeconds: 180,
        defaultDrawTimeoutSeconds: Number(options.defaultLayoutTimeout ?? preset.defaultDrawTimeout),
        variants: Boolean(options.clientVariants),
      });
      client = measured.rows;
      machine.chromium = measured.chromium;
    } catch (error) {
      client = [{ error: (error as Error).message } as ClientRow];
    }
  }

  const rawRate = raw && 'rels_per_s' in raw ? raw.rels_per_s : null;
  const pipelineRate = 'rels_per_s' in pipeline ? pipeline.rels_per_s : null;
  if ('completed' in pipeline && !pipeline.completed) {
    const written = `${pipeline.relationships_written} of ${graph.stats.relationships} relationships written`;
    notes.push(
      pipeline.error
        ? `The import pipeline failed after ${pipeline.seconds} s (${written}): ${pipeline.error}; rels_per_s is its rate until then.`
        : `The import pipeline did not finish within its ${pipeline.budget_s} s budget (${written}, then its transaction was terminated and rolled back); rels_per_s is its rate until then.`,
    );
  }
  const importRatio = pipelineRate !== null && rawRate ? round(pipelineRate / rawRate, 3) : null;
  const finishedAt = new Date();
  const report = {
    scale,
    seed,
    started_at: startedAt.toISOString(),
    finished_at: finishedAt.toISOString(),
    duration_s: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    machine: { ...machine, load_average_end: os.loadavg().map((value) => round(value, 2)) },
    settings: {
      requests_per_side: requestsPerSide,
      seconds_per_side: secondsPerSide,
      concurrency: list(options.concurrency),
      neo4j: sizing,
      import_budget_s: importBudget,
    },
    graph: { ...graph.stats, stored },
    import: { rels_per_s: pipelineRate, raw_rels_per_s: rawRate, ratio: importRatio, pipeline, raw },
    attack,
    queries,
    peers,
    duplicate_scan: duplicateScan,
    client,
    memory: {
      node_peak_mb: ownPeakMemoryMb(),
      server_peak_mb: serverPeak,
      // Its peak before the first workload: start-up and reading the path search's links into memory.
      server_start_peak_mb: serverStartPeak,
      // The path search's links held in the server (state, entities, links, megabytes, build time).
      server_path_projection: pathProjection,
      jvm_peak_mb: jvmPeak,
      // The queries' JVM's heap as it reports it (JMX), before the peers run: used now, committed, the configured
      // maximum, the old generation's peak use.
      jvm_heap: jvmHeap,
      // With GDS's projection in the heap, after the peers ran (null when they did not).
      jvm_peak_with_peers_mb: jvmPeakWithPeers,
      import_jvm_peak_mb: importJvmPeak,
    },
    targets: checkTargets(
      queries,
      { ratio: importRatio, completed: 'completed' in pipeline && pipeline.completed },
      client,
      attack && 'rows' in attack ? attack : null,
      serverPeak,
    ),
    notes,
  };
  summarise(report);
  const json = JSON.stringify(report, null, 2);
  fs.mkdirSync(options.resultsDir, { recursive: true });
  const file = path.join(
    options.resultsDir,
    `${startedAt
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replace(/:/g, '-')}-${scale}.json`,
  );
  fs.writeFileSync(file, json + '\n');
  say(`written to ${path.relative(process.cwd(), file)}`);
  process.stdout.write(json + '\n');
  return 0;
}

/** The figures a reader waits for, on stderr: the peers beside the explorer, and each target met or not. */
function summarise(report: { peers: PeerRow[]; targets: TargetCheck[]; memory: Record<string, unknown>; notes: string[] }): void {
  if (report.peers.length > 0) {
    say('peers (answer quality: README.md, "Peers"):');
    for (const row of report.peers) say(`  ${describePeer(row)}`);
  }
  say(`memory: ${JSON.stringify(report.memory)}`);
  say('targets:');
  for (const check of report.targets) {
    const verdict = check.met === null ? 'not measured' : check.met ? 'met' : 'NOT MET';
    say(`  ${verdict.padEnd(12)} ${check.target} (value ${check.value ?? '-'}, limit ${check.limit})`);
  }
  for (const note of report.notes) say(`note: ${note}`);
}

function queryRow(
  name: string,
  concurrency: number,
  measured: { graphql: SideStats; raw: SideStats; slices: number; paired: Paired },
): QueryRow & Record<string, unknown> {
  const { graphql, raw, paired } = measured;
  const failed = graphql.requests === 0 ? (graphql.first_error ?? 'no request succeeded') : undefined;
  return {
    name,
    concurrency,
    p50_ms: graphql.p50_ms,
    p95_ms: graphql.p95_ms,
    p99_ms: graphql.p99_ms,
    raw_p50_ms: raw.p50_ms,
    raw_p95_ms: raw.p95_ms,
    raw_p99_ms: raw.p99_ms,
    // On the requests both sides measured (all of them unless a time budget cut a slow workload short).
    ratio_p50: paired.ratio_p50,
    paired,
    rps: graphql.rps,
    raw_rps: raw.rps,
    requests: graphql.requests,
    raw_requests: raw.requests,
    errors: graphql.errors,
    raw_errors: raw.errors,
    slices: measured.slices,
    ...(graphql.bytes_mean ? { response_bytes_mean: graphql.bytes_mean } : {}),
    ...(failed ? { error: failed } : graphql.first_error ? { first_error: graphql.first_error } : {}),
    ...(raw.first_error ? { raw_first_error: raw.first_error } : {}),
  };
}

main().then(
  async (code) => {
    await cleanUp();
    process.exit(code);
  },
  async (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await cleanUp();
    process.exit(1);
  },
);
