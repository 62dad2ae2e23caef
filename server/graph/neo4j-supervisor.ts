import type { EmbeddedNeo4jConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedNeo4j, type RunningNeo4j } from './embedded-neo4j.js';

export interface SupervisedNeo4j {
  /** The Bolt URI; it stays the same across restarts, so one driver keeps working. */
  uri: string;
  user: 'neo4j';
  password: string;
  version: string;
  /** The current JVM (it changes after a restart). */
  current(): RunningNeo4j;
  /** Restarts so far, for /healthz. */
  restarts(): number;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** Whether the database answers; used to notice a JVM that is alive but hung. */
  ping: () => Promise<boolean>;
  /** Told as soon as the database is away (and about when it should be back) and when it is back. */
  availability?: { down(backInMs: number, exited: boolean): void; up(): void };
  pingEveryMs?: number;
  /** Failed pings in a row after which the database counts as away (requests fail fast). */
  awayAfter?: number;
  /** How long a live JVM may fail every ping before it is killed and restarted. */
  hungAfterMs?: number;
}

/**
 * Runs the embedded Neo4j and keeps it running: a JVM that exits unexpectedly, or stops answering while
 * alive, is restarted on the same port with exponential backoff (1 s up to 30 s), and every event is logged.
 * While it is away the graph is told at once, so requests fail fast with GRAPH_UNAVAILABLE and a Retry-After
 * instead of hanging. Pings are skipped while a restart is under way: a JVM that is starting is not hung.
 */
export async function superviseEmbeddedNeo4j(
  config: EmbeddedNeo4jConfig,
  dataDir: string,
  logger: Logger,
  options: SupervisorOptions,
): Promise<SupervisedNeo4j> {
  let startedAt = Date.now();
  let running = await startEmbeddedNeo4j(config, dataDir, logger);
  /** How long the last start took: with the backoff, when the database should be back after a crash. */
  let startMs = Date.now() - startedAt;
  const fixed = { ...config, boltPort: running.port };
  let state: 'running' | 'restarting' | 'stopping' = 'running';
  let restarts = 0;
  let backoffMs = 1_000;
  let failedPings = 0;
  let failingSince: number | null = null;
  const pingEveryMs = options.pingEveryMs ?? 2_000;
  const awayAfter = options.awayAfter ?? 2;
  const hungAfterMs = options.hungAfterMs ?? 15_000;

  const restart = async (why: string) => {
    state = 'restarting';
    while (state === 'restarting') {
      options.availability?.down(backoffMs + startMs, true);
      logger.warn({ why, inMs: backoffMs, restarts }, 'restarting the embedded Neo4j');
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      if (state !== 'restarting') return;
      try {
        startedAt = Date.now();
        running = await startEmbeddedNeo4j(fixed, dataDir, logger);
        startMs = Date.now() - startedAt;
        if (state !== 'restarting') {
          await running.stop(); // stopped while it started
          return;
        }
        // Bolt accepts before the database itself may answer: requests resume only once a query does.
        await answering(30_000);
        restarts += 1;
        backoffMs = 1_000;
        failedPings = 0;
        failingSince = null;
        state = 'running';
        watch(running);
        options.availability?.up();
        logger.warn({ restarts, pid: running.pid, seconds: startMs / 1000 }, 'the embedded Neo4j is back');
        return;
      } catch (error) {
        backoffMs = Math.min(backoffMs * 2, 30_000);
        logger.error({ err: error }, 'the embedded Neo4j did not restart; trying again');
      }
    }
  };

  const answering = async (withinMs: number) => {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline && state === 'restarting' && !(await options.ping())) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const watch = (instance: RunningNeo4j) => {
    void instance.exited.then((code) => {
      if (state !== 'running' || instance !== running) return;
      logger.error({ code, pid: instance.pid }, 'the embedded Neo4j exited unexpectedly');
      void restart(`exit code ${code}`);
    });
  };
  watch(running);

  const pinger = setInterval(async () => {
    if (state !== 'running') return;
    const instance = running;
    const answered = await options.ping();
    // The JVM may have exited, or a restart begun, while the ping was out: the exit watcher handles those.
    if (state !== 'running' || instance !== running || instance.hasExited()) return;
    if (answered) {
      if (failedPings >= awayAfter) {
        logger.warn({ pid: instance.pid }, 'the embedded Neo4j answers again');
        options.availability?.up();
      }
      failedPings = 0;
      failingSince = null;
      return;
    }
    failedPings += 1;
    failingSince ??= Date.now();
    if (failedPings === awayAfter) {
      logger.warn({ pid: instance.pid, failedPings }, 'the embedded Neo4j is not answering');
      options.availability?.down(hungAfterMs - (Date.now() - failingSince) + backoffMs + startMs, false);
    }
    if (Date.now() - failingSince >= hungAfterMs) {
      logger.error({ pid: instance.pid, failedPings }, 'the embedded Neo4j is alive but not answering; killing it');
      failedPings = 0;
      failingSince = null;
      await instance.stop(0); // SIGKILL at once; the exit watcher restarts it
    }
  }, pingEveryMs);
  pinger.unref();

  return {
    uri: running.uri,
    user: running.user,
    password: running.password,
    version: running.version,
    current: () => running,
    restarts: () => restarts,
    async stop() {
      state = 'stopping';
      clearInterval(pinger);
      await running.stop();
    },
  };
}
