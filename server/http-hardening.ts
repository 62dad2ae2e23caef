import cors from 'cors';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/**
 * Security headers with a Content-Security-Policy for the client (everything from our own origin; inline
 * styles only, which Cytoscape and CodeMirror set), no referrer ever sent, and CORS for the configured
 * origins only.
 */
export function applyHttpHardening(app: Express, limits: Config['limits']): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'worker-src': ["'self'", 'blob:'],
          'frame-ancestors': ["'none'"],
          'object-src': ["'none'"],
          // Helmet's default would make a browser fetch every script and style over https: on a shared server
          // reached over plain http (HOST=0.0.0.0 on a trusted network) that is a blank page. Behind a TLS proxy,
          // the proxy's own redirect and HSTS do the upgrading.
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(cors({ origin: limits.corsOrigins.length > 0 ? limits.corsOrigins : false, credentials: false, maxAge: 600 }));
}

/** Names that can only mean this machine: a browser sends one of them only to a page served from loopback. */
function isLoopbackName(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/**
 * Against DNS rebinding: a page on evil.example can point its name at 127.0.0.1 and then read a loopback
 * server as its own origin, past CORS. While reads need no token (a loopback server's default), answer
 * only requests addressed to a loopback name, as Jupyter does. Writes need a token in any case, and a
 * rebinding page has none.
 */
export function loopbackHostGuard(readsNeedToken: boolean) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (readsNeedToken) return next();
    // Host is `name[:port]` or `[v6 address][:port]`; anything else is refused.
    const hostname = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d+)?$/i.exec(request.headers.host ?? '')?.[1].toLowerCase() ?? '';
    if (isLoopbackName(hostname)) return next();
    response.status(403).json({
      errors: [
        {
          message:
            'This server answers only requests addressed to localhost, 127.0.0.1 or [::1]. To reach it by another name, set REQUIRE_TOKEN_FOR_READS=true and send a token.',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  };
}

/** A body too large, or JSON that does not parse, answers 400/413 with a plain message: no stack, no crash. */
export function bodyErrorHandler(logger: Logger) {
  return (error: Error & { status?: number; type?: string; limit?: number }, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'unexpected error in the HTTP layer');
    const editor = (response.locals.viewer as { role?: string } | undefined)?.role === 'EDITOR';
    const message =
      error.type === 'entity.too.large'
        ? editor
          ? 'The request body is larger than MAX_BODY_BYTES allows; import large files with `npm run import`.'
          : `The request body is larger than the ${Math.round((error.limit ?? 0) / 1024)} KiB allowed without an editor token (MAX_BODY_BYTES applies to editors, who import files).`
        : status === 500
          ? 'Internal server error'
          : 'The request body is not valid JSON.';
    response
      .status(status)
      .json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT' } }] });
  };
}
