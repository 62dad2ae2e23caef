import v8 from 'node:v8';

/**
 * Caps how far each V8 heap of this process grows past the memory its last full collection kept. Left to itself, V8
 * grows a busy heap by a factor of up to four; the server runs four heaps under load (the request thread and three
 * path workers), and on the medium benchmark graph under 32 clients each grew to 120-190 MB of which 30-60 MB was
 * live: a peak of 710-785 MB resident. Growing by half (50) held the peak at 487-497 MB for about 10-15% fewer
 * searches a second than V8's own rule (4 hops: 25-26 against 25-36 requests/s; 6 hops: 17-22 against 21-24), by
 * doubling (100) at 512-555 MB with no loss, and by a fifth (20) at 487-495 MB with a third fewer (lab, medium graph,
 * interleaved runs; README, Performance). 50 is the default because it keeps the server under 500 MB on that graph
 * and still twice the path throughput the benchmark started from. V8 reads the flag whenever it sizes a heap, so
 * set here, before the first worker starts, it applies to every thread.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
