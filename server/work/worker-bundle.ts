import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectRoot } from '../config.js';

/**
 * How a worker thread starts on a TypeScript module: `file` with `execArgv`. Each thread that loads TypeScript
 * through tsx gets a module-loader thread of its own and its own copy of every compiled module: about 90 MB of
 * resident memory per worker, measured with the path-search pool's three threads (+266 MB over the server's
 * 170 MB), and a second or more of CPU per thread at start. The module bundled once into plain JavaScript
 * (esbuild, the compiler tsx itself runs) costs about 40 MB per thread and loads without a compiler.
 */
export interface WorkerStart {
  file: URL;
  execArgv: string[];
  /** True when `file` is the bundle; false for the tsx bootstrap, which reads the entry from workerData. */
  bundled: boolean;
}

const bootstrap = new URL('./worker-bootstrap.mjs', import.meta.url);
const bundler = new URL('./bundle-worker.mjs', import.meta.url);
/** Inside the project, so that the bundle's package imports (left as imports) resolve from its node_modules. */
const cacheDir = path.join(projectRoot, 'node_modules', '.cache', 'attribution-explorer', 'workers');
const starts = new Map<string, WorkerStart>();

/**
 * The process's own flags without the ones that load tsx, which a bundled worker does not need (its module
 * loader thread is what costs the memory). Other flags (--cpu-prof, --max-old-space-size...) still apply.
 */
export function withoutTsx(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index += 1) {
    const flag = execArgv[index];
    const valued = /^(--import|--loader|--experimental-loader|--require|-r)$/.test(flag);
    if (valued && /^tsx(\/|$)/.test(execArgv[index + 1] ?? '')) {
      index += 1;
      continue;
    }
    if (/^(--import|--loader|--experimental-loader|--require)=tsx(\/|$)/.test(flag)) continue;
    kept.push(flag);
  }
  return kept;
}

/**
 * How to start a worker on `entry`: the bundled file when it can be built and written (once per process and
 * entry; rebuilt when the sources change, since its name is its content's hash), else the tsx bootstrap, which
 * loads the TypeScript directly (and is also what a missing or broken entry gets, so it fails as before).
 */
export function workerStart(entry: URL): WorkerStart {
  const known = starts.get(entry.href);
  if (known) return known;
  let start: WorkerStart;
  try {
    start = { file: pathToFileURL(bundle(fileURLToPath(entry))), execArgv: withoutTsx(process.execArgv), bundled: true };
  } catch {
    start = { file: bootstrap, execArgv: process.execArgv, bundled: false };
  }
  starts.set(entry.href, start);
  return start;
}

/** Bundles the entry's own modules (packages stay imports) into one ES module file; returns its path. */
function bundle(entryFile: string): string {
  return execFileSync(process.execPath, [fileURLToPath(bundler), entryFile, cacheDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  }).trim();
}
