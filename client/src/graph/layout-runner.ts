/**
 * The main thread's side of the layout worker: posts a job, resolves with its positions. One worker serves
 * every layout in turn. Where workers do not exist (Vitest), the same computation runs in place.
 */
import { computeLayout, type LayoutJob, type LayoutPositions } from './layout-compute';

type Reply = { id: number; positions: LayoutPositions } | { id: number; error: string };

export class LayoutRunner {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve(positions: LayoutPositions): void; reject(error: Error): void }>();

  /** Starts the worker ahead of the first layout. */
  warm(): void {
    if (typeof Worker !== 'undefined') this.worker ??= this.start();
  }

  run(job: LayoutJob): Promise<LayoutPositions> {
    if (typeof Worker === 'undefined') return Promise.resolve().then(() => computeLayout(job));
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'layout' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const waiting = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      if (!waiting) return;
      if ('error' in event.data) waiting.reject(new Error(`Layout failed: ${event.data.error}`));
      else waiting.resolve(event.data.positions);
    };
    worker.onerror = (event) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`Layout worker failed: ${event.message}`));
      this.pending.clear();
      this.worker = null;
    };
    return worker;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
