/**
 * What every id and text written by an edit or an import must be: well-formed Unicode without control
 * characters. A lone surrogate is silently turned into U+FFFD on its way to Neo4j, so the stored id would
 * differ from the one the request named (the write lands, the read-back fails, a re-import creates it
 * again); NUL and other control characters hide text on screen and make XML exports unreadable. Free text
 * keeps tab, line feed and carriage return; ids keep none of them.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const controlInText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const controlInId = /[\u0000-\u001F\u007F-\u009F]/;
const nonCharacter = /[\uFFFE\uFFFF]/;

const codePoint = (character: string) => `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

export type TextKind = 'id' | 'text';

/** Why `text` may not be written, in words that follow its field name, or null when it may. */
export function textProblem(text: string, kind: TextKind): string | null {
  const lone = loneSurrogate.exec(text);
  if (lone) return `holds an unpaired surrogate (${codePoint(lone[0])} at position ${lone.index}), which is not Unicode text`;
  const control = (kind === 'id' ? controlInId : controlInText).exec(text);
  if (control) {
    const allowed = kind === 'id' ? 'ids hold no control characters, tabs or line breaks' : 'only tab and line breaks are allowed';
    return `holds the control character ${codePoint(control[0])} at position ${control.index} (${allowed})`;
  }
  const non = nonCharacter.exec(text);
  if (non) return `holds ${codePoint(non[0])} at position ${non.index}, which is not a character`;
  return null;
}

/** A value for a message: control characters and lone surrogates escaped, long values cut. */
export function shownValue(text: string, max = 80): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
