/**
 * The peers a user would pick instead of the explorer's path search, on the same graph and the same pairs as its
 * `paths` workloads, in the same run: Neo4j's own `SHORTEST k` (fewest links: what Bloom and a plain Cypher query
 * give) and the Graph Data Science library's Yen k shortest paths on -ln(strength) weights (exact, after a
 * projection). Latency as one side of the query workloads is measured; answer quality against the explorer's #1
 * path (README.md, "Peers", says how each is defined).
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { unstatedConfidenceWeight } from '../server/domain/confidence.js';
import { defaultPathStances, findRankedPathsIn, followedTypes, scoreEntitySequencesIn } from '../server/domain/find-paths.js';
import { profiles } from '../server/domain/paths/profiles.js';
import { type CypherCatalog, type CypherSlots } from '../server/graph/cypher.js';
import { toParams } from '../server/graph/records.js';
import { round } from './load.js';
import { benchCatalog } from './neo4j-instance.js';
import { measureOne, percentile, rawSender, type MeasureOptions, type SideStats } from './measure.js';
import { say } from './progress.js';
import { overDriver, type BenchRequest, type Workload } from './queries.js';
import type { QueryRow } from './targets.js';

export interface PeerRow {
  name: string;
  workload: string;
  concurrency: number;
  p50_ms: number | null;
  p95_ms: number | null;
  /** explorer: 1 (the reference); SHORTEST: share of pairs; Yen: median score ratio (README.md, "Peers"). */
  answer_quality: number | null;
  [detail: string]: unknown;
}

export const peerNames = { explorer: 'explorer paths', shortest: 'cypher SHORTEST 5', yen: 'gds yens k=5' } as const;

const k = 5;
const projection = 'bench-peers';
/** The peers' own statements: bench/cypher, apart from the server's catalog (GDS is not in the app's Neo4j). */
const peerCatalog = benchCatalog;
const attribution = profiles.ATTRIBUTION;
const reading = { types: followedTypes(attribution), stances: [...defaultPathStances] };

interface Pair {
  from: string;
  to: string;
}

interface Answers {
  explorer: { ids: string[]; score: number } | null;
  shortest: string[][];
  /** Yen's paths, cheapest first: their length in links and their scores under the explorer's scoring. */
  yen: { hops: number; score: number; followable: boolean }[] | null;
  /** The explorer's #1 scored again by the scorer Yen's paths go through: equal to its own score if that scorer is right. */
  rescored: number | null;
}

async function read<T>(driver: Driver, work: (tx: ManagedTransaction) => Promise<T>, timeoutMs: number): Promise<T> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(work, { timeout: timeoutMs });
  } finally {
    await session.close();
  }
}

async function rows(tx: ManagedTransaction, name: string, params: Record<string, unknown>, slots?: CypherSlots) {
  const result = await tx.run(peerCatalog.text(name, slots), toParams(params) as Record<string, unknown>);
  return result.records.map((record) => record.toObject());
}

function pairOf(request: BenchRequest): Pair & { maxHops: number } {
  const { from, to, maxHops } = request.graphql.variables as { from: string; to: string; maxHops: number };
  return { from, to, maxHops };
}

/** One request of a peer, in the form the measuring loop sends (the label names the pair). */
function peerRequest(name: string, text: string, params: Record<string, unknown>, label: string): BenchRequest {
  return { graphql: { query: '', variables: {} }, raw: { name, text, params: toParams(params) as Record<string, unknown> }, label };
}

function shortestRequests(workload: Workload): BenchRequest[] {
  return workload.requests.map((request) => {
    const { from, to, maxHops } = pairOf(request);
    const text = peerCatalog.text('peers/shortest-k-paths', { maxHops, k });
    return peerRequest('peers/shortest-k-paths', text, { from, to, ...reading }, request.label);
  });
}

function yenRequests(workload: Workload): BenchRequest[] {
  return workload.requests.map((request) => {
    const { from, to } = pairOf(request);
    return peerRequest('peers/gds-yens-paths', peerCatalog.text('peers/gds-yens-paths'), { graph: projection, from, to, k }, request.label);
  });
}

