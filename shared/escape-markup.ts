const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and SVG content and attribute values alike. */
export function escapeMarkup(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (character) => entities[character]);
}
