import { xmlSafeText } from './xml-text.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML and SVG content and attribute values alike; characters XML 1.0 forbids (NUL, other
 * control characters, lone surrogates) become U+FFFD, so an SVG picture stays a well-formed XML document.
 */
export function escapeMarkup(text: string | number | null | undefined): string {
  return xmlSafeText(String(text ?? '')).replace(/[&<>"']/g, (character) => entities[character]);
}
