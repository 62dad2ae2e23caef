import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/config.js';
import { importDocument, parseImport } from '../../server/domain/import/run-import.js';
import { editorToken, startTestServer, uniquePrefix, type TestServer } from '../support/graph.js';

// Pictures for reports (issue 18), from the server: SVG and PNG of a saved view from GraphQL, the /export URL and the
// CLI, in the light theme by default with a viewBox, a title, a date, the legend and a source line; a claimed link
// stays dotted at 90%; reports exported from a view keep the analyst's arrangement; reports of more than 2,000
// entities are produced, summarised, with every link in an appendix.
let server: TestServer;
const prefix = uniquePrefix('pictures');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-pictures-'));
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.graph.write('admin/delete-by-id-prefix', { prefix });
  await server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const saveView = /* GraphQL */ `
  mutation Save($input: ViewInput!) {
    saveView(input: $input) {
      id
    }
  }
`;
const exportQuery = /* GraphQL */ `
  query Export($view: ID, $format: ExportFormat!, $picture: PictureInput) {
    export(view: $view, format: $format, picture: $picture) {
      filename
      mimeType
      content
      encoding
    }
  }
`;
type ExportFile = { filename: string; mimeType: string; content: string; encoding: string };

// The founding case as an analyst arranged it: chosen places, the United States hidden, suspected links filtered out.
const positions = [
  { id: 'iran', x: 0, y: 0 },
  { id: 'iran-mois', x: 260.5, y: -40.25 },
  { id: 'homeland-justice', x: -300, y: 120 },
  { id: 'albania', x: -80, y: 420 },
  { id: 'inc-july-2022', x: -420, y: 380 },
  { id: 'claim-hj-july-2022', x: -600, y: 200 },
  { id: 'sanc-us-mois-2022', x: 520, y: 60 },
  { id: 'united-states', x: 700, y: 300 },
];
const viewState = {
  positions,
  hidden: ['united-states'],
  pinned: [],
  selection: [],
  filters: { hiddenStances: ['SUSPECTED'] },
};

async function createView(title: string, state: object): Promise<string> {
  const saved = await server.graphql<{ saveView: { id: string } }>(
    saveView,
    { input: { id: `${prefix}${title.replace(/\W+/g, '-')}`, title, state } },
    editorToken,
  );
  expect(saved.errors).toBeUndefined();
  return saved.data!.saveView.id;
}

async function exported(variables: Record<string, unknown>): Promise<ExportFile> {
  const result = await server.graphql<{ export: ExportFile }>(exportQuery, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.export;
}

/** Label x (the node's centre) by entity name, from the picture's node groups. */
function labelXs(svg: string): Map<string, number> {
  const xs = new Map<string, number>();
  for (const match of svg.matchAll(/<g><title>(.*?) \([^)]*\)<\/title>.*?<tspan x="(-?[\d.]+)"/g)) xs.set(match[1], Number(match[2]));
  return xs;
}

