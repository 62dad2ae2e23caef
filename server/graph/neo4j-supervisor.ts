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
  pingEveryMs?: number;
  /** Consecutive failed pings of a live JVM before it is killed and restarted. */
  hungAfter?: number;
}

/**
 * Runs the embedded Neo4j and keeps it running: a JVM that exits unexpectedly, or stops answering while
 * alive, is restarted on the same port with exponential backoff (1 s up to 30 s), and every event is logged.
 */
export async function superviseEmbeddedNeo4j(
  config: EmbeddedNeo4jConfig,
  dataDir: string,
  logger: Logger,
  options: SupervisorOptions,
): Promise<SupervisedNeo4j> {
  let running = await startEmbeddedNeo4j(config, dataDir, logger);
  const fixed = { ...config, boltPort: running.port };
  let stopping = false;
  let restarts = 0;
  let backoffMs = 1_000;
  let failedPings = 0;

  const restart = async (why: string) => {
    while (!stopping) {
      logger.warn({ why, inMs: backoffMs, restarts }, 'restarting the embedded Neo4j');
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      if (stopping) return;
      try {
        running = await startEmbeddedNeo4j(fixed, dataDir, logger);
        restarts += 1;
        backoffMs = 1_000;
        failedPings = 0;
        logger.warn({ restarts, pid: running.pid }, 'the embedded Neo4j is back');
        watch(running);
        return;
      } catch (error) {
        backoffMs = Math.min(backoffMs * 2, 30_000);
        logger.error({ err: error }, 'the embedded Neo4j did not restart; trying again');
      }
    }
  };

  const watch = (instance: RunningNeo4j) => {
    void instance.exited.then((code) => {
      if (stopping || instance !== running) return;
      logger.error({ code, pid: instance.pid }, 'the embedded Neo4j exited unexpectedly');
      void restart(`exit code ${code}`);
    });
  };
  watch(running);

  const pinger = setInterval(async () => {
    if (stopping) return;
    const instance = running;
    if (await options.ping()) {
      failedPings = 0;
      return;
    }
    failedPings += 1;
    if (failedPings >= (options.hungAfter ?? 3) && instance === running) {
      logger.error({ pid: instance.pid, failedPings }, 'the embedded Neo4j is alive but not answering; killing it');
      failedPings = 0;
      await instance.stop(0); // SIGKILL at once; the exit watcher restarts it
    }
  }, options.pingEveryMs ?? 5_000);
  pinger.unref();

  return {
    uri: running.uri,
    user: running.user,
    password: running.password,
    version: running.version,
    current: () => running,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      clearInterval(pinger);
      await running.stop();
    },
  };
}
