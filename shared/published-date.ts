/**
 * How a source's publication date reads wherever it is shown (evidence panel, reports): as stated, or, when the
 * source states none and the date is inferred, saying so with how it was inferred, so an inferred day is never
 * read as the source's own.
 */
export interface PublishedDate {
  published?: string | null;
  publishedInferred?: boolean | null;
  publishedNote?: string | null;
}

/** "2023-12-27", "2023-12-31 (inferred: …)" or "2023-12-31 (inferred)"; null when there is no date. */
export function publishedText(source: PublishedDate, withNote = true): string | null {
  if (!source.published) return null;
  if (!source.publishedInferred) return source.published;
  return withNote && source.publishedNote ? `${source.published} (inferred: ${source.publishedNote})` : `${source.published} (inferred)`;
}
