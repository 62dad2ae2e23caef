import http from 'node:http';
import { parse as parseCsv } from 'csv-parse/sync';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFormats } from '../../server/domain/export/index.js';
import { UnauthenticatedError } from '../../server/errors.js';
import { createExportRouter } from '../../server/routes/export-route.js';
import { createHeavyWork } from '../../server/work/heavy-work.js';
import { connectTestGraph, listenOnLoopback, testLogger } from '../support/graph.js';

const graph = connectTestGraph();
const heavyWork = createHeavyWork({ threads: 1, timeLimitMs: 60_000, maxHeavyPerClient: 2, projectionMaxLinks: 0 }, testLogger);
let httpServer: http.Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(
    createExportRouter({
      graph,
      logger: testLogger,
      authorize: (request) => {
        if (request.query.locked !== undefined) throw new UnauthenticatedError('This server needs a token to read.');
        return { role: 'READER', name: 'tester' };
      },
      heavyWork,
    }),
  );
  httpServer = http.createServer(app);
  base = await listenOnLoopback(httpServer);
});
afterAll(async () => {
  await new Promise((resolve) => httpServer.close(resolve));
  await heavyWork.close();
  await graph.close();
});

const contentTypes: Record<string, string> = {
  STIX: 'application/stix+json;version=2.1',
  GRAPHML: 'application/graphml+xml',
  CSV_ENTITIES: 'text/csv',
  CSV_RELATIONSHIPS: 'text/csv',
  HYPOTHESES_CSV: 'text/csv',
  JSON: 'application/json',
  CYTOSCAPE_JSON: 'application/json',
  MARKDOWN: 'text/markdown',
  HTML: 'text/html',
  SVG: 'image/svg+xml',
  PNG: 'image/png',
};

describe('GET /export', () => {
  it.each(exportFormats)('answers %s as a download with its content type and filename', async (format) => {
    // The hypotheses matrix is one incident's; every other format takes the two actors.
    const ids = format === 'HYPOTHESES_CSV' ? 'inc-july-2022' : 'homeland-justice,iran';
    const response = await fetch(`${base}/export?ids=${ids}&format=${format}&depth=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')!.replace(/\s/g, '')).toContain(contentTypes[format]);
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="?attribution-${ids.split(',')[0]}-\\d{4}-\\d{2}-\\d{2}[.-][a-z.-]+"?$`),
    );
    if (format === 'PNG') {
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(bytes.length).toBeGreaterThan(5_000);
      return;
    }
    const body = await response.text();
    expect(body.length).toBeGreaterThan(500);
    expect(body).toContain(format === 'CSV_ENTITIES' || format === 'CSV_RELATIONSHIPS' ? 'homeland-justice' : 'Homeland Justice');
  });

  it('accepts formats in the lower-case, dashed spelling and the relationship filter', async () => {
    const response = await fetch(`${base}/export?ids=homeland-justice&format=csv-relationships&depth=1&minConfidence=80&stances=asserted`);
    expect(response.status).toBe(200);
    const rows = parseCsv(await response.text(), { columns: true, bom: true }) as Record<string, string>[];
    // One row per citation: a link's first row is whole, the next ones only repeat its id beside another citation.
    const links = rows.filter((row) => row.type !== '');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.stance).toBe('ASSERTED');
    expect(rows.every((row) => links.some((link) => link.id === row.id))).toBe(true);
  });

  it('takes a TLP ceiling as people write it (amber+strict, TLP:AMBER, white)', async () => {
    for (const ceiling of ['amber%2Bstrict', 'TLP:AMBER', 'white', 'red']) {
      const response = await fetch(`${base}/export?ids=iran&format=JSON&tlpCeiling=${ceiling}`);
      expect(response.status, ceiling).toBe(200);
    }
  });

  it('answers bad arguments with 400 and {error, code}', async () => {
    for (const query of [
      'ids=iran&format=HTML&depth=9',
      'ids=iran',
      'ids=iran&format=GIF',
      'ids=iran&format=SVG&theme=sepia',
      'ids=iran&format=SVG&legend=perhaps',
      'ids=iran&view=v1&format=SVG',
      'format=HTML',
      'ids=iran&format=HTML&depth=one',
      'ids=iran&format=HTML&tlpCeiling=secret',
    ]) {
      const response = await fetch(`${base}/export?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ code: 'BAD_USER_INPUT', error: expect.any(String) });
    }
  });

  it('answers unknown ids with 404, and a refused reader with 401', async () => {
    const missing = await fetch(`${base}/export?ids=iran,no-such-entity&format=JSON`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'NOT_FOUND', error: 'No entity with id "no-such-entity".' });
    const locked = await fetch(`${base}/export?ids=iran&format=JSON&locked`);
    expect(locked.status).toBe(401);
    expect(await locked.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
