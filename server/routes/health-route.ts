import { Router } from 'express';
import type { Authenticator } from '../auth.js';
import type { Graph } from '../graph/run.js';

/**
 * GET /healthz: 200 {status: "ok", neo4j: "up"} or 503 {status: "degraded", neo4j: "down"} with Retry-After.
 * The details (versions, restarts, event-loop lag, heavy work in progress) are for whoever may read the graph:
 * on a server whose reads need a token, only a request with a valid token sees them; versions help an attacker
 * pick an exploit and tell a monitoring probe nothing it needs.
 */
export function createHealthRouter(deps: {
  graph: Graph;
  authenticator: Authenticator;
  /** Facts for readers: the Neo4j version and mode, restarts, event-loop lag, worker load. */
  describe: () => Record<string, unknown>;
}): Router {
  const router = Router();
  router.get('/healthz', async (request, response) => {
    const up = await deps.graph.ping();
    const mayReadDetails = !deps.authenticator.readsNeedToken || deps.authenticator.viewerFor(request.headers.authorization).role !== null;
    if (!up) response.set('Retry-After', String(deps.graph.retryAfterSeconds()));
    response
      .status(up ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: up ? 'ok' : 'degraded', neo4j: up ? 'up' : 'down', ...(mayReadDetails ? deps.describe() : {}) });
  });
  return router;
}
