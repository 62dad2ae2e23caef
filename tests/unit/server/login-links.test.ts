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
    const now = Date.now();
    const code = mintLoginCode(alice, now);
    expect(verifyLoginCode(code, [{ ...alice, token: 'another-token-0123456789' }], now)).toBeNull();
    const [name, expires, signature] = code.split('.');
    expect(verifyLoginCode(`${Buffer.from('team').toString('base64url')}.${expires}.${signature}`, [alice, team], now)).toBeNull();
    expect(verifyLoginCode(`${name}.${(parseInt(expires, 36) + 60_000).toString(36)}.${signature}`, [alice], now)).toBeNull();
    for (const junk of ['', 'a.b.c', `${code}x`, code.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'))]) {
      expect(verifyLoginCode(junk, [alice, team], now)).toBeNull();
    }
  });
});
