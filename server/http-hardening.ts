import cors from 'cors';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/**
 * Security headers with a Content-Security-Policy for the client (everything from our own origin; inline
 * styles only, which Cytoscape and CodeMirror set), and CORS for the configured origins only.
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
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(cors({ origin: limits.corsOrigins.length > 0 ? limits.corsOrigins : false, credentials: false, maxAge: 600 }));
}

/** A body too large, or JSON that does not parse, answers 400/413 with a plain message: no stack, no crash. */
export function bodyErrorHandler(logger: Logger) {
  return (error: Error & { status?: number; type?: string }, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'unexpected error in the HTTP layer');
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is larger than MAX_BODY_BYTES allows; import large files with `npm run import`.'
        : status === 500
          ? 'Internal server error'
          : 'The request body is not valid JSON.';
    response.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT' } }] });
  };
}
