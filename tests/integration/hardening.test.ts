import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureLocalEditorToken } from '../../server/auth.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { QueryTooExpensiveError } from '../../server/errors.js';
import { CypherCatalog } from '../../server/graph/cypher.js';
import { createDriver } from '../../server/graph/driver.js';
import { ensurePassword } from '../../server/graph/embedded-neo4j.js';
import { Graph, type Params, type Row } from '../../server/graph/run.js';
import type { ParamsOf, RowOf, SlotsArgument, StatementName } from '../../server/graph/statements.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { postJson, requestWithHost, startConfiguredServer, type ConfiguredServer } from '../support/configured-server.js';
import { editorToken, readerToken, startTestServer, testLogger, uniquePrefix, type TestServer } from '../support/graph.js';
import { findLeaks } from '../support/response-leaks.js';

// Each limit, the HTTP hardening (headers, CSP, CORS, CSRF), error masking and the handling of secrets,
// on the real server over the test database. Auth refusal for every mutation is in edits.test.ts.

let server: TestServer;
const prefix = uniquePrefix('hardening');
const source = { sourceId: `${prefix}src`, title: 'Hardening notes', url: 'https://example.org/hardening' };

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.graph.write('admin/delete-by-id-prefix', { prefix });
  await server.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) => postJson(server.url, body, headers);

/** The one error of a refused request: its status, code and message. */
async function refusal(body: unknown) {
  const response = await post(body);
  expect(response.json?.errors?.length, response.text.slice(0, 300)).toBeGreaterThan(0);
  const [error] = response.json!.errors!;
  return { status: response.status, code: error.extensions?.code, message: error.message, data: response.json?.data };
}

