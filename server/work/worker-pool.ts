import { Worker } from 'node:worker_threads';
import { AppError, GraphUnavailableError, QueryTooExpensiveError, type ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { workerStart } from './worker-bundle.js';

/**
 * What a pool's worker answers for one job: the result; or an app error (its code and message, for the user);
 * or any other failure as text, which is logged and never shown.
 */
export type WorkerReply<Output> = { ok: true; output: Output } | { ok: false; code?: ErrorCode; message: string };

export interface WorkerPoolOptions {
  /** The worker module (TypeScript), as a file URL; it answers each message with one WorkerReply. */
  entry: URL;
  /** Workers running at once. */
  size: number;
  /** Jobs waiting for a worker beyond those running; more are refused at once. */
  maxQueued: number;
  /** A job still running after this long is stopped (its worker terminated and replaced). */
  timeLimitMs: number;
  /**
   * Ends each thread once its job is done instead of keeping it for the next: for rare jobs that build large
   * transient data, whose thread would otherwise hold the heap it grew to until the process ends.
   */
  threadPerJob?: boolean;
  /**
   * What the refusals call the work and name as their settings, e.g. "export" and WORKER_THREADS, and how the
   * user narrows a job that ran too long.
   */
  describe: { work: string; sizeSetting: string; timeSetting: string; narrowing: string };
  logger: Logger;
}

interface Job<Input, Output> {
  input: Input;
  resolve(output: Output): void;
  reject(error: Error): void;
}

/**
 * A fixed set of worker threads for CPU-heavy work (layouts, report rendering, large serialisations), so that
 * the event loop that answers every other request is never the one doing it. A bounded queue and a time limit
 * per job: a job over the limit is stopped by terminating its thread, which works whatever the job is doing.
 */
export class WorkerPool<Input, Output> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private readonly queue: Job<Input, Output>[] = [];
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Runs one job in a worker; refuses with QUERY_TOO_EXPENSIVE when the queue is full or the job runs too long. */
  run(input: Input): Promise<Output> {
    if (this.closed) return Promise.reject(new GraphUnavailableError('The server is shutting down; try again shortly.'));
    const { size, maxQueued, describe } = this.options;
    if (this.busy.size >= size && this.queue.length >= maxQueued) {
      return Promise.reject(
        new QueryTooExpensiveError(
          `The server is already working on ${this.busy.size + this.queue.length} ${describe.work}s (${size} at a time, ${maxQueued} waiting at most; ${describe.sizeSetting}). Try again in a moment.`,
        ),
      );
    }
    return new Promise<Output>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.next();
    });
  }

  /**
   * Starts every thread now rather than on its first job, so that the first jobs do not wait for a thread to load
   * its modules (about a second of CPU each): a job sent meanwhile waits in the thread's port until it is ready.
   */
  warm(): void {
    while (!this.closed && this.idle.length + this.busy.size < this.options.size) this.idle.push(this.spawn());
  }

  /** Jobs running and waiting, and threads started of those allowed, for /healthz. */
  load(): { running: number; queued: number; started: number; threads: number } {
    return { running: this.busy.size, queued: this.queue.length, started: this.busy.size + this.idle.length, threads: this.options.size };
  }

  /** Stops every worker at once, failing what runs or waits; used at shutdown. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new GraphUnavailableError('The server is shutting down; try again shortly.'));
    await Promise.all([...this.idle.splice(0), ...this.busy].map((worker) => worker.terminate()));
  }

  private next(): void {
    if (this.closed || this.queue.length === 0 || this.busy.size >= this.options.size) return;
    const job = this.queue.shift()!;
    const worker = this.idle.pop() ?? this.spawn();
    this.busy.add(worker);
    const { timeLimitMs, describe, logger } = this.options;
    let settled = false;
    const finish = (reuse: boolean) => {
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      this.busy.delete(worker);
      if (reuse && !this.closed && !this.options.threadPerJob) this.idle.push(worker);
      else if (reuse) void worker.terminate();
      this.next();
    };
    const onMessage = (reply: WorkerReply<Output>) => {
      finish(true);
      if (reply.ok) job.resolve(reply.output);
      else if (reply.code) job.reject(new AppError(reply.code, reply.message));
      else {
        logger.error({ error: reply.message }, `${describe.work} failed in its worker`);
        job.reject(new Error(`${describe.work} failed in its worker`));
      }
    };
    const onError = (error: Error) => {
      if (settled) return;
      finish(false);
      logger.error({ err: error }, `a ${describe.work} worker crashed`);
      job.reject(error);
    };
    const onExit = () => {
      if (settled) return;
      finish(false);
      job.reject(new GraphUnavailableError('The server is shutting down; try again shortly.'));
    };
    const timer = setTimeout(() => {
      if (settled) return;
      finish(false);
      void worker.terminate();
      const seconds = Math.round(timeLimitMs / 1000);
      logger.warn({ seconds }, `a ${describe.work} ran past its time limit and was stopped`);
      job.reject(
        new QueryTooExpensiveError(
          `The ${describe.work} took longer than ${seconds} s (${describe.timeSetting}) and was stopped. Narrow it: ${describe.narrowing}.`,
        ),
      );
    }, timeLimitMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job.input);
  }

  private spawn(): Worker {
    const start = workerStart(this.options.entry);
    const worker = new Worker(start.file, { execArgv: start.execArgv, workerData: { entry: this.options.entry.href } });
    // An idle worker must not keep the process alive at exit.
    worker.unref();
    // A thread that fails while idle (a warmed one that cannot load its module) leaves the pool, logged; a busy
    // one's failure is its job's (see next()).
    worker.on('error', (error) => {
      const index = this.idle.indexOf(worker);
      if (index < 0) return;
      this.idle.splice(index, 1);
      this.options.logger.error({ err: error }, `an idle ${this.options.describe.work} worker failed`);
    });
    return worker;
  }
}
