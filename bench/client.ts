/**
 * The client side: builds bench/client-page (the explorer's own graph modules) with Vite, serves it on
 * loopback and drives Debian's Chromium headless to time drawing and layout, then the frame time while
 * the canvas is dragged (a real mouse pan, which is what switches on Cytoscape's viewport levers).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { projectRoot } from '../server/config.js';
import { withTimeout } from '../shared/with-timeout.js';
import type { CanvasVariant, DrawResult, FrameResult } from './client-page/api.js';
import { round } from './load.js';
import { say } from './progress.js';
import type { ClientSubgraph } from './sample.js';

export interface ClientRow {
  elements: number;
  nodes: number;
  edges: number;
  /** Explorer: elements converted, added, laid out (its layout and settings for that size) and painted. */
  draw_ms: number | null;
  /** Cytoscape's defaults with fcose at its defaults; null when skipped or over the time limit (see default_draw_note). */
  default_draw_ms: number | null;
  default_draw_note?: string;
  /** The longest main-thread task while the explorer drew (PerformanceObserver 'longtask', tasks over 50 ms), and how many there were. */
  longest_task_ms: number | null;
  long_tasks: number | null;
  /** The same as longest_task_ms, under the name issue 19 gives it (the explorer's side). */
  long_task_max_ms: number | null;
  /**
   * The defaults' side: the longest main-thread task while Cytoscape's defaults drew at the explorer's positions
   * (one draw, no layout: the same picture as the explorer's), and while they drew with their own fcose layout
   * (null when that was skipped). Cytoscape lays out on the main thread, so the latter is most of default_draw_ms.
   */
  default_long_task_max_ms: number | null;
  default_layout_long_task_max_ms: number | null;
  /** Mean time between frames while panning, explorer and defaults at the same positions and viewport. */
  frame_ms: number | null;
  default_frame_ms: number | null;
  /** frame_ms / default_frame_ms. */
  ratio: number | null;
  frame_p95_ms: number | null;
  default_frame_p95_ms: number | null;
  /** Cytoscape's own draw time per redraw while panning (not bounded below by the display's frame rate). */
  render_ms: number | null;
  default_render_ms: number | null;
  render_ratio: number | null;
  /** The longest single redraw during each pan (the explorer's, the defaults'): a hitch the mean hides. */
  render_max_ms: [number | null, number | null] | null;
  /** Redraws and viewport pan events during each pan: evidence that both canvases really moved. */
  redraws: [number, number] | null;
  pans: [number, number] | null;
  settings?: DrawResult['settings'];
  /**
   * Sizes of 5,000 elements and more: the explorer with Cytoscape's WebGL renderer (3.31+), drawn and panned the same
   * way, to decide whether it should be the default there. `error` says why it could not run (no WebGL context).
   */
  webgl?: {
    draw_ms: number | null;
    longest_task_ms: number | null;
    long_task_max_ms: number | null;
    frame_ms: number | null;
    render_ms: number | null;
    render_max_ms: number | null;
    error?: string;
  };
  /** With --client-variants: frame and render time of canvases that differ from the explorer's by one setting. */
  variants?: { name: string; frame_ms: number | null; render_ms: number | null; render_max_ms: number | null }[];
  error?: string;
}

/** From this many elements the WebGL renderer is measured too (the issue: "views over 5,000 elements"). */
const webglFrom = 5_000;

/** One setting changed at a time, from the explorer's large-view settings towards Cytoscape's defaults. */
const variants: { name: string; variant: CanvasVariant }[] = [
  {
    name: 'explorer style (large), no viewport levers',
    variant: { explorerStyle: true, large: true, hideEdgesOnViewport: false, textureOnViewport: false },
  },
  {
    name: 'explorer style (large), hideEdgesOnViewport only',
    variant: { explorerStyle: true, large: true, hideEdgesOnViewport: true, textureOnViewport: false },
  },
  {
    name: 'explorer style (large), textureOnViewport only',
    variant: { explorerStyle: true, large: true, hideEdgesOnViewport: false, textureOnViewport: true },
  },
  {
    name: 'explorer style (large), both levers',
    variant: { explorerStyle: true, large: true, hideEdgesOnViewport: true, textureOnViewport: true },
  },
  {
    name: 'explorer style (large) without labels, no levers',
    variant: { explorerStyle: true, large: true, labels: false, hideEdgesOnViewport: false, textureOnViewport: false },
  },
  {
    name: 'default style, hideEdgesOnViewport only',
    variant: { explorerStyle: false, large: false, hideEdgesOnViewport: true, textureOnViewport: false },
  },
];

