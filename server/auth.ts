import { createHash, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import type { Config, TokenEntry } from './config.js';
import { ensureSecretFile } from './data-dir.js';
import { loginLinkTtlMs, verifyLoginCode } from './login-links.js';
import { ErrorCode, ForbiddenError, RequestRefusedError, UnauthenticatedError } from './errors.js';

export type Role = 'READER' | 'EDITOR';

/** Who a request is: its role (null without a valid token) and a name for the audit history. */
export interface Viewer {
  role: Role | null;
  name: string;
}

const anonymous: Viewer = { role: null, name: 'anonymous' };

/** The local editor token, generated once into DATA_DIR with mode 0600 (like Jupyter's); `created` on its first day. */
export function ensureLocalEditorToken(dataDir: string): { token: string; created: boolean } {
  const { secret, created } = ensureSecretFile(dataDir, 'editor-token', 'local editor token');
  return { token: secret, created };
}

/** Hashing first makes every comparison the same length, so timingSafeEqual never leaks a length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function matches(entries: TokenEntry[], presented: Buffer): TokenEntry | undefined {
  let found: TokenEntry | undefined;
  // Compare against every token, even after a match, so timing says nothing about which one matched.
  for (const entry of entries) if (timingSafeEqual(digest(entry.token), presented)) found ??= entry;
  return found;
}

export interface Authenticator {
  /** The viewer for an Authorization header value (or none). Never logs or returns the token. */
  viewerFor(authorization: string | undefined): Viewer;
  /** Trades a login link's code for its token, once (server/login-links.ts); null when unknown, expired or used. */
  redeemLoginCode(code: string): { token: string; role: Role } | null;
  readsNeedToken: boolean;
}

/** The name the local editor's changes carry in the audit history: the account that started the server. */
export function localEditorName(): string {
  return os.userInfo().username || 'local';
}

export function createAuthenticator(config: Pick<Config, 'auth' | 'dataDir'>): Authenticator {
  const editors = [...config.auth.editors];
  if (config.auth.localEditor) editors.push({ name: localEditorName(), token: ensureLocalEditorToken(config.dataDir).token });
  const readers = config.auth.readers;
  const signers = [
    ...editors.map((entry) => ({ ...entry, role: 'EDITOR' as const })),
    ...readers.map((entry) => ({ ...entry, role: 'READER' as const })),
  ];
  /** Codes already traded, until they expire anyway. */
  const used = new Map<string, number>();
  return {
    readsNeedToken: config.auth.readsNeedToken,
    redeemLoginCode(code) {
      const now = Date.now();
      for (const [known, expires] of used) if (expires <= now) used.delete(known);
      if (used.has(code)) return null;
      const signer = verifyLoginCode(code, signers, now);
      if (!signer) return null;
      used.set(code, now + loginLinkTtlMs);
      return { token: signer.token, role: signer.role };
    },
    viewerFor(authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match) return anonymous;
      const presented = digest(match[1]);
      const editor = matches(editors, presented);
      if (editor) return { role: 'EDITOR', name: editor.name };
      const reader = matches(readers, presented);
      if (reader) return { role: 'READER', name: reader.name };
      return { role: null, name: 'invalid-token' };
    },
  };
}

/** Throws UNAUTHENTICATED without a valid token, FORBIDDEN for a reader. */
export function requireEditor(viewer: Viewer): void {
  if (viewer.role === null) throw new UnauthenticatedError('This change needs an editor token: send "Authorization: Bearer <token>".');
  if (viewer.role !== 'EDITOR') throw new ForbiddenError('Your token may read but not change the graph; ask for an editor token.');
}

export function requireReader(viewer: Viewer, readsNeedToken: boolean): void {
  if (readsNeedToken && viewer.role === null) {
    throw new RequestRefusedError(
      ErrorCode.UNAUTHENTICATED,
      'This server needs a token to read: send "Authorization: Bearer <token>".',
      401,
    );
  }
}
