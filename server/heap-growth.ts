import v8 from 'node:v8';

/**
 * Caps how far each V8 heap of this process grows past the memory its last full collection kept. Left to itself, V8
 * grows a busy heap by a factor of up to four; the server runs four heaps under load (the request thread and three
 * path workers), and on the medium benchmark graph under 32 clients each grew to 120-190 MB, of which 25-60 MB was
 * in use right after a collection: a peak of 710-785 MB resident. Growing by doubling (100) held the peak at
 * 512-555 MB with the same searches a second (4 hops at 32 clients: 29-31 against 25-36 requests/s; 6 hops: 20-24
 * against 21-24), by half (50) at 487-497 MB for about 10-15% fewer, and by a fifth (20) at 487-495 MB for a third
 * fewer (lab, medium graph, paths at 1 and 32 clients, interleaved runs). A full query run at 50
 * (bench/results/2026-12-04T17-28-33Z-medium.json) still peaked at 590 MB, and its 6-hop searches at 32 clients fell
 * to 15 a second: 100 is the default, the memory that costs no speed. V8 reads the flag whenever it sizes a heap,
 * so set here, before the first worker starts, it applies to every thread.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