/** The explorer's #1 path and the peers' answers for one pair; Yen's #1 scored with the explorer's own scorer. */
async function answersFor(
  driver: Driver,
  catalog: CypherCatalog,
  pair: Pair & { maxHops: number },
  gds: boolean,
  timeoutMs: number,
): Promise<Answers> {
  const options = { maxHops: pair.maxHops, limit: k, filter: null };
  const paths = await read(driver, (tx) => findRankedPathsIn(overDriver(tx, catalog), pair.from, pair.to, options), timeoutMs);
  const top = paths[0];
  const shortest = await read(
    driver,
    (tx) => rows(tx, 'peers/shortest-k-paths', { from: pair.from, to: pair.to, ...reading }, { maxHops: pair.maxHops, k }),
    timeoutMs,
  );
  const topIds = top ? top.entities.map((entity) => entity.id) : [];
  const nodes = new Map(
    (await read(driver, (tx) => rows(tx, 'peers/find-node-ids', { ids: topIds }), timeoutMs)).map((row) => [row.id, row.node as number]),
  );
  const found = gds
    ? await read(driver, (tx) => rows(tx, 'peers/gds-yens-paths', { graph: projection, from: pair.from, to: pair.to, k }), timeoutMs)
    : [];
  const sequences = [...found.map((row) => row.nodeIds as number[]), ...(top ? [topIds.map((id) => nodes.get(id)!)] : [])];
  const scored =
    sequences.length > 0
      ? await read(driver, (tx) => scoreEntitySequencesIn(overDriver(tx, catalog), pair.from, pair.to, sequences, options), timeoutMs)
      : [];
  return {
    explorer: top ? { ids: topIds, score: top.score } : null,
    shortest: shortest.map((row) => row.ids as string[]),
    yen: gds && found.length > 0 ? found.map((row, index) => ({ hops: (row.nodeIds as number[]).length - 1, ...scored[index] })) : null,
    rescored: top ? scored[scored.length - 1].score : null,
  };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, index) => id === b[index]);

/** Answer quality of both peers over the pairs (README.md, "Peers"). */
function quality(answers: Answers[], maxHops: number) {
  const withExplorer = answers.filter((answer) => answer.explorer);
  const contained = withExplorer.filter((answer) => answer.shortest.some((ids) => same(ids, answer.explorer!.ids))).length;
  const ratiosOver = (best: (answer: Answers) => number) => {
    const ratios = withExplorer
      .map((answer) => answer.explorer!.score / best(answer))
      .filter((ratio) => Number.isFinite(ratio))
      .sort((a, b) => a - b);
    const median = percentile(ratios, 50);
    return { ratios, median: median === null ? null : round(median, 3) };
  };
  // Yen's #1 (the issue's measure), and Yen's best path among its k that the explorer's search could have given
  // (followable within the hop limit): a path of the same rules is the fairer comparison.
  const first = ratiosOver((answer) => (answer.yen?.[0]?.followable ? answer.yen[0].score : 0));
  const within = ratiosOver((answer) =>
    Math.max(0, ...(answer.yen ?? []).filter((path) => path.followable && path.hops <= maxHops).map((path) => path.score)),
  );
  // The scorer check: the explorer's #1, rescored through the same function, must keep its score.
  const rescored = withExplorer.filter((answer) => answer.rescored !== null);
  const agree = rescored.filter(
    (answer) => Math.abs(answer.rescored! - answer.explorer!.score) <= 1e-9 * Math.max(1, answer.explorer!.score),
  );
  return {
    shortest: {
      answer_quality: withExplorer.length > 0 ? round(contained / withExplorer.length, 3) : null,
      quality_pairs: withExplorer.length,
      pairs_without_path: answers.filter((answer) => answer.shortest.length === 0).length,
    },
    yen: {
      answer_quality: first.median,
      quality_pairs: first.ratios.length,
      explorer_at_least_as_good:
        first.ratios.length > 0 ? round(first.ratios.filter((ratio) => ratio >= 1 - 1e-9).length / first.ratios.length, 3) : null,
      first_not_followable: withExplorer.filter((answer) => answer.yen && !answer.yen[0].followable).length,
      first_beyond_max_hops: withExplorer.filter((answer) => answer.yen && answer.yen[0].hops > maxHops).length,
      answer_quality_within_rules: within.median,
      quality_pairs_within_rules: within.ratios.length,
      ratio_min_within_rules: within.ratios.length > 0 ? round(within.ratios[0], 3) : null,
      pairs_without_path: answers.filter((answer) => !answer.yen).length,
      scorer_check: rescored.length > 0 ? `${agree.length}/${rescored.length} explorer #1 paths rescored to their own score` : null,
    },
  };
}

function latency(stats: SideStats) {
  return {
    p50_ms: stats.p50_ms,
    p95_ms: stats.p95_ms,
    rps: stats.rps,
    requests: stats.requests,
    errors: stats.errors,
    ...(stats.first_error ? { first_error: stats.first_error } : {}),
  };
}

export interface PeersInput {
  driver: Driver;
  catalog: CypherCatalog;
  /** The explorer's `paths` workloads, as measured (the same requests, so the same pairs in the same order). */
  workloads: Workload[];
  queries: QueryRow[];
  concurrency: number[];
  measure: Pick<MeasureOptions, 'requests' | 'seconds'>;
  /** Pairs whose answers are compared, per workload (the first ones of the workload). */
  qualityPairs: number;
  timeoutMs: number;
  /** Why GDS is not there (it did not resolve or load), or null when it is loaded. */
  gdsError: string | null;
}

