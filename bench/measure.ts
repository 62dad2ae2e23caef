/**
 * Runs one workload against both sides, interleaved so that drift (JIT, caches, the neighbours' load on a
 * shared machine) hits both alike: slices in the order G R R G G R R G, each bounded by a request count
 * and a time budget, after an unmeasured warm-up of each side.
 */
import http from 'node:http';
import neo4j, { type Driver } from 'neo4j-driver';
import { round } from './load.js';
import type { BenchRequest } from './queries.js';

export type Send = (request: BenchRequest) => Promise<number>;

export interface SideStats {
  requests: number;
  errors: number;
  first_error?: string;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  mean_ms: number | null;
  rps: number | null;
  /** Mean response size in bytes (GraphQL only). */
  bytes_mean?: number;
}

export interface MeasureOptions {
  concurrency: number;
  /** Measured requests per side (spread over the slices). */
  requests: number;
  /** Time budget per side, in seconds (spread over the slices). */
  seconds: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

class Side {
  latencies: number[] = [];
  /** Latency by request position, so both sides can be compared on the requests each measured. */
  byRequest = new Map<number, number>();
  errors = 0;
  firstError?: string;
  elapsed = 0;
  bytes = 0;
  cursor = 0;

  constructor(
    readonly send: Send,
    readonly requests: BenchRequest[],
  ) {}

