import { describe, expect, it } from 'vitest';
import { isAllowedUrl, urlProblem } from '../../../shared/url-policy.js';

describe('urlProblem', () => {
  it.each([
    'https://www.cisa.gov/news-events/cybersecurity-advisories/aa22-264a',
    'http://example.org',
    'HTTPS://Example.org/Path?q=1&r=%22x%22#frag',
    'https://example.org/a(b)c',
    'https://[2001:db8::1]:8443/x',
  ])('accepts %s', (url) => {
    expect(urlProblem(url)).toBeNull();
    expect(isAllowedUrl(url)).toBe(true);
  });

  it.each([
    ['javascript:alert(1)', /absolute http/],
    [' javascript:alert(1)', /spaces/],
    ['java\tscript:alert(1)', /control|spaces/],
    ['data:text/html,hi', /absolute http/],
    ['vbscript:msgbox', /absolute http/],
    ['https:example.org', /absolute http/],
    ['/relative/path', /absolute http/],
    ['https://', /not a URL/],
    ['https://ex ample.org', /spaces/],
    ['https://example.org/"onclick="x', /quotes/],
    ["https://example.org/'x", /quotes/],
    ['https://example.org/<script>', /angle brackets/],
    ['https://example.org/`x`', /backticks/],
    ['https:\\\\example.org', /backslashes/],
    ['https://example.org/\u0000', /control/],
    ['https://example.org/\u2028', /spaces/],
  ])('refuses %j', (url, message) => {
    expect(urlProblem(url)).toMatch(message);
    expect(isAllowedUrl(url)).toBe(false);
  });

  it('treats a missing URL as not linkable', () => {
    expect(isAllowedUrl(null)).toBe(false);
    expect(isAllowedUrl(undefined)).toBe(false);
  });
});
