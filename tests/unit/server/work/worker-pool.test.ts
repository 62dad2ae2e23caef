import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryTooExpensiveError } from '../../../../server/errors.js';
import { WorkerPool } from '../../../../server/work/worker-pool.js';
import { testLogger } from '../../../support/graph.js';

type Job = { echo?: string; spinMs?: number; fail?: string; thread?: boolean };
const pools: WorkerPool<Job, string>[] = [];

function pool(options: { size?: number; maxQueued?: number; timeLimitMs?: number; entry?: string; threadPerJob?: boolean } = {}) {
  const created = new WorkerPool<Job, string>({
    entry: new URL(options.entry ?? '../../../support/test-worker.ts', import.meta.url),
    size: options.size ?? 1,
    maxQueued: options.maxQueued ?? 4,
    timeLimitMs: options.timeLimitMs ?? 20_000,
    threadPerJob: options.threadPerJob,
    describe: { work: 'test job', sizeSetting: 'WORKER_THREADS', timeSetting: 'HEAVY_WORK_TIMEOUT_S', narrowing: 'a smaller job' },
    logger: testLogger,
  });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

describe('WorkerPool', () => {
  it('runs jobs in a worker thread, one at a time per thread, in order', async () => {
    const workers = pool();
    expect(await Promise.all(['a', 'b', 'c'].map((echo) => workers.run({ echo })))).toEqual(['a', 'b', 'c']);
  });

  it('starts its threads ahead of the first job when warmed, and runs jobs on them', async () => {
    const workers = pool({ size: 2 });
    expect(workers.load()).toMatchObject({ started: 0, threads: 2 });
    workers.warm();
    expect(workers.load()).toMatchObject({ started: 2, running: 0 });
    expect(await Promise.all(['a', 'b'].map((echo) => workers.run({ echo })))).toEqual(['a', 'b']);
    expect(workers.load()).toMatchObject({ started: 2, running: 0 });
  });

  it('keeps its threads for the next jobs, or with threadPerJob ends each thread with its job', async () => {
    const kept = pool();
    const [first, second] = [await kept.run({ thread: true }), await kept.run({ thread: true })];
    expect(second).toBe(first);
    expect(kept.load()).toMatchObject({ started: 1, running: 0 });

    const single = pool({ threadPerJob: true });
    const [one, two] = [await single.run({ thread: true }), await single.run({ thread: true })];
    expect(two).not.toBe(one);
    expect(single.load()).toMatchObject({ started: 0, running: 0 });
  });

  it('drops a warmed thread that cannot load its module, without failing the process, and fails the next job plainly', async () => {
    const workers = pool({ entry: '../../../support/missing-worker.ts' });
    workers.warm();
    await vi.waitFor(() => expect(workers.load().started).toBe(0), { timeout: 10_000 });
    await expect(workers.run({ echo: 'x' })).rejects.toThrow();
  });

  it('keeps this thread free while a job spins in its worker', async () => {
    const workers = pool();
    const spinning = workers.run({ spinMs: 1_500 });
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(performance.now() - started).toBeLessThan(500);
    expect(await spinning).toBe('done');
  });

  it('stops a job over its time limit, names the setting, and serves the next job with a fresh thread', async () => {
    // The limit counts from dispatch, a fresh thread's start included (1-2 s on a busy machine).
    const workers = pool({ timeLimitMs: 4_000 });
    const started = performance.now();
    const stopped = await workers.run({ spinMs: 60_000 }).catch((error) => error);
    expect(stopped).toBeInstanceOf(QueryTooExpensiveError);
    expect(stopped.message).toMatch(/took longer than 4 s \(HEAVY_WORK_TIMEOUT_S\)/);
    expect(stopped.message).toMatch(/Narrow it: a smaller job\./);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await workers.run({ echo: 'after' })).toBe('after');
  });

  it('refuses a job when the queue is full, naming the setting', async () => {
    const workers = pool({ maxQueued: 1 });
    const first = workers.run({ spinMs: 300 });
    const second = workers.run({ echo: 'queued' });
    const refused = await workers.run({ echo: 'refused' }).catch((error) => error);
    expect(refused).toBeInstanceOf(QueryTooExpensiveError);
    expect(refused.message).toMatch(/1 at a time, 1 waiting at most; WORKER_THREADS/);
    expect(await Promise.all([first, second])).toEqual(['done', 'queued']);
  });

  it("reports a worker's own failure as an error whose text stays in the log", async () => {
    const failed = await pool()
      .run({ fail: 'secret detail' })
      .catch((error) => error);
    expect(failed.message).toBe('test job failed in its worker');
  });

  it('fails what runs and waits when it closes', async () => {
    const workers = pool();
    const outcomes = [workers.run({ spinMs: 5_000 }), workers.run({ echo: 'never' })].map((job) => job.catch((error) => error));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await workers.close();
    for (const outcome of await Promise.all(outcomes)) expect(outcome.extensions?.code).toBe('GRAPH_UNAVAILABLE');
  });
});
