/** Per-scale defaults of a benchmark run (each can be overridden by a flag of bench/run.ts). */
import type { ScaleName } from './generate-graph.js';

export interface Preset {
  heap: string;
  pageCache: string;
  requests: number;
  seconds: number;
  importBudget: number;
  clientSizes: string;
  panSeconds: number;
  defaultDrawTimeout: number;
}

/** Small is the quick look (and, with tighter flags, the CI smoke test); medium is the one the targets are about. */
export const presets: Record<ScaleName, Preset> = {
  small: {
    heap: '1g',
    pageCache: '512m',
    requests: 30,
    seconds: 3,
    importBudget: 60,
    clientSizes: '500,2000,5000,10000',
    panSeconds: 2,
    defaultDrawTimeout: 30,
  },
  medium: {
    // The import pipeline's one transaction of 500k relationships fails at 8g (the commit passes the 5.6 GB
    // transaction limit) and completes at 12g (docs/import-formats.md, Size).
    heap: '12g',
    pageCache: '2g',
    requests: 200,
    seconds: 30,
    importBudget: 900,
    clientSizes: '500,2000,5000,10000',
    panSeconds: 3,
    defaultDrawTimeout: 120,
  },
  large: {
    heap: '8g',
    pageCache: '6g',
    requests: 200,
    seconds: 30,
    importBudget: 1800,
    clientSizes: '500,2000,5000,10000',
    panSeconds: 3,
    defaultDrawTimeout: 120,
  },
};

/** Distinct requests built per workload: the measured ones plus room for the warm-up (up to 32). */
export function requestsPerWorkload(requestsPerSide: number): number {
  return requestsPerSide + 32;
}

/** A preset setting per scale, for a flag's help ("1g small, 12g medium, 8g large"), so the help cannot drift. */
export function scaleDefaults(pick: (preset: Preset) => string | number): string {
  return Object.entries(presets)
    .map(([scale, preset]) => `${pick(preset)} ${scale}`)
    .join(', ');
}
