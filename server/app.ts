import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createAuthenticator, requireReader } from './auth.js';
import { authenticateBeforeBody, viewerOf } from './request-viewer.js';
import type { Config } from './config.js';
import { createRequestContext, type RequestContext } from './context.js';
import { maskError } from './errors.js';
import { applyHttpHardening, bodyErrorHandler, loopbackHostGuard } from './http-hardening.js';
import { knownOperationTypes } from './plugins/known-operation-types.js';
import { queryCostPlugin } from './plugins/query-cost.js';
import { queryShapeProtection } from './plugins/query-shape.js';
import { requestLogPlugin } from './plugins/request-log.js';
import { retryAfterPlugin } from './plugins/retry-after.js';
import { createExportRouter } from './routes/export-route.js';
import { createHealthRouter } from './routes/health-route.js';
import { createLoginRouter } from './routes/login-route.js';
import { measureEventLoopLag } from './work/event-loop-lag.js';
import { createHeavyWork } from './work/heavy-work.js';
import { warmPathSearch } from './work/warm-up.js';
import type { Graph } from './graph/run.js';
import type { Logger } from './logger.js';
import { resolvers } from './resolvers/index.js';
import { projectRoot } from './config.js';

export const typeDefs = fs.readFileSync(path.join(projectRoot, 'server', 'schema.graphql'), 'utf8');

export interface ServerDeps {
  config: Pick<Config, 'clientDir' | 'auth' | 'dataDir' | 'limits' | 'work'>;
  graph: Graph;
  logger: Logger;
  /** Facts shown by /healthz to those who may read, e.g. the Neo4j version and mode. */
  describe?: () => Record<string, unknown>;
}

export interface BuiltServer {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** Stops accepting requests, stops heavy work in progress (its requests fail at once), drains the rest. */
  close(): Promise<void>;
}

/** Builds the HTTP server (GraphQL at /graphql, health at /healthz, the client at /) without listening. */
export async function buildServer(deps: ServerDeps): Promise<BuiltServer> {
  const authenticator = createAuthenticator(deps.config);
  const heavyWork = createHeavyWork(deps.config.work, deps.logger);
  heavyWork.holdPathLinks(deps.graph);
  void warmPathSearch(deps.graph, heavyWork, deps.logger);
  const eventLoopLag = measureEventLoopLag();
  const app = express();
  applyHttpHardening(app, deps.config.limits);
  app.use(loopbackHostGuard(authenticator.readsNeedToken));
  const shape = queryShapeProtection(deps.config.limits);
  const httpServer = http.createServer(app);
  // Node closes an idle keep-alive connection after 5 s, about when a client (a browser, a proxy, undici) may
  // send its next request on it: that request then fails with ECONNRESET and was never seen. Keep idle
  // connections longer than the usual proxies' 60 s so the client, told by the Keep-Alive header, closes first.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const apollo = new ApolloServer<RequestContext>({
    typeDefs,
    resolvers: resolvers as never,
    formatError: (formatted, original) => {
      const masked = maskError(formatted as never, original);
      if (masked.message === 'Internal server error') deps.logger.error({ err: original }, 'unexpected error in a request');
      return masked as never;
    },
    includeStacktraceInErrorResponses: false,
    validationRules: [...shape.validationRules, knownOperationTypes],
    parseOptions: shape.parseOptions,
    allowBatchedHttpRequests: false,
    // The client's console completes queries from the schema; Apollo would turn this off under NODE_ENV=production.
    introspection: true,
    // index.ts owns the signals: it stops the server, then the database, in that order.
    stopOnTerminationSignals: false,
    plugins: [
      // Requests still running after 3 s are cut, so a shutdown finishes well within its 10 s.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 3_000 }),
      // Installed by default, it wraps every field's resolver to compute cache hints nobody reads: ~2% of a
      // 1,000-object neighbourhood's time (bench profile).
      ApolloServerPluginCacheControlDisabled(),
      ...shape.plugins,
      queryCostPlugin(deps.config.limits.maxCost),
      requestLogPlugin(deps.logger),
      retryAfterPlugin(deps.graph),
    ],
  });
  await apollo.start();

  app.use(
    createHealthRouter({
      graph: deps.graph,
      authenticator,
      describe: () => ({ ...deps.describe?.(), eventLoopLag: eventLoopLag.snapshot(), ...heavyWork.load() }),
    }),
  );

  app.use(createLoginRouter(authenticator));

  app.use(
    '/graphql',
    authenticateBeforeBody(authenticator, deps.config.limits.maxBodyBytes),
    bodyErrorHandler(deps.logger),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const viewer = viewerOf(res);
        return createRequestContext(deps.graph, deps.logger, viewer, {
          heavy: heavyWork.forViewer(viewer),
          exportFile: heavyWork.exportFile,
          findPaths: heavyWork.findPaths,
        });
      },
    }),
  );

  app.use(
    createExportRouter({
      graph: deps.graph,
      logger: deps.logger,
      authorize: (request) => {
        const viewer = authenticator.viewerFor(request.headers.authorization);
        requireReader(viewer, authenticator.readsNeedToken);
        return viewer;
      },
      heavyWork,
    }),
  );

  const indexHtml = path.join(deps.config.clientDir, 'index.html');
  app.use(express.static(deps.config.clientDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!graphql|healthz).*/, (_request, response) => {
    // Never stored: the page may have been opened by a login link, whose address a cache file would keep.
    if (fs.existsSync(indexHtml)) response.set('Cache-Control', 'no-store').sendFile(indexHtml, { cacheControl: false });
    else response.status(503).type('text/plain').send('The client is not built yet: run `npm run build` (npm start does it for you).');
  });

  return {
    httpServer,
    apollo,
    async close() {
      await heavyWork.close();
      await apollo.stop();
      eventLoopLag.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
