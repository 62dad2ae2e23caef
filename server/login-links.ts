import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Single-use login links. A link that carried a token (`/?token=...`) left it in the browser's history, session
 * and favicon databases for good; a login link carries a code instead, which the client trades once for the
 * token (POST /login) and which is worthless after that or after `ttlMs`. The code is an HMAC keyed by the
 * token, so whoever can read the token (the server, `npm run editor-link` on the same DATA_DIR) can mint one
 * without talking to the other, and nobody else can.
 */
export const loginLinkTtlMs = 15 * 60_000;

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function signature(token: string, name: string, expires: number): string {
  return createHmac('sha256', token).update(`login|${name}|${expires}`).digest('base64url');
}

/** A code for the token named `name`, valid until now + ttlMs. */
export function mintLoginCode(entry: { name: string; token: string }, now = Date.now(), ttlMs = loginLinkTtlMs): string {
  const expires = now + ttlMs;
  return `${encode(entry.name)}.${expires.toString(36)}.${signature(entry.token, entry.name, expires)}`;
}

/** The code's token entry when it is well-formed, unexpired and signed by that entry's token; else null. */
export function verifyLoginCode<T extends { name: string; token: string }>(
  code: string,
  entries: readonly T[],
  now = Date.now(),
): T | null {
  const parts = /^([A-Za-z0-9_-]{1,200})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(code);
  if (!parts) return null;
  const name = Buffer.from(parts[1], 'base64url').toString('utf8');
  const expires = parseInt(parts[2], 36);
  if (!(expires > now)) return null;
  // The signature is compared as text, not as decoded bytes: the last of 43 base64url characters carries two
  // bits that decoding ignores, so four spellings decode to the same bytes and a changed code would pass.
  const presented = Buffer.from(parts[3], 'ascii');
  let found: T | null = null;
  // Every entry of that name is tried, so timing says nothing about which token signed it.
  for (const entry of entries) {
    if (entry.name !== name) continue;
    const expected = Buffer.from(signature(entry.token, name, expires), 'ascii');
    if (expected.length === presented.length && timingSafeEqual(expected, presented)) found ??= entry;
  }
  return found;
}