describe('query limits answer QUERY_TOO_EXPENSIVE with HTTP 400, naming the setting', () => {
  it('depth (MAX_QUERY_DEPTH)', async () => {
    let selection = 'id';
    for (let level = 0; level < 13; level += 1) selection = `... on Claim { author { ${selection} } }`;
    const result = await refusal({ query: `{ relationship(id: "rel-hj-affiliated-iran") { from { ${selection} } } }` });
    expect(result).toMatchObject({ status: 400, code: 'QUERY_TOO_EXPENSIVE' });
    expect(result.message).toMatch(/depth limit of 12 exceeded.*MAX_QUERY_DEPTH/);
  });

  it('aliases (MAX_QUERY_ALIASES)', async () => {
    const fields = Array.from({ length: 31 }, (_, index) => `a${index}: stats { entities }`).join(' ');
    const result = await refusal({ query: `{ ${fields} }` });
    expect(result).toMatchObject({ status: 400, code: 'QUERY_TOO_EXPENSIVE' });
    expect(result.message).toMatch(/Aliases limit of 30 exceeded.*MAX_QUERY_ALIASES/);
    const thirty = await post({ query: `{ ${Array.from({ length: 30 }, (_, index) => `a${index}: stats { entities }`).join(' ')} }` });
    expect(thirty.json?.errors).toBeUndefined();
  });

  it('tokens (MAX_QUERY_TOKENS)', async () => {
    const result = await refusal({ query: `{ ${'__typename '.repeat(5_001)} }` });
    expect(result).toMatchObject({ status: 400, code: 'QUERY_TOO_EXPENSIVE' });
    expect(result.message).toMatch(/Token limit of 5000 exceeded.*MAX_QUERY_TOKENS/);
  });

  it('directives (20)', async () => {
    const fields = Array.from({ length: 21 }, (_, index) => `a${index}: __typename @include(if: true)`).join(' ');
    const result = await refusal({ query: `{ ${fields} }` });
    expect(result).toMatchObject({ status: 400, code: 'QUERY_TOO_EXPENSIVE' });
    expect(result.message).toMatch(/Directives limit of 20 exceeded/);
  });

  it('batched requests are off', async () => {
    const response = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/batching/i);
  });

  it('estimated cost (MAX_QUERY_COST), before anything runs', async () => {
    const subgraph =
      'entities { id name aliases sources { id title } } relationships { id from { id name } to { id name } sources { id } }';
    const fields = Array.from({ length: 20 }, (_, index) => `a${index}: neighbourhood(ids: ["iran"], limit: 5000) { ${subgraph} }`).join(
      ' ',
    );
    const result = await refusal({ query: `{ ${fields} }` });
    expect(result).toMatchObject({ status: 400, code: 'QUERY_TOO_EXPENSIVE' });
    expect(result.data ?? null, 'nothing ran').toBeNull();
    expect(result.message).toMatch(/estimated cost is \d+, above the limit of 50000 \(MAX_QUERY_COST\)/);
    const one = await post({ query: `{ neighbourhood(ids: ["iran"], limit: 500) { ${subgraph} } }` });
    expect(one.json?.errors).toBeUndefined();
  });

  it('estimated cost of one document with different variables: each judged by its own (costs are remembered per document)', async () => {
    const subgraph = 'entities { id name sources { id title } } relationships { id from { id } to { id } sources { id } }';
    const fields = Array.from({ length: 20 }, (_, index) => `a${index}: neighbourhood(ids: $ids, limit: $limit) { ${subgraph} }`).join(' ');
    const query = `query Costly($ids: [ID!]!, $limit: Int) { ${fields} }`;
    const cheap = await post({ query, variables: { ids: ['iran'], limit: 5 } });
    expect(cheap.json?.errors).toBeUndefined();
    const costly = await refusal({ query, variables: { ids: ['iran'], limit: 5000 } });
    expect(costly).toMatchObject({ status: 400, code: 'QUERY_TOO_EXPENSIVE' });
    // The same shape with other ids' text costs the same: still refused, and the cheap one still runs.
    expect(await refusal({ query, variables: { ids: ['albania'], limit: 5000 } })).toMatchObject({ code: 'QUERY_TOO_EXPENSIVE' });
    expect((await post({ query, variables: { ids: ['albania'], limit: 5 } })).json?.errors).toBeUndefined();
  });

  it('a query that runs past the Neo4j transaction timeout (NEO4J_TX_TIMEOUT_S)', async () => {
    const target = inject('neo4j');
    const quick = new Graph(createDriver(target), new CypherCatalog(), testLogger, target.database, 300);
    try {
      const failure = await quick
        .runText('UNWIND range(1, 2000000000) AS x RETURN sum(x) AS total', 'READ')
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(QueryTooExpensiveError);
      expect((failure as Error).message).toMatch(/transaction timeout/);
    } finally {
      await quick.close();
    }
  });
});

