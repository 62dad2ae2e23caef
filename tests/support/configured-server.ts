import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildServer, type BuiltServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Graph } from '../../server/graph/run.js';
import type { Logger } from '../../server/logger.js';
import { connectTestGraph, editorToken, listenOnLoopback, readerToken, testLogger } from './graph.js';

export interface ConfiguredServer {
  url: string;
  graph: Graph;
  server: BuiltServer;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Like startTestServer, but from an environment of the caller's choosing (CORS_ORIGINS, HOST, limits...),
 * with an optional logger and graph. It always listens on loopback: the config decides the rules, not the socket.
 */
export async function startConfiguredServer(
  environment: Record<string, string>,
  options: { logger?: Logger; graph?: Graph } = {},
): Promise<ConfiguredServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-configured-'));
  const graph = options.graph ?? connectTestGraph();
  const config = loadConfig({
    DATA_DIR: dataDir,
    EDITOR_TOKENS: `tester:${editorToken}`,
    READER_TOKENS: `reader:${readerToken}`,
    ...environment,
  });
  const server = await buildServer({ config, graph, logger: options.logger ?? testLogger });
  const url = await listenOnLoopback(server.httpServer);
  return {
    url,
    graph,
    server,
    dataDir,
    async close() {
      await server.close();
      if (!options.graph) await graph.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A raw GraphQL POST: status, headers and the parsed (or raw) body, for tests that look at HTTP itself. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
  } | null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * A request with a Host header of our choosing (fetch will not set one), as a browser sends after DNS
 * rebinding: a JSON POST when `body` is given, else a GET.
 */
export function requestWithHost(
  base: string,
  host: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${base}${route}`);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const sent = text ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } : {};
    const request = http.request(
      { host: url.hostname, port: url.port, path: route, method: text ? 'POST' : 'GET', headers: { ...headers, ...sent, host } },
      (response) => {
        let received = '';
        response.on('data', (chunk) => (received += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: received }));
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}