describe('pictures of a saved view', () => {
  let viewId: string;
  beforeAll(async () => {
    viewId = await createView('Albania arranged', viewState);
  });

  it('gives an SVG with a viewBox, light by default, with title, date, legend and source, at the saved places', async () => {
    const file = await exported({ view: viewId, format: 'SVG', picture: { source: 'Source: the founding case, cited per link.' } });
    expect(file.mimeType).toBe('image/svg+xml');
    expect(file.encoding).toBe('utf-8');
    expect(file.filename).toMatch(/\.svg$/);
    const svg = file.content;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*viewBox="0 0 [\d.]+ [\d.]+"/);
    expect(svg).toContain('data-theme="light"');
    expect(svg).toContain('fill="#FFFFFF"');
    expect(svg).toContain('>Albania arranged</text>');
    expect(svg).toMatch(/>Exported \d{4}-\d{2}-\d{2}</);
    expect(svg).toContain('class="legend"');
    expect(svg).toContain('>Source: the founding case, cited per link.</text>');
    // What the view shows: not the hidden entity, no suspected link; the saved arrangement, distances kept.
    expect(svg).not.toContain('<title>United States (');
    expect(svg).not.toContain('data-stance="SUSPECTED"');
    const xs = labelXs(svg);
    expect(xs.get('Ministry of Intelligence and Security of Iran')! - xs.get('Iran')!).toBeCloseTo(260.5, 0);
    expect(xs.get('Homeland Justice')! - xs.get('Iran')!).toBeCloseTo(-300, 0);
  });

  it('draws a claimed link dotted and an asserted one solid at every confidence', async () => {
    const state = { ...viewState, hidden: [], filters: {} };
    const id = await createView('Every stance', state);
    const svg = (await exported({ view: id, format: 'SVG' })).content;
    const strokes = [...svg.matchAll(/<path [^>]*stroke-width="([\d.]+)"([^>]*)data-stance="(\w+)"/g)].map(([, width, rest, stance]) => ({
      width: Number(width),
      dash: /stroke-dasharray="([\d. ]+)"/.exec(rest)?.[1].split(' ').map(Number) ?? null,
      cap: /stroke-linecap="(\w+)"/.exec(rest)?.[1] ?? null,
      stance,
    }));
    const claimed = strokes.filter((stroke) => stroke.stance === 'CLAIMED');
    const asserted = strokes.filter((stroke) => stroke.stance === 'ASSERTED');
    expect(claimed.length).toBeGreaterThan(0);
    expect(asserted.length).toBeGreaterThan(0);
    for (const stroke of claimed) {
      expect(stroke.cap).toBe('round');
      expect(stroke.dash![1] - stroke.width, JSON.stringify(stroke)).toBeGreaterThanOrEqual(2);
    }
    for (const stroke of asserted) expect(stroke.dash).toBeNull();
  });

  it('draws the dark theme when asked, and leaves out what is switched off', async () => {
    const svg = (
      await exported({ view: viewId, format: 'SVG', picture: { theme: 'DARK', title: 'Own title', legend: false, date: false } })
    ).content;
    expect(svg).toContain('data-theme="dark"');
    expect(svg).toContain('fill="#0E1320"');
    expect(svg).toContain('>Own title</text>');
    expect(svg).not.toContain('class="legend"');
    expect(svg).not.toContain('>Exported ');
  });

  it('gives a PNG from GraphQL (base64) and from the /export URL, twice the SVG size', async () => {
    const svg = (await exported({ view: viewId, format: 'SVG' })).content;
    const [, width, height] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
    const fromApi = await exported({ view: viewId, format: 'PNG' });
    expect(fromApi.encoding).toBe('base64');
    expect(fromApi.mimeType).toBe('image/png');
    const bytes = Buffer.from(fromApi.content, 'base64');
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.readUInt32BE(16)).toBe(Math.ceil(Number(width) * 2));
    expect(bytes.readUInt32BE(20)).toBe(Math.ceil(Number(height) * 2));

    const response = await fetch(`${server.url}/export?view=${viewId}&format=png&theme=dark&title=From%20the%20URL`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?attribution-view-.*\.png"?$/);
    const fromUrl = Buffer.from(await response.arrayBuffer());
    expect(fromUrl.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    fs.writeFileSync(path.join(projectRoot, 'tests', 'artifacts', 'export-view-dark.png'), fromUrl);

    const unknown = await fetch(`${server.url}/export?view=${prefix}nothing&format=svg`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/No saved view/);
  });

  it('writes a picture of a view from the CLI', () => {
    const target = inject('neo4j');
    const out = path.join(folder, 'view.png');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/export.ts', '--view', viewId, '--format', 'png', '--title', 'From the CLI', '--out', out],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        env: { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user, NEO4J_PASSWORD: target.password, DATA_DIR: folder },
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    fs.copyFileSync(out, path.join(projectRoot, 'tests', 'artifacts', 'export-view-cli.png'));
  });

  it('keeps the saved arrangement in the HTML report of a view', async () => {
    const html = (await exported({ view: viewId, format: 'HTML' })).content;
    expect(html).toContain('<h1>Attribution report: Albania arranged</h1>');
    const figure = /<figure>([\s\S]*?)<\/figure>/.exec(html)![1];
    const xs = labelXs(figure);
    expect(xs.get('Ministry of Intelligence and Security of Iran')! - xs.get('Iran')!).toBeCloseTo(260.5, 0);
    expect(xs.get('Albania')! - xs.get('Iran')!).toBeCloseTo(-80, 0);
    expect(figure).not.toContain('<title>United States (');
  });
});

describe('reports of more than 2,000 entities', () => {
  it('are produced from a view, summarised, with every entity and every link in the tables', async () => {
    const count = 2_500;
    const document = {
      format: 'attribution-explorer',
      version: 1,
      sources: [{ id: `${prefix}src`, title: 'Generated for a large report' }],
      entities: Array.from({ length: count }, (_, index) => ({
        id: `${prefix}e${index}`,
        kind: 'ORGANIZATION',
        name: `Large ${index}`,
        sources: [{ source: `${prefix}src`, excerpt: 'generated' }],
      })),
      relationships: Array.from({ length: count - 1 }, (_, index) => ({
        id: `${prefix}r${index}`,
        type: 'RELATED_TO',
        from: `${prefix}e${index % 50}`,
        to: `${prefix}e${index + 1}`,
        stance: 'ASSERTED',
        confidence: 60,
        sources: [{ source: `${prefix}src`, excerpt: 'generated' }],
      })),
    };
    const parsed = parseImport('JSON', JSON.stringify(document));
    expect(parsed.problems).toEqual([]);
    await importDocument(server.graph, parsed.document!);
    const id = await createView('Large', {
      positions: document.entities.map((entity, index) => ({ id: entity.id, x: (index % 50) * 40, y: Math.floor(index / 50) * 40 })),
      hidden: [],
      pinned: [],
      selection: [],
    });
    for (const format of ['HTML', 'MARKDOWN']) {
      const report = (await exported({ view: id, format })).content;
      expect(report).toMatch(/A large report, summarised/);
      expect(report).toMatch(/Appendix: every link/);
      for (const index of [0, 1_234, count - 1]) expect(report).toContain(`Large ${index}`);
      if (format === 'HTML') {
        const entityRows = /<h2>Entities<\/h2>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(report)![1].match(/<tr /g)!.length;
        expect(entityRows).toBe(count);
        const appendixRows = /<h2 id="appendix">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(report)![1].match(/<tr>/g)!.length;
        expect(appendixRows).toBe(count - 1);
        const pictured = /<figure>([\s\S]*?)<\/figure>/.exec(report)![1].match(/<g><title>/g)!.length;
        expect(pictured).toBe(300);
      }
    }
  }, 180_000);
});
