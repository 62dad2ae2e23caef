/**
 * What a source's evidence fields mean when they are not stated: a source is graded F ("reliability cannot be
 * judged") and is its own publisher's reporting. Origins are compared normalised, so "Associated Press" and
 * "associated press." name one origin.
 */
import { defaultReliability, type ReliabilityGrade } from '../model.js';

interface SourceLike {
  title: string;
  publisher: string | null;
  reliability?: ReliabilityGrade | null;
  origin?: string | null;
}

/** The source's Admiralty grade, F when none is stated. */
export function reliabilityOf(source: Pick<SourceLike, 'reliability'>): ReliabilityGrade {
  return source.reliability ?? defaultReliability;
}

/** The organisation whose reporting the source is: its stated origin, else its publisher, else its title. */
export function originOf(source: SourceLike): string {
  return nonBlank(source.origin) ?? nonBlank(source.publisher) ?? source.title;
}

/**
 * An origin as compared: accents, case, punctuation and spacing do not make a different organisation
 * ("U.S. Department of the Treasury" = "US Department of the Treasury"; "AP" is not "Associated Press",
 * which only the analyst can say by stating the origin).
 */
export function originKey(origin: string): string {
  return origin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function nonBlank(text: string | null | undefined): string | null {
  return text && text.trim() ? text.trim() : null;
}
