/**
 * The whole-graph duplicate scan (issue 15) on the loaded benchmark graph: scanDuplicates pages through every
 * entity (200 at a time, each page one read transaction of bounded size) as the background job would, for a time
 * budget. Reported: how far it got, its rate, the pairs found, and the time a complete scan would take at that rate.
 */
import { defaultMinScore, scanDuplicates } from '../server/domain/duplicates/find-candidates.js';
import type { Graph } from '../server/graph/run.js';
import { say } from './progress.js';
import { round } from './load.js';

export interface DuplicateScanReport {
  budget_s: number;
  seconds: number;
  entities_checked: number;
  entities_total: number;
  complete: boolean;
  pairs_found: number;
  entities_per_s: number;
  /** A complete scan of the graph at the measured rate, in seconds. */
  projected_full_scan_s: number | null;
  min_score: number;
}

export async function benchmarkDuplicateScan(graph: Graph, entitiesTotal: number, budgetSeconds: number): Promise<DuplicateScanReport> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetSeconds * 1000);
  const started = performance.now();
  let lastSaid = started;
  try {
    const result = await scanDuplicates(graph, {
      signal: controller.signal,
      onProgress: ({ entitiesChecked, pairsFound }) => {
        if (performance.now() - lastSaid < 10_000) return;
        lastSaid = performance.now();
        say(`duplicate scan: ${entitiesChecked} of ${entitiesTotal} entities, ${pairsFound} pairs`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const rate = result.entitiesChecked / seconds;
    return {
      budget_s: budgetSeconds,
      seconds: round(seconds, 1),
      entities_checked: result.entitiesChecked,
      entities_total: entitiesTotal,
      complete: result.complete,
      pairs_found: result.pairs.length,
      entities_per_s: round(rate, 1),
      projected_full_scan_s: rate > 0 ? round(entitiesTotal / rate, 0) : null,
      min_score: defaultMinScore,
    };
  } finally {
    clearTimeout(timer);
  }
}