  /** Up to `count` requests with `concurrency` in flight, stopping early at the deadline. */
  async slice(count: number, concurrency: number, seconds: number, measured: boolean): Promise<void> {
    const deadline = performance.now() + seconds * 1000;
    let issued = 0;
    const started = performance.now();
    const worker = async () => {
      while (issued < count && performance.now() < deadline) {
        issued += 1;
        const position = this.cursor++ % this.requests.length;
        const request = this.requests[position];
        const since = performance.now();
        try {
          const bytes = await this.send(request);
          if (measured) {
            const elapsed = performance.now() - since;
            this.latencies.push(elapsed);
            this.byRequest.set(position, elapsed);
            this.bytes += bytes;
          }
        } catch (error) {
          if (measured) this.errors += 1;
          this.firstError ??= `${request.label}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (measured) this.elapsed += (performance.now() - started) / 1000;
  }

  stats(): SideStats {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const ms = (value: number | null) => (value === null ? null : round(value, 2));
    return {
      requests: sorted.length,
      errors: this.errors,
      ...(this.firstError ? { first_error: this.firstError } : {}),
      p50_ms: ms(percentile(sorted, 50)),
      p95_ms: ms(percentile(sorted, 95)),
      p99_ms: ms(percentile(sorted, 99)),
      mean_ms: ms(sorted.length ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : null),
      rps: this.elapsed > 0 ? round(sorted.length / this.elapsed, 1) : null,
      ...(this.bytes > 0 ? { bytes_mean: Math.round(this.bytes / Math.max(1, sorted.length)) } : {}),
    };
  }
}

/** Unmeasured requests before the first level of a workload: at least 5, and one per client. */
function warmupRequests(requests: BenchRequest[], options: MeasureOptions & { warmup: boolean }): number {
  return options.warmup ? Math.min(requests.length, Math.max(5, options.concurrency)) : 0;
}

/**
 * Measures GraphQL and raw on the same requests, interleaved; warm-up requests are not counted. Slices stop
 * once both sides have had their combined time budget (slow queries then give fewer samples, not longer runs).
 */
export async function measurePair(
  graphql: Send,
  raw: Send,
  requests: BenchRequest[],
  options: MeasureOptions & { warmup: boolean },
): Promise<{ graphql: SideStats; raw: SideStats; slices: number; paired: Paired }> {
  const sides = { G: new Side(graphql, requests), R: new Side(raw, requests) };
  const warmup = warmupRequests(requests, options);
  for (const side of [sides.G, sides.R]) {
    if (warmup > 0) await side.slice(warmup, options.concurrency, options.seconds / 4, false);
    // Both sides then measure the same requests, in the same order.
    side.cursor = warmup;
  }
  const order = ['G', 'R', 'R', 'G', 'G', 'R', 'R', 'G'] as const;
  const perSlice = Math.ceil(options.requests / 4);
  const started = performance.now();
  let slices = 0;
  for (const key of order) {
    if (slices >= 2 && performance.now() - started > options.seconds * 2 * 1000) break;
    await sides[key].slice(perSlice, options.concurrency, options.seconds / 4, true);
    slices += 1;
  }
  return { graphql: sides.G.stats(), raw: sides.R.stats(), slices, paired: pair(sides.G.byRequest, sides.R.byRequest) };
}

/**
 * Measures one side alone (the peers: they have no GraphQL/raw pair), with the same warm-up, slices and budgets as
 * one side of measurePair.
 */
export async function measureOne(send: Send, requests: BenchRequest[], options: MeasureOptions & { warmup: boolean }): Promise<SideStats> {
  const side = new Side(send, requests);
  const warmup = warmupRequests(requests, options);
  if (warmup > 0) await side.slice(warmup, options.concurrency, options.seconds / 4, false);
  side.cursor = warmup;
  const perSlice = Math.ceil(options.requests / 4);
  for (let slice = 0; slice < 4; slice += 1) await side.slice(perSlice, options.concurrency, options.seconds / 4, true);
  return side.stats();
}

export interface Paired {
  /** Requests that succeeded on both sides. */
  requests: number;
  /** Median GraphQL latency / median raw latency over those requests. */
  ratio_p50: number | null;
  /** Median of the per-request ratios. */
  median_ratio: number | null;
}

/**
 * Compares the sides on the same inputs: when time budgets cut a slow workload short, the two sides may
 * have measured different requests, and with heavy-tailed latencies their plain p50s are not comparable.
 */
function pair(graphql: Map<number, number>, raw: Map<number, number>): Paired {
  const common = [...graphql.keys()].filter((key) => raw.has(key));
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const g = median(common.map((key) => graphql.get(key)!));
  const r = median(common.map((key) => raw.get(key)!));
  const perRequest = median(common.map((key) => graphql.get(key)! / raw.get(key)!));
  return {
    requests: common.length,
    ratio_p50: g !== null && r ? round(g / r, 3) : null,
    median_ratio: perRequest === null ? null : round(perRequest, 3),
  };
}

/** POSTs the explorer's GraphQL request over keep-alive HTTP; resolves to the response size, rejects on GraphQL errors. */
export function graphqlSender(url: string, timeoutMs: number): { send: Send; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL('/graphql', url);
  const post = (body: string, retry: boolean): Promise<number> =>
    new Promise((resolve, reject) => {
      const outgoing = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks);
            try {
              const parsed = JSON.parse(text.toString('utf8')) as {
                data?: unknown;
                errors?: { message: string; extensions?: { code?: string } }[];
              };
              if (parsed.errors?.length) {
                const [first] = parsed.errors;
                reject(new Error(`${first.extensions?.code ?? 'ERROR'}: ${first.message}`));
              } else if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode}`));
              else resolve(text.length);
            } catch (error) {
              reject(new Error(`HTTP ${response.statusCode}: unreadable body (${(error as Error).message})`));
            }
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed at the same moment (its keepAliveTimeout): Node's documented
        // remedy is to send again on a fresh socket; the retry's time counts in the latency.
        if (retry && outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.message === 'socket hang up'))
          resolve(post(body, false));
        else reject(error);
      });
      outgoing.end(body);
    });
  return { send: (request) => post(JSON.stringify(request.graphql), true), close: () => agent.destroy() };
}

/** Runs the request's Cypher through neo4j-driver in a read transaction, as the server's executor does, and waits for every record. */
export function rawSender(driver: Driver, timeoutMs: number): Send {
  return async (request) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const { replay, text, params } = request.raw;
      await session.executeRead((tx) => (replay ? replay(tx) : tx.run(text, params)), { timeout: timeoutMs });
      return 0;
    } finally {
      await session.close();
    }
  };
}
