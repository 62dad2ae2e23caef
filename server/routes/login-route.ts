import express, { Router } from 'express';
import type { Authenticator } from '../auth.js';
import { ErrorCode } from '../errors.js';

/**
 * POST /login {"code": "..."}: trades a login link's single-use code (server/login-links.ts) for its token,
 * which the client keeps in this browser. The answer is never cached and names the role, not who.
 */
export function createLoginRouter(authenticator: Authenticator): Router {
  const router = Router();
  router.post('/login', express.json({ limit: 2_048 }), (request, response) => {
    response.set('Cache-Control', 'no-store');
    const code = typeof request.body?.code === 'string' ? request.body.code : '';
    const redeemed = authenticator.redeemLoginCode(code);
    if (!redeemed) {
      response.status(400).json({
        error: 'This login link has expired or was used already. Ask for a new one: `npm run editor-link` on the server.',
        code: ErrorCode.BAD_USER_INPUT,
      });
      return;
    }
    response.json(redeemed);
  });
  return router;
}
