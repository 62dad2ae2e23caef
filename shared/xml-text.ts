/**
 * Characters XML 1.0 forbids in any document (C0 controls but tab, line feed and carriage return; U+FFFE and
 * U+FFFF; unpaired surrogates). One of them makes a whole GraphML or SVG file unreadable, so exports replace
 * each with U+FFFD, the Unicode replacement character, which shows that something was there.
 */
const forbiddenInXml =
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The replacement character, for XML writers that take one (xmlbuilder2's invalidCharReplacement). */
export const xmlReplacementCharacter = '\uFFFD';

/** `text` with every character XML 1.0 forbids replaced by U+FFFD. */
export function xmlSafeText(text: string): string {
  return text.replace(forbiddenInXml, xmlReplacementCharacter);
}
