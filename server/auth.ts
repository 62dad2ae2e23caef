import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config, TokenEntry } from './config.js';
import { ensurePrivateDataDir } from './data-dir.js';
import { ErrorCode, ForbiddenError, RequestRefusedError, UnauthenticatedError } from './errors.js';

export type Role = 'READER' | 'EDITOR';

/** Who a request is: its role (null without a valid token) and a name for the audit history. */
export interface Viewer {
  role: Role | null;
  name: string;
}

const anonymous: Viewer = { role: null, name: 'anonymous' };

/** The local editor token, generated once into DATA_DIR with mode 0600 (like Jupyter's). */
export function ensureLocalEditorToken(dataDir: string): string {
  const file = path.join(dataDir, 'editor-token');
  ensurePrivateDataDir(dataDir);
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, 'utf8').trim();
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
  readsNeedToken: boolean;
}

export function createAuthenticator(config: Pick<Config, 'auth' | 'dataDir'>): Authenticator {
  const editors = [...config.auth.editors];
  if (config.auth.localEditor) editors.push({ name: os.userInfo().username || 'local', token: ensureLocalEditorToken(config.dataDir) });
  const readers = config.auth.readers;
  return {
    readsNeedToken: config.auth.readsNeedToken,
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
