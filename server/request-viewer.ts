import express, { type NextFunction, type Request, type Response } from 'express';
import { requireReader, type Authenticator, type Viewer } from './auth.js';
import { type AppError } from './errors.js';

/** The body limit for a request without an editor token: reads are small, and only editors import files. */
export const smallBodyLimit = 1024 * 1024;

/**
 * Settles who is asking from the Authorization header alone, before the body is read: on a server whose reads
 * need a token, a request without a valid one is answered 401 at once and its body is never parsed (an
 * anonymous client could otherwise make the server buffer MAX_BODY_BYTES per request); and only an editor may
 * send up to MAX_BODY_BYTES, anyone else 1 MiB.
 */
export function authenticateBeforeBody(authenticator: Authenticator, maxBodyBytes: number) {
  const small = express.json({ limit: Math.min(smallBodyLimit, maxBodyBytes) });
  const large = express.json({ limit: maxBodyBytes });
  return (request: Request, response: Response, next: NextFunction) => {
    const viewer = authenticator.viewerFor(request.headers.authorization);
    try {
      requireReader(viewer, authenticator.readsNeedToken);
    } catch (error) {
      // The body stays unread; closing the connection after the answer tells the client to stop sending it.
      response.set('Connection', 'close');
      response.status(401).json({ errors: [{ message: (error as AppError).message, extensions: { code: (error as AppError).code } }] });
      return;
    }
    response.locals.viewer = viewer;
    (viewer.role === 'EDITOR' ? large : small)(request, response, next);
  };
}

/** The viewer authenticateBeforeBody settled for this request. */
export function viewerOf(response: Response): Viewer {
  return response.locals.viewer as Viewer;
}
