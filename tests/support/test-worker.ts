import { parentPort, threadId } from 'node:worker_threads';

/**
 * A worker for the pool's tests: echoes `{ echo }`, busy-waits `{ spinMs }` (ignoring everything), fails on `{ fail }`,
 * answers its thread's id on `{ thread }`.
 */
parentPort!.on('message', (job: { echo?: string; spinMs?: number; fail?: string; thread?: boolean }) => {
  if (job.fail) return parentPort!.postMessage({ ok: false, message: job.fail });
  if (job.thread) return parentPort!.postMessage({ ok: true, output: String(threadId) });
  if (job.spinMs) {
    const until = Date.now() + job.spinMs;
    while (Date.now() < until) {
      // a job that never yields, as a runaway layout does
    }
  }
  parentPort!.postMessage({ ok: true, output: job.echo ?? 'done' });
});