export async function benchmarkPeers(input: PeersInput): Promise<{ peers: PeerRow[]; notes: string[] }> {
  const { driver, catalog, timeoutMs } = input;
  const notes: string[] = [];
  let gdsError = input.gdsError;
  let projectionMs: number | null = null;
  let projected: Record<string, unknown> | null = null;
  if (!gdsError) {
    try {
      const [version] = await read(driver, (tx) => rows(tx, 'peers/gds-version', {}), timeoutMs);
      say(`peers: GDS ${String(version.version)}; projecting the graph the search may walk, weighted -ln(strength x type weight)`);
      const started = performance.now();
      const session = driver.session();
      try {
        // A projection is a procedure that writes GDS's catalog, not the graph: it runs in a write transaction.
        const result = await session.executeWrite(
          (tx) =>
            rows(tx, 'peers/gds-project-links', {
              graph: projection,
              ...reading,
              stanceWeights: attribution.stances,
              typeWeights: Object.fromEntries(
                reading.types.map((type) => [type, Math.max(attribution.types[type].weight, attribution.types[type].backward ?? 0)]),
              ),
              unstated: unstatedConfidenceWeight,
            }),
          { timeout: 3_600_000 },
        );
        projected = result[0] ?? null;
      } finally {
        await session.close();
      }
      projectionMs = round(performance.now() - started, 1);
      say(`peers: projection ${JSON.stringify(projected)} in ${projectionMs} ms`);
    } catch (error) {
      gdsError = (error as Error).message.slice(0, 500);
    }
  }
  if (gdsError) notes.push(`GDS Yen peer not measured: ${gdsError}`);

  const peers: PeerRow[] = [];
  const send = rawSender(driver, timeoutMs);
  try {
    for (const workload of input.workloads) {
      const pairs = workload.requests.slice(0, input.qualityPairs).map(pairOf);
      say(`peers: ${workload.name}, answers of ${pairs.length} pairs`);
      const answers: Answers[] = [];
      let failures = 0;
      let firstFailure: string | undefined;
      for (const pair of pairs) {
        try {
          answers.push(await answersFor(driver, catalog, pair, !gdsError, timeoutMs));
        } catch (error) {
          failures += 1;
          firstFailure ??= `${pair.from} -> ${pair.to}: ${(error as Error).message}`.slice(0, 300);
        }
      }
      if (failures > 0) notes.push(`peers: ${workload.name}: ${failures} pairs not compared (${firstFailure})`);
      const judged = quality(answers, pairs[0]?.maxHops ?? 0);
      const shortest = shortestRequests(workload);
      const yen = yenRequests(workload);
      for (const [level, concurrency] of input.concurrency.entries()) {
        const options = { ...input.measure, concurrency, warmup: level === 0 };
        const explorer = input.queries.find((row) => row.name === workload.name && row.concurrency === concurrency);
        peers.push({
          name: peerNames.explorer,
          workload: workload.name,
          concurrency,
          p50_ms: explorer?.p50_ms ?? null,
          p95_ms: explorer?.p95_ms ?? null,
          answer_quality: 1,
          quality_pairs: answers.filter((answer) => answer.explorer).length,
        });
        say(`peers: ${workload.name}, ${peerNames.shortest}, concurrency ${concurrency}`);
        peers.push({
          name: peerNames.shortest,
          workload: workload.name,
          concurrency,
          ...latency(await measureOne(send, shortest, options)),
          ...judged.shortest,
        });
        if (gdsError) {
          peers.push({
            name: peerNames.yen,
            workload: workload.name,
            concurrency,
            p50_ms: null,
            p95_ms: null,
            answer_quality: null,
            error: gdsError,
          });
          continue;
        }
        say(`peers: ${workload.name}, ${peerNames.yen}, concurrency ${concurrency}`);
        const measured = latency(await measureOne(send, yen, options));
        peers.push({
          name: peerNames.yen,
          workload: workload.name,
          concurrency,
          ...measured,
          // The projection is made once for every question; a question asked alone pays for it too.
          projection_ms: projectionMs,
          p50_with_projection_ms: measured.p50_ms === null || projectionMs === null ? null : round(measured.p50_ms + projectionMs, 1),
          projected_relationships: projected?.relationships ?? null,
          ...judged.yen,
        });
      }
      for (const row of peers.filter((row) => row.workload === workload.name)) say(`peers: ${describePeer(row)}`);
    }
  } finally {
    if (!gdsError) {
      await read(driver, (tx) => rows(tx, 'peers/gds-drop-graph', { graph: projection }), timeoutMs).catch(() => undefined);
    }
  }
  return { peers, notes };
}

/** One line of a peer's figures for the progress and the summary. */
export function describePeer(row: PeerRow): string {
  const ms = (value: number | null) => (value === null ? '-' : `${value}`);
  const extra = row.projection_ms !== undefined && row.projection_ms !== null ? `, projection ${row.projection_ms} ms` : '';
  return `${row.workload} at ${row.concurrency}: ${row.name.padEnd(18)} p50 ${ms(row.p50_ms)} / p95 ${ms(row.p95_ms)} ms, answer quality ${
    row.answer_quality ?? '-'
  }${extra}${row.error ? ` (${String(row.error)})` : ''}`;
}
