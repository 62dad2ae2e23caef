import { monitorEventLoopDelay } from 'node:perf_hooks';

const windowMs = 10_000;

export interface EventLoopLag {
  /** How late the event loop ran its timers over the last full 10 s window (and the worst so far), in ms. */
  snapshot(): { p50Ms: number; p99Ms: number; maxMs: number; windowSeconds: number; worstMs: number };
  stop(): void;
}

/**
 * The event loop's lag, measured by Node's own sampler (perf_hooks.monitorEventLoopDelay): how long a ready
 * callback had to wait. Every request waits that long before it is even read, so this is the figure that says
 * whether something is hogging the loop.
 */
export function measureEventLoopLag(): EventLoopLag {
  const resolutionMs = 10;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  // The sampler records the time between its ticks, which includes the tick itself: the lag is the excess.
  const ms = (nanoseconds: number) => Math.max(0, Math.round(nanoseconds / 1e4) / 100 - resolutionMs);
  let last = { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  let worstMs = 0;
  const roll = setInterval(() => {
    last = { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
    worstMs = Math.max(worstMs, last.maxMs);
    histogram.reset();
  }, windowMs);
  roll.unref();
  return {
    snapshot: () => ({ ...last, windowSeconds: windowMs / 1000, worstMs: Math.max(worstMs, ms(histogram.max)) }),
    stop() {
      clearInterval(roll);
      histogram.disable();
    },
  };
}
