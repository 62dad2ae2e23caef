import { distance } from 'fastest-levenshtein';

/**
 * Names as the duplicate finder compares them: folded (case, accents, punctuation), stripped of the words that
 * say nothing ("of", "the"), with government forms reduced to the country ("Government of the Islamic Republic
 * of Iran" -> "iran"), and with abbreviations in parentheses kept as names of their own.
 */

const stopWords = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'for',
  'in',
  'on',
  'at',
  'to',
  'by',
  'against',
  's',
  'its',
  'de',
  'la',
  'le',
  'i',
  'e',
]);

/**
 * Words common to many names of one kind ("ministry", "attack", "group"): they count for little, so two names
 * sharing only them do not look alike. Month names and years count for little too: dates are compared apart.
 */
const genericWords = new Set([
  'ministry',
  'department',
  'agency',
  'authority',
  'office',
  'national',
  'government',
  'council',
  'company',
  'group',
  'organization',
  'organisation',
  'centre',
  'center',
  'service',
  'services',
  'attack',
  'attacks',
  'cyberattack',
  'cyber',
  'incident',
  'cybersecurity',
  'campaign',
  'operation',
  'attempted',
  'alleged',
  'team',
  'republic',
]);
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthWords = new Set(months);
const isDateWord = (word: string) => monthWords.has(word) || /^(19|20)\d\d$/.test(word);

/** Government forms reduced to the country they name (only at the start of a name). */
const governmentForm =
  /^(?:the )?(?:(?:government|govt|state|kingdom|sultanate|emirate|commonwealth) of (?:the )?)?(?:(?:islamic|democratic|people s|federal|arab|socialist|united|federative|plurinational|bolivarian|hashemite) )*(?:republic|kingdom|federation|state) of (?:the )?/;
const governmentOf = /^(?:the )?(?:government|govt) of (?:the )?/;

/** Lower case, no accents, punctuation as spaces, "cyber attack" as one word. */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[’'`]/g, ' ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .replace(/\bcyber (attacks?)\b/g, 'cyber$1')
      .trim()
      // Initials written with stops ("U.S.") are one word.
      .replace(/\b(\p{L}) (?=\p{L}\b)/gu, '$1')
  );
}

/** A name reduced to the state it names, when it is a government form; the folded name otherwise. */
export function withoutGovernmentForm(folded: string): string {
  const stripped = folded.replace(governmentForm, '').replace(governmentOf, '');
  return stripped.length > 0 ? stripped : folded;
}

/** The content words of a folded text, in order. */
export function contentWords(folded: string): string[] {
  return folded.split(' ').filter((word) => word.length > 0 && !stopWords.has(word));
}

/** How much a word counts when names are compared. */
export function wordWeight(word: string): number {
  return genericWords.has(word) || isDateWord(word) ? 0.3 : 1;
}

/** A parser's stand-in name (e.g. "opinion opinion--<uuid>"): no name at all for comparison. */
export function isPlaceholderName(name: string): boolean {
  return /\b[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}/i.test(name);
}

/**
 * Every form an entity is known by, folded: its name and aliases, each also without its government form,
 * abbreviations in parentheses as names of their own, and the initials of long names ("MOIS").
 */
export function nameVariants(name: string, aliases: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const given of [name, ...aliases]) {
    if (isPlaceholderName(given)) continue;
    // A one-word parenthesis is another name ("(MOIS)", "(Manëz)"); longer ones qualify ("(United States)",
    // "(December 2023)") and are not names of their own.
    const inParentheses = [...given.matchAll(/\(([^)]+)\)/g)].map((match) => match[1].trim()).filter((text) => /^[\p{L}-]+$/u.test(text));
    const outside = given.replace(/\([^)]*\)/g, ' ');
    for (const text of [given, outside, ...inParentheses]) {
      const folded = foldText(text);
      if (!folded) continue;
      variants.add(folded);
      variants.add(withoutGovernmentForm(folded));
    }
    const words = foldText(outside).split(' ').filter(Boolean);
    if (words.length >= 3) {
      variants.add(
        words
          .filter((word) => word !== 'and' && word !== 'the')
          .map((word) => word[0])
          .join(''),
      );
      variants.add(
        contentWords(words.join(' '))
          .map((word) => word[0])
          .join(''),
      );
    }
  }
  return [...variants].filter((variant) => variant.length > 1);
}

/** Two words that stand for one: equal, one the other's stem (Albania / Albanian), or one typo apart. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short) && long.length - short.length <= 3) return true;
  return short.length >= 6 && distance(a, b) <= 1;
}

export interface WordComparison {
  /** Weighted Dice coefficient of the content words, 0-1. */
  similarity: number;
  /** True when each name has a meaningful word the other lacks ("Treasury" / "State"). */
  eachHasItsOwn: boolean;
  /** True when only one of them has such a word ("Albania" / "Air Albania"). */
  oneHasItsOwn: boolean;
}

/** Compares the content words of two folded names, word order aside. */
export function compareWords(a: string, b: string): WordComparison {
  const wordsA = [...new Set(contentWords(a))];
  const wordsB = [...new Set(contentWords(b))];
  const total = (words: string[]) => words.reduce((sum, word) => sum + wordWeight(word), 0);
  const matchedA = wordsA.filter((word) => wordsB.some((other) => sameWord(word, other)));
  const matchedB = wordsB.filter((word) => wordsA.some((other) => sameWord(word, other)));
  const denominator = total(wordsA) + total(wordsB);
  const similarity = denominator === 0 ? 0 : (total(matchedA) + total(matchedB)) / denominator;
  const ownWord = (words: string[], matched: string[]) => words.some((word) => !matched.includes(word) && wordWeight(word) === 1);
  const [ownA, ownB] = [ownWord(wordsA, matchedA), ownWord(wordsB, matchedB)];
  return { similarity, eachHasItsOwn: ownA && ownB, oneHasItsOwn: ownA !== ownB };
}

/** 1 - edit distance / length, on the words sorted (word order aside). */
export function editSimilarity(a: string, b: string): number {
  const sortedA = contentWords(a).sort().join(' ');
  const sortedB = contentWords(b).sort().join(' ');
  const longest = Math.max(sortedA.length, sortedB.length);
  return longest === 0 ? 0 : 1 - distance(sortedA, sortedB) / longest;
}

/** Month-year mentions in a name ("(July 2022)", "December 2023"), as YYYY-MM. */
export function datesNamed(text: string): string[] {
  const folded = foldText(text);
  return [
    ...folded.matchAll(/\b(january|february|march|april|may|june|july|august|september|october|november|december) ((?:19|20)\d\d)\b/g),
  ].map((match) => `${match[2]}-${String(months.indexOf(match[1]) + 1).padStart(2, '0')}`);
}
