/**
 * The one rule for URLs that arrive from outside (edits, CSV, JSON, STIX): an absolute http or https URL as
 * the WHATWG URL parser reads it, holding no character that could end an HTML attribute, a Markdown link or
 * a JSON string early, or make a browser read the URL differently from us: quotes, angle brackets, backticks,
 * backslashes, whitespace and control characters must be percent-encoded. Anything else (javascript:, data:,
 * relative paths) is refused, so no stored link can ever run script or leave the http(s) web.
 */
const unsafeCharacter = /[\s"'<>`\\\p{Cc}]/u;

/** Why `text` is not an acceptable source URL, in words that follow its location, or null when it is. */
export function urlProblem(text: string): string | null {
  if (unsafeCharacter.test(text)) {
    return 'must not hold quotes, angle brackets, backticks, backslashes, spaces or control characters (percent-encode them)';
  }
  if (!/^https?:\/\//i.test(text)) return 'must be an absolute http:// or https:// URL';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL that a browser can open';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an absolute http:// or https:// URL';
  return null;
}

/** True when `text` may be shown as a link (the same rule as on input, for values stored before it existed). */
export function isAllowedUrl(text: string | null | undefined): text is string {
  return typeof text === 'string' && urlProblem(text) === null;
}