describe('argument limits answer BAD_USER_INPUT naming the argument and its range', () => {
  const cases: [string, string, Record<string, unknown>, RegExp][] = [
    [
      'paths maxHops',
      'query($maxHops: Int) { paths(from: "homeland-justice", to: "iran", maxHops: $maxHops) { hops } }',
      { maxHops: 9 },
      /maxHops must be a whole number from 1 to 8, got 9/,
    ],
    [
      'paths limit',
      'query($limit: Int) { paths(from: "homeland-justice", to: "iran", limit: $limit) { hops } }',
      { limit: 21 },
      /limit must be a whole number from 1 to 20, got 21/,
    ],
    [
      'neighbourhood depth',
      'query($depth: Int) { neighbourhood(ids: ["iran"], depth: $depth) { truncated } }',
      { depth: 4 },
      /depth must be a whole number from 1 to 3, got 4/,
    ],
    [
      'neighbourhood limit',
      'query($limit: Int) { neighbourhood(ids: ["iran"], limit: $limit) { truncated } }',
      { limit: 5_001 },
      /limit must be a whole number from 1 to 5000, got 5001/,
    ],
    [
      'neighbourhood ids',
      'query($ids: [ID!]!) { neighbourhood(ids: $ids, limit: 25) { truncated } }',
      { ids: Array.from({ length: 201 }, (_, index) => `id-${index}`) },
      /ids must name 1 to 200 entities/,
    ],
    [
      'export ids',
      'query($ids: [ID!]!) { export(ids: $ids, format: JSON) { filename } }',
      { ids: Array.from({ length: 2_001 }, (_, index) => `id-${index}`) },
      /ids must name 1 to 2000 entities, got 2001/,
    ],
    [
      'export ids with depth',
      'query($ids: [ID!]!) { export(ids: $ids, format: JSON, depth: 1) { filename } }',
      { ids: Array.from({ length: 201 }, (_, index) => `id-${index}`) },
      /With depth 1, ids must name 1 to 200 entities \(got 201\)/,
    ],
    [
      'export depth',
      'query { export(ids: ["iran"], format: JSON, depth: 4) { filename } }',
      {},
      /depth must be a whole number from 0 to 3, got 4/,
    ],
    [
      'search text',
      'query($text: String!) { search(text: $text) { id } }',
      { text: 'x'.repeat(201) },
      /search text must hold 1 to 200 characters/,
    ],
    ['search limit', 'query { search(text: "iran", limit: 101) { id } }', {}, /limit must be a whole number from 1 to 100, got 101/],
    [
      'history limit',
      'query { history(subjectId: "iran", limit: 1001) { id } }',
      {},
      /limit must be a whole number from 1 to 1000, got 1001/,
    ],
  ];
  it.each(cases)('%s', async (_name, query, variables, message) => {
    const result = await refusal({ query, variables });
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.message).toMatch(message);
  });

  it('an edit or import with an id, name or aliases too long for the indexes is refused whole', async () => {
    const upsert = 'mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }';
    for (const input of [
      { id: `${prefix}${'x'.repeat(300)}`, kind: 'GROUP', name: 'Long id', sources: [source] },
      { id: `${prefix}long-name`, kind: 'GROUP', name: 'n'.repeat(1_001), sources: [source] },
      {
        id: `${prefix}long-aliases`,
        kind: 'GROUP',
        name: 'Aliased',
        aliases: Array.from({ length: 40 }, () => 'a'.repeat(100)),
        sources: [source],
      },
      {
        id: `${prefix}long-source`,
        kind: 'GROUP',
        name: 'Long source id',
        sources: [{ ...source, sourceId: `${prefix}${'s'.repeat(300)}` }],
      },
    ]) {
      const response = await post({ query: upsert, variables: { input } }, { authorization: `Bearer ${editorToken}` });
      expect(response.status).toBe(200);
      expect(response.json?.errors?.[0].extensions?.code, JSON.stringify(response.json?.errors)).toBe('BAD_USER_INPUT');
      expect(response.json?.errors?.[0].message).toMatch(/must hold (1 to 300|at most 1000|at most 3000) characters/);
    }
    const [row] = await server.graph.runText(
      'MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $prefix RETURN count(n) AS count',
      'READ',
      { prefix },
    );
    expect(row.count).toBe(0);
  });
});

