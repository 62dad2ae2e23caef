import autocannon from 'autocannon';

/**
 * The load generator, run as its own process so that it does not share the server's event loop or heap:
 * `node --import tsx tests/support/load-client.ts '<json options>'`. Prints one JSON line with the result.
 *
 * The clients first connect: until every connection has had an answer they send only `{ __typename }`.
 * Opening 64 connections at once into a busy Node server is slow in itself (libuv accepts one connection
 * per event-loop turn since 1.45), so with the workload running from the first request, the last sockets
 * waited up to 14 s to be accepted. Then each connection walks the workload. Besides autocannon's figures
 * for the whole run, this reports the steady state (requests sent once every connection was open) and
 * counts GraphQL errors, which arrive with status 200.
 */
interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
  requests: { name: string; body: string }[];
}

const options = JSON.parse(process.argv[2]) as LoadOptions;
const graphqlErrors: Record<string, number> = {};
let firstError: string | null = null;
const started = performance.now();
const seconds = (at: number) => Math.round((at - started) / 100) / 10;
const answered = new Set<unknown>();
let steadyFrom: number | null = null;
const handshake = JSON.stringify({ query: '{ __typename }' });
/** Steady-state answers: latency in ms. */
const steady: number[] = [];
const slowest: { atSecond: number; ms: number }[] = [];
const requestErrorsAt: number[] = [];

const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: `${options.url}/graphql`,
      connections: options.connections,
      duration: options.durationSeconds,
      timeout: options.timeoutSeconds,
      // One request template; once connected, each connection walks the workload round-robin from a
      // random start, so the 64 clients do not all send the same query at the same moment.
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request, state) => {
            const context = state as { position?: number; name?: string };
            if (steadyFrom === null) {
              context.name = 'connect';
              return { ...request, body: handshake };
            }
            const position = typeof context.position === 'number' ? context.position : Math.floor(Math.random() * options.requests.length);
            context.position = (position + 1) % options.requests.length;
            context.name = options.requests[position].name;
            return { ...request, body: options.requests[position].body };
          },
          onResponse: (status, responseBody, state) => {
            if (status === 200 && responseBody.startsWith('{"data":{') && !responseBody.includes('"errors"')) return;
            const name = String((state as { name?: string }).name);
            graphqlErrors[name] = (graphqlErrors[name] ?? 0) + 1;
            firstError ??= `${name}: ${status} ${responseBody.slice(0, 300)}`;
          },
        },
      ],
    },
    (error, done) => (error ? reject(error) : resolve(done)),
  );
  instance.on('response', (client: unknown, _status: number, _bytes: number, responseTime: number) => {
    const now = performance.now();
    if (steadyFrom !== null && now - responseTime >= steadyFrom) steady.push(responseTime);
    answered.add(client);
    if (steadyFrom === null && answered.size === options.connections) steadyFrom = now;
    if (slowest.length === 5 && responseTime <= slowest[4].ms) return;
    slowest.push({ atSecond: seconds(now), ms: Math.round(responseTime) });
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.splice(5);
  });
  // A request error: on loopback, a timeout or a reset connection.
  instance.on('reqError', () => requestErrorsAt.push(seconds(performance.now())));
});

steady.sort((a, b) => a - b);
const percentile = (p: number) =>
  steady.length ? Math.round(steady[Math.min(steady.length - 1, Math.floor((p / 100) * steady.length))]) : null;
const steadySeconds = steadyFrom === null ? 0 : (started + options.durationSeconds * 1000 - steadyFrom) / 1000;

process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      average: result.latency.average,
    },
    steady: {
      fromSecond: steadyFrom === null ? null : seconds(steadyFrom),
      requests: steady.length,
      requestsPerSecond: steadySeconds > 0 ? Math.round(steady.length / steadySeconds) : null,
      latency: { p50: percentile(50), p90: percentile(90), p99: percentile(99), max: steady.length ? Math.round(steady.at(-1)!) : null },
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    resets: result.resets,
    requestErrorsAt,
    graphqlErrors,
    firstError,
    slowest,
    bytesPerSecond: result.throughput.average,
  }) + '\n',
);
