import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildServer, type BuiltServer } from '../../server/app.js';
import { CypherCatalog } from '../../server/graph/cypher.js';
import { createDriver } from '../../server/graph/driver.js';
import { Graph } from '../../server/graph/run.js';
import { createLogger } from '../../server/logger.js';
import { loadConfig } from '../../server/config.js';

export const testLogger = createLogger({ logLevel: 'silent' });

/** Tokens the test servers accept: one editor, one reader. */
export const editorToken = 'test-editor-token-0123456789';
export const readerToken = 'test-reader-token-0123456789';
const testDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-test-server-'));

/** A Graph on the test database that the global setup started (or NEO4J_URI). */
export function connectTestGraph(): Graph {
  const target = inject('neo4j');
  return new Graph(createDriver(target), new CypherCatalog(), testLogger, target.database);
}

export interface TestServer {
  url: string;
  graph: Graph;
  server: BuiltServer;
  /** POSTs a GraphQL operation and returns the parsed response body. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  close(): Promise<void>;
}

/** Starts an HTTP server on a free loopback port and returns its base URL. */
export async function listenOnLoopback(httpServer: Server): Promise<string> {
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  const address = httpServer.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** The real HTTP server on a free loopback port, over the test database (or over `graph`, e.g. a test's own Neo4j). */
export async function startTestServer(graph: Graph = connectTestGraph()): Promise<TestServer> {
  const config = loadConfig({ DATA_DIR: testDataDir, EDITOR_TOKENS: `tester:${editorToken}`, READER_TOKENS: `reader:${readerToken}` });
  const server = await buildServer({ config, graph, logger: testLogger });
  const url = await listenOnLoopback(server.httpServer);
  return {
    url,
    graph,
    server,
    async graphql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    async close() {
      await server.close();
      await graph.close();
    },
  };
}

/** A prefix for ids a test creates, so tests never collide and can delete what they made. */
export function uniquePrefix(name: string): string {
  return `test-${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}-`;
}