describe('the request body limit (MAX_BODY_BYTES)', () => {
  it('answers 413 with a JSON error naming the setting, at the default 32 MB and at a configured size', async () => {
    const big = await post({ query: '{ __typename }', variables: { padding: 'x'.repeat(32 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.json?.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(big.json?.errors?.[0].message).toMatch(/MAX_BODY_BYTES/);

    const small = await startConfiguredServer({ MAX_BODY_BYTES: '2048' });
    try {
      const refused = await postJson(small.url, { query: '{ __typename }', variables: { padding: 'x'.repeat(2_048) } });
      expect(refused.status).toBe(413);
      expect(refused.json?.errors?.[0].message).toMatch(/MAX_BODY_BYTES/);
      const fine = await postJson(small.url, { query: '{ __typename }' });
      expect(fine.json).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await small.close();
    }
    // The server is still fine after both.
    expect((await post({ query: '{ __typename }' })).status).toBe(200);
  });

  it('answers 400 with a JSON error for a body that is not JSON', async () => {
    const response = await post('{"query": "{ __typename }"');
    expect(response.status).toBe(400);
    expect(response.json?.errors?.[0]).toMatchObject({
      message: 'The request body is not valid JSON.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('HTTP hardening', () => {
  const expectSecurityHeaders = (headers: Headers, where: string) => {
    const csp = headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "connect-src 'self'",
      "base-uri 'self'",
      "script-src-attr 'none'",
    ]) {
      expect(csp, `${where}: CSP has ${directive}`).toContain(directive);
    }
    expect(csp, `${where}: no inline or remote scripts`).not.toMatch(/script-src[^;]*('unsafe-inline'|'unsafe-eval'|https?:|\*)/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(headers.get('x-powered-by'), `${where}: no x-powered-by`).toBeNull();
  };

  it('sends security headers and a Content-Security-Policy on /, /graphql, /healthz and /export', async () => {
    expectSecurityHeaders((await fetch(`${server.url}/`)).headers, '/');
    expectSecurityHeaders((await post({ query: '{ __typename }' })).headers, 'POST /graphql');
    expectSecurityHeaders((await post('not json')).headers, 'POST /graphql (refused)');
    expectSecurityHeaders((await fetch(`${server.url}/healthz`)).headers, '/healthz');
    expectSecurityHeaders((await fetch(`${server.url}/export?ids=iran&format=JSON`)).headers, '/export');
  });

  it("keeps an idle keep-alive connection past Node's 5 s default, so a client reusing it is not reset", async () => {
    // The fuzz suite once lost a request with ECONNRESET: its client reused a connection the server had just
    // closed at 5 s idle. A longer server timeout, announced in Keep-Alive, lets the client close first.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; keepAlive: string | undefined; localPort: number }>((resolve, reject) => {
        const request = http.get(`${server.url}/healthz`, { agent }, (response) => {
          response.resume();
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              keepAlive: response.headers['keep-alive']?.toString(),
              localPort: request.socket?.localPort ?? -1,
            }),
          );
        });
        request.on('error', reject);
      });
    try {
      const first = await get();
      expect(first.keepAlive).toMatch(/timeout=(6\d|[7-9]\d|\d{3,})/);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const second = await get();
      expect(second.status).toBe(200);
      expect(second.localPort, 'the same connection served the second request').toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  }, 20_000);

  it('CORS: by default no other origin may read answers; a configured origin may, and only it', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const foreign = await preflight(server.url, 'https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const foreignPost = await post({ query: '{ __typename }' }, { origin: 'https://evil.example' });
    expect(foreignPost.headers.get('access-control-allow-origin')).toBeNull();

    const configured = await startConfiguredServer({ CORS_ORIGINS: 'https://intel.example.org' });
    try {
      const allowed = await preflight(configured.url, 'https://intel.example.org');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://intel.example.org');
      expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const allowedPost = await postJson(configured.url, { query: '{ __typename }' }, { origin: 'https://intel.example.org' });
      expect(allowedPost.headers.get('access-control-allow-origin')).toBe('https://intel.example.org');
      const other = await preflight(configured.url, 'https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const lookalike = await preflight(configured.url, 'https://intel.example.org.evil.example');
      expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await configured.close();
    }
  });

  it('CSRF: a simple (text/plain or form) POST and a GET without a preflight header are refused, and a GET mutation never runs', async () => {
    const mutation = `mutation { upsertEntity(input: { id: "${prefix}csrf", kind: GROUP, name: "CSRF", sources: [{ sourceId: "${prefix}src", title: "CSRF" }] }) { id } }`;
    const asEditor = { authorization: `Bearer ${editorToken}` };
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post(JSON.stringify({ query: mutation }), { 'content-type': type, ...asEditor });
      expect(response.status, type).toBe(400);
      expect(response.json?.errors?.[0].message).toMatch(/Cross-Site Request Forgery/);
    }
    const get = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { ...asEditor, ...headers } });
    const plainGet = await get('{ stats { entities } }');
    expect(plainGet.status).toBe(400);
    expect(await plainGet.text()).toMatch(/Cross-Site Request Forgery/);
    const preflightedGet = await get('{ stats { entities } }', { 'apollo-require-preflight': 'true' });
    expect(preflightedGet.status).toBe(200);
    const getMutation = await get(mutation, { 'apollo-require-preflight': 'true' });
    expect(getMutation.status).toBe(405);
    expect(getMutation.headers.get('allow')).toBe('POST');
    expect(await getMutation.text()).toMatch(/GET requests only support query operations/);
    const written = await server.graphql(`{ entity(id: "${prefix}csrf") { id } }`);
    expect(written.errors?.[0].extensions?.code, 'none of these requests wrote anything').toBe('NOT_FOUND');
  });
});

/** A graph whose reads fail the way a bug would: a real Neo4j error that quotes our Cypher, or a TypeError. */
class BrokenGraph extends Graph {
  override async read<Name extends StatementName>(
    name: Name,
    params: ParamsOf<Name>,
    ..._slots: SlotsArgument<Name>
  ): Promise<RowOf<Name>[]> {
    if (name === 'graph/count-graph')
      throw new TypeError(`Cannot read properties of undefined (reading 'count') at /work/main/server/domain/graph-stats.ts:12:7`);
    const rows = await this.runText('MATCH (e:Entity {id: $id}) RETURN e.id AS id ORDER BY', 'READ', params as Params);
    return rows as unknown as RowOf<Name>[];
  }
}

/**
 * The founding case as Neo4j returns it while another transaction deletes some of it: read committed, so a
 * deleted entity or relationship arrives as an empty map (checked against Neo4j 5.26), and a link may point
 * at an entity that has gone.
 */
class RacingGraph extends Graph {
  override async read<Name extends StatementName>(
    name: Name,
    params: ParamsOf<Name>,
    ...slots: SlotsArgument<Name>
  ): Promise<RowOf<Name>[]> {
    const typed = await super.read(name, params, ...slots);
    // The test reshapes rows freely: what arrives is checked by the code under test, not by types.
    const rows = typed as unknown as Row[];
    const ghostLink = { rel: {}, other: {} };
    for (const row of rows) {
      if (name === 'graph/search-entities') row.entity = row === rows[0] ? {} : row.entity;
      for (const list of ['entities', 'disputing'] as const) if (Array.isArray(row[list])) row[list] = [{}, ...(row[list] as unknown[])];
      if (Array.isArray(row.rels))
        row.rels = [
          {},
          { id: 'gone-rel', type: 'RELATED_TO', from: 'iran', to: 'vanished-entity', stance: 'ASSERTED', confidence: 50 },
          ...(row.rels as unknown[]),
        ];
      if (Array.isArray(row.links)) row.links = [ghostLink, ...(row.links as unknown[])];
    }
    return typed;
  }
}

describe('reads that race a delete', () => {
  it('leave out what was deleted while they ran, instead of failing', async () => {
    const target = inject('neo4j');
    const racing = await startConfiguredServer(
      {},
      { graph: new RacingGraph(createDriver(target), new CypherCatalog(), testLogger, target.database) },
    );
    try {
      const queries = [
        '{ search(text: "albania") { id name } }',
        '{ entity(id: "inc-parliament-2023") { id ... on Incident { attributionHypotheses { actor { id } } } } }',
        '{ neighbourhood(ids: ["iran"], depth: 2) { entities { id kind } relationships { id from { id } to { id } } } }',
        '{ paths(from: "homeland-justice", to: "sanc-us-mois-2022") { hops entities { id } } }',
        '{ export(ids: ["iran"], format: JSON, depth: 1) { filename } }',
      ];
      for (const query of queries) {
        const response = await postJson(racing.url, { query });
        expect(response.json?.errors, `${query}: ${response.text.slice(0, 300)}`).toBeUndefined();
        expect(response.text).not.toContain('gone-rel');
      }
      const search = await postJson(racing.url, { query: '{ search(text: "albania") { id } }' });
      expect((search.json?.data?.search as unknown[]).length).toBeGreaterThan(0);
    } finally {
      await racing.close();
      await racing.graph.close();
    }
  });
});

describe('error masking', () => {
  it('shows an unexpected error as "Internal server error" with no stack, Cypher or path, and logs it in full', async () => {
    const target = inject('neo4j');
    const { logger, lines } = capturingLogger();
    const broken = await startConfiguredServer(
      {},
      { logger, graph: new BrokenGraph(createDriver(target), new CypherCatalog(), logger, target.database) },
    );
    try {
      for (const query of ['{ entity(id: "iran") { id } }', '{ stats { entities } }']) {
        const response = await postJson(broken.url, { query });
        expect(response.status).toBe(200);
        expect(response.json?.errors).toEqual([
          {
            message: 'Internal server error',
            path: [query.includes('stats') ? 'stats' : 'entity'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ]);
        expect(findLeaks(response.text)).toEqual([]);
      }
      const logged = lines.join('');
      expect(logged, 'the log keeps what the answer leaves out').toMatch(/Neo\.ClientError\.Statement\.SyntaxError|Invalid input/);
      expect(logged).toMatch(/Cannot read properties of undefined/);
    } finally {
      await broken.close();
      await broken.graph.close();
    }
  });
});

describe('secrets', () => {
  it('keeps the editor token and the Neo4j password in DATA_DIR with mode 0600, also when the file was readable before', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-secrets-'));
    try {
      const { token, created } = ensureLocalEditorToken(dataDir);
      expect(created).toBe(true);
      const password = ensurePassword(dataDir);
      expect(token.length).toBeGreaterThanOrEqual(24);
      expect(password.length).toBeGreaterThanOrEqual(24);
      for (const name of ['editor-token', 'neo4j-password']) {
        const file = path.join(dataDir, name);
        expect(fs.statSync(file).mode & 0o777, name).toBe(0o600);
        fs.chmodSync(file, 0o644);
      }
      expect(ensureLocalEditorToken(dataDir)).toEqual({ token, created: false });
      expect(ensurePassword(dataDir)).toBe(password);
      for (const name of ['editor-token', 'neo4j-password'])
        expect(fs.statSync(path.join(dataDir, name)).mode & 0o777, `${name} again`).toBe(0o600);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('makes DATA_DIR private (mode 0700): it holds the graph store as well as the secrets', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-datadir-'));
    try {
      const fresh = path.join(parent, 'fresh', 'data');
      ensurePassword(fresh);
      expect(fs.statSync(fresh).mode & 0o777).toBe(0o700);
      const open = path.join(parent, 'open');
      fs.mkdirSync(open, { mode: 0o755 });
      fs.chmodSync(open, 0o755);
      ensureLocalEditorToken(open);
      expect(fs.statSync(open).mode & 0o777, 'an existing, readable DATA_DIR is closed').toBe(0o700);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('a loopback server without EDITOR_TOKENS generates its local editor token with mode 0600, and it works', async () => {
    const local = await startConfiguredServer({ EDITOR_TOKENS: '', READER_TOKENS: '' });
    try {
      const file = path.join(local.dataDir, 'editor-token');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const token = fs.readFileSync(file, 'utf8').trim();
      const viewer = await postJson(local.url, { query: '{ viewer { role } }' }, { authorization: `Bearer ${token}` });
      expect(viewer.json?.data).toEqual({ viewer: { role: 'EDITOR' } });
    } finally {
      await local.close();
    }
  });

  it('never writes a token to the log, whatever the request does', async () => {
    const { logger, lines } = capturingLogger();
    const logged = await startConfiguredServer({}, { logger });
    try {
      const asEditor = { authorization: `Bearer ${editorToken}` };
      const asReader = { authorization: `Bearer ${readerToken}` };
      const upsert = 'mutation Upsert($input: EntityInput!) { upsertEntity(input: $input) { id } }';
      await postJson(logged.url, { query: '{ viewer { role } stats { entities } }' }, asEditor);
      await postJson(logged.url, { query: '{ viewer { role } }' }, asReader);
      await postJson(
        logged.url,
        { query: upsert, variables: { input: { id: `${prefix}logged`, kind: 'GROUP', name: 'Logged', sources: [source] } } },
        asEditor,
      );
      await postJson(logged.url, { query: upsert, variables: { input: { id: `${prefix}refused`, kind: 'GROUP', name: '' } } }, asEditor);
      await postJson(
        logged.url,
        { query: upsert, variables: { input: { id: `${prefix}reader`, kind: 'GROUP', name: 'R', sources: [source] } } },
        asReader,
      );
      await postJson(logged.url, { query: '{ nope }' }, asEditor);
      await postJson(logged.url, 'not json', asEditor);
      await postJson(logged.url, { query: '{ stats { entities } }' }, { authorization: `Bearer ${editorToken}x` });
      await fetch(`${logged.url}/export?ids=iran&format=JSON`, { headers: asEditor });
      await fetch(`${logged.url}/export?ids=nobody-${prefix}&format=JSON`, { headers: asReader });
      const text = lines.join('');
      expect(lines.length, 'the logger saw the requests').toBeGreaterThan(5);
      expect(text).toContain('"msg":"graphql"');
      for (const token of [editorToken, readerToken, editorToken.slice(0, 16)])
        expect(text.includes(token), `the log holds ${token.slice(0, 8)}…`).toBe(false);
    } finally {
      await logged.close();
    }
  });
});

describe('a loopback server whose reads need no token', () => {
  // DNS rebinding: a page on evil.example points its name at 127.0.0.1 and reads the API as its own origin,
  // past CORS. Only requests addressed to a loopback name are answered; writes need the token anyway.
  it('answers only requests addressed to a loopback name', async () => {
    const withHost = (host: string, route = '/graphql', base = server.url, headers: Record<string, string> = {}) =>
      requestWithHost(base, host, route, route === '/graphql' ? { query: '{ stats { entities } }' } : undefined, headers);
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost', `127.0.0.2:${port}`]) {
      expect((await withHost(host)).status, host).toBe(200);
    }
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `[::ffff:7f00:1]x:${port}`,
    ]) {
      for (const route of ['/graphql', '/export?ids=iran&format=JSON', '/']) {
        const refused = await withHost(host, route);
        expect(refused.status, `${host} ${route}`).toBe(403);
        expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('FORBIDDEN');
        expect(refused.body).not.toContain('entities');
      }
    }
    // With tokens required for reads, the name does not matter: a rebinding page has no token.
    const exposed = await startConfiguredServer({ REQUIRE_TOKEN_FOR_READS: 'true' });
    try {
      const named = await withHost('intel.example.org', '/graphql', exposed.url, { authorization: `Bearer ${readerToken}` });
      expect(named.status).toBe(200);
      expect((await withHost('intel.example.org', '/graphql', exposed.url)).status, 'and without a token, 401').toBe(401);
    } finally {
      await exposed.close();
    }
  });
});

describe('a server reachable beyond loopback', () => {
  it('is refused without tokens (ConfigError naming HOST)', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-host-'));
    try {
      for (const host of ['0.0.0.0', '::', '192.168.1.20', 'intel.example.org']) {
        expect(() => loadConfig({ HOST: host, DATA_DIR: dataDir })).toThrow(ConfigError);
        expect(() => loadConfig({ HOST: host, DATA_DIR: dataDir })).toThrow(/HOST=.*EDITOR_TOKENS/);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  let exposed: ConfiguredServer;
  beforeAll(async () => {
    exposed = await startConfiguredServer({ HOST: '0.0.0.0' });
  });
  afterAll(async () => {
    await exposed.close();
  });

  it('with tokens, needs a token to read: 401 UNAUTHENTICATED without one or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${readerToken}x` }, { authorization: 'Basic dXNlcjpwYXNz' }];
    for (const headers of attempts) {
      const refused = await postJson(exposed.url, { query: '{ stats { entities } }' }, headers);
      expect(refused.status).toBe(401);
      expect(refused.json?.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused.json?.data ?? null).toBeNull();
    }
    const download = await fetch(`${exposed.url}/export?ids=iran&format=JSON`);
    expect(download.status).toBe(401);
    const reader = await postJson(
      exposed.url,
      { query: '{ stats { entities } viewer { role } }' },
      { authorization: `Bearer ${readerToken}` },
    );
    expect(reader.status).toBe(200);
    expect(reader.json?.data?.viewer).toEqual({ role: 'READER' });
    expect(fs.existsSync(path.join(exposed.dataDir, 'editor-token')), 'no local editor token beyond loopback').toBe(false);
  });
});