export interface ClientOptions {
  panSeconds: number;
  drawTimeoutSeconds: number;
  /** Skip the defaults' own layout for sizes above the first one that ran past the time limit. */
  defaultDrawTimeoutSeconds: number;
  /** Also pan the diagnostic variants (one setting changed at a time). */
  variants?: boolean;
}

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  // WebGL without a GPU (SwiftShader), for the WebGL renderer's row; the explorer's own canvas does not use it.
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Every page is served on loopback; no proxy from the environment in between.
  '--no-proxy-server',
];

async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.join(projectRoot, 'bench', 'client-page'),
    base: '/',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5_000 },
    worker: { format: 'es' },
  });
}

function serve(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((request, response) => {
    const file = path.join(
      folder,
      path.normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, ''),
    );
    const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(folder, 'index.html');
    response.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' });
    fs.createReadStream(target).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Drags the background in a circle for `seconds` with the mouse held down, and returns the frame statistics. */
async function pan(page: Page, seconds: number): Promise<FrameResult> {
  const start = await page.evaluate(() => window.bench.emptyPoint());
  const radius = 120;
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // Counting starts before the first move, so the gesture's first redraw (with textureOnViewport, the
  // bitmap of the whole view) is included.
  await page.evaluate(() => window.bench.startFrames());
  await page.mouse.move(start.x + 3, start.y + 3);
  const until = Date.now() + seconds * 1000;
  for (let step = 1; Date.now() < until; step += 1) {
    const angle = step / 12;
    const centre = start.x < 200 ? start.x + radius : start.x - radius;
    const direction = start.x < 200 ? -1 : 1;
    await page.mouse.move(centre + direction * radius * Math.cos(angle), start.y + radius * Math.sin(angle));
  }
  const frames = await page.evaluate(() => window.bench.stopFrames());
  await page.mouse.up();
  return frames;
}

const ms = (value: number | null | undefined) => (value === null || value === undefined ? null : round(value, 1));
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? round(a / b, 3) : null);

/** Runs every size; each in a fresh page, explorer first, then the defaults at the same positions, then the defaults' own layout. */
export async function benchmarkClient(
  subgraphs: ClientSubgraph[],
  options: ClientOptions,
): Promise<{ rows: ClientRow[]; chromium: string }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-bench-client-'));
  let browser: Browser | null = null;
  let site: Awaited<ReturnType<typeof serve>> | null = null;
  const rows: ClientRow[] = [];
  try {
    await buildPage(outDir);
    site = await serve(outDir);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    let defaultLayoutTooSlow: string | null = null;
    for (const subgraph of subgraphs) {
      const elements = subgraph.entities.length + subgraph.relationships.length;
      const row: ClientRow = {
        elements,
        nodes: subgraph.entities.length,
        edges: subgraph.relationships.length,
        draw_ms: null,
        default_draw_ms: null,
        longest_task_ms: null,
        long_tasks: null,
        long_task_max_ms: null,
        default_long_task_max_ms: null,
        default_layout_long_task_max_ms: null,
        frame_ms: null,
        default_frame_ms: null,
        ratio: null,
        frame_p95_ms: null,
        default_frame_p95_ms: null,
        render_ms: null,
        default_render_ms: null,
        render_ratio: null,
        render_max_ms: null,
        redraws: null,
        pans: null,
      };
      rows.push(row);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      try {
        await page.goto(site.url);
        await page.waitForFunction(() => Boolean(window.bench));
        say(`client: ${elements} elements, explorer draw`);
        const drawn = await withTimeout(
          page.evaluate((input) => window.bench.drawExplorer(input), subgraph),
          options.drawTimeoutSeconds,
          'the explorer draw',
        );
        row.draw_ms = ms(drawn.ms);
        row.longest_task_ms = ms(drawn.longest_task_ms);
        row.long_task_max_ms = row.longest_task_ms;
        row.long_tasks = drawn.long_tasks ?? null;
        row.settings = drawn.settings;
        const explorerFrames = await pan(page, options.panSeconds);
        const shown = await page.evaluate((input) => window.bench.showDefaultsAtExplorerPositions(input), subgraph);
        row.default_long_task_max_ms = ms(shown.longest_task_ms);
        const defaultFrames = await pan(page, options.panSeconds);
        Object.assign(row, {
          frame_ms: ms(explorerFrames.frame_ms),
          default_frame_ms: ms(defaultFrames.frame_ms),
          ratio: ratio(explorerFrames.frame_ms, defaultFrames.frame_ms),
          frame_p95_ms: ms(explorerFrames.frame_p95_ms),
          default_frame_p95_ms: ms(defaultFrames.frame_p95_ms),
          render_ms: ms(explorerFrames.render_ms),
          default_render_ms: ms(defaultFrames.render_ms),
          render_ratio: ratio(explorerFrames.render_ms, defaultFrames.render_ms),
          render_max_ms: [ms(explorerFrames.render_max_ms), ms(defaultFrames.render_max_ms)],
          redraws: [explorerFrames.redraws, defaultFrames.redraws],
          pans: [explorerFrames.pans, defaultFrames.pans],
        });
        if (elements >= webglFrom) {
          say(`client: ${elements} elements, explorer draw with WebGL`);
          try {
            const drawnGl = await withTimeout(
              page.evaluate((input) => window.bench.drawExplorer(input, { webgl: true }), subgraph),
              options.drawTimeoutSeconds,
              'the explorer draw with WebGL',
            );
            const glFrames = await pan(page, options.panSeconds);
            row.webgl = {
              draw_ms: ms(drawnGl.ms),
              longest_task_ms: ms(drawnGl.longest_task_ms),
              long_task_max_ms: ms(drawnGl.longest_task_ms),
              frame_ms: ms(glFrames.frame_ms),
              render_ms: ms(glFrames.render_ms),
              render_max_ms: ms(glFrames.render_max_ms),
            };
          } catch (error) {
            row.webgl = {
              draw_ms: null,
              longest_task_ms: null,
              long_task_max_ms: null,
              frame_ms: null,
              render_ms: null,
              render_max_ms: null,
              error: (error as Error).message.split('\n')[0],
            };
          }
        }
        if (options.variants) {
          row.variants = [];
          for (const { name, variant } of variants) {
            await page.evaluate(([input, chosen]) => window.bench.showVariant(input, chosen), [subgraph, variant] as const);
            const frames = await pan(page, options.panSeconds);
            row.variants.push({
              name,
              frame_ms: ms(frames.frame_ms),
              render_ms: ms(frames.render_ms),
              render_max_ms: ms(frames.render_max_ms),
            });
          }
        }
        if (defaultLayoutTooSlow) {
          row.default_draw_note = `skipped: ${defaultLayoutTooSlow}`;
        } else {
          say(`client: ${elements} elements, defaults draw (fcose defaults)`);
          try {
            const defaults = await withTimeout(
              page.evaluate((input) => window.bench.drawDefaults(input), subgraph),
              options.defaultDrawTimeoutSeconds,
              'the default fcose layout',
            );
            row.default_draw_ms = ms(defaults.ms);
            row.default_layout_long_task_max_ms = ms(defaults.longest_task_ms);
          } catch (error) {
            defaultLayoutTooSlow = `${(error as Error).message} at ${elements} elements`;
            row.default_draw_note = defaultLayoutTooSlow;
          }
        }
        if (problems.length > 0) row.error = `page errors: ${problems.slice(0, 3).join(' | ')}`;
      } catch (error) {
        row.error = (error as Error).message.split('\n')[0];
      } finally {
        // Closing also ends a page still busy in a layout.
        await page.close({ runBeforeUnload: false }).catch(() => undefined);
      }
    }
    return { rows, chromium: browser.version() };
  } finally {
    await browser?.close().catch(() => undefined);
    await site?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
