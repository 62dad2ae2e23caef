import { describe, expect, it } from 'vitest';
import { loginLinkTtlMs, mintLoginCode, verifyLoginCode } from '../../../server/login-links.js';

const alice = { name: 'alice', token: 'alice-token-0123456789abcdef', role: 'EDITOR' };
const team = { name: 'team', token: 'team-token-0123456789abcdef', role: 'READER' };

describe('login links', () => {
  it('a code names its token entry until it expires, and carries no part of the token', () => {
    const now = Date.UTC(2026, 0, 1);
    const code = mintLoginCode(alice, now);
    expect(code).not.toContain(alice.token);
    expect(verifyLoginCode(code, [team, alice], now + 1_000)).toBe(alice);
    expect(verifyLoginCode(code, [team, alice], now + loginLinkTtlMs + 1)).toBeNull();
  });

  it('refuses a code signed by another token, a changed name or expiry, and junk', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    const code = mintLoginCode(alice, now);
    expect(verifyLoginCode(code, [{ ...alice, token: 'another-token-0123456789' }], now)).toBeNull();
    const [name, expires, signature] = code.split('.');
    expect(verifyLoginCode(`${Buffer.from('team').toString('base64url')}.${expires}.${signature}`, [alice, team], now)).toBeNull();
    expect(verifyLoginCode(`${name}.${(parseInt(expires, 36) + 60_000).toString(36)}.${signature}`, [alice], now)).toBeNull();
    for (const junk of ['', 'a.b.c', `${code}x`]) {
      expect(verifyLoginCode(junk, [alice, team], now)).toBeNull();
    }
  });

  it('refuses every other spelling of the signature, including those that decode to the same bytes', () => {
    // The last base64url character carries 4 bits of the hash and 2 that decoding drops: a check on decoded
    // bytes accepted 3 of the 63 other last characters for every signature (the A<->B swap this file tried
    // was one of them whenever the last character was A-D, 1 code in 16, so it failed now and then).
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let minute = 0; minute < 8; minute += 1) {
      const now = Date.UTC(2026, 0, 1) + minute * 60_000;
      const code = mintLoginCode(alice, now);
      expect(verifyLoginCode(code, [alice], now)).toBe(alice);
      for (const last of alphabet.replace(code.at(-1)!, '')) {
        expect(verifyLoginCode(code.slice(0, -1) + last, [alice], now)).toBeNull();
      }
    }
  });
});
