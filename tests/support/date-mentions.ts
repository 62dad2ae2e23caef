/**
 * Does a text mention a given calendar day? Used to audit that every date stored in the founding case is
 * stated by one of the excerpts that cite the element (or that the element says it was inferred).
 *
 * Recognised, case-insensitively, with an optional "st/nd/rd/th" and an optional year:
 *   "July 15", "July 15, 2022", "15 July 2022", "15th of July", "Sept. 9", "Dec. 25", "2022-07-15",
 *   "Christmas Day" (25 December), and "today" (the source's publication day).
 * A mention without a year takes the year from the source's publication date (the latest such day on or
 * before publication); without a publication date its year is unknown and it proves nothing.
 * Weekdays ("on Monday") and relative phrases ("earlier this week", "last week") are deliberately not
 * read: the day they name is an inference, and an inferred date must say so in the element's description.
 */

const monthNames = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
] as const;

const monthByName = new Map<string, number>(monthNames.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
const monthPattern = `(${[...monthByName.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const dayPattern = '(\\d{1,2})(?:st|nd|rd|th)?';
const yearPattern = '(?:,?\\s+(\\d{4}))?';

/** Days that have a name of their own and a fixed place in the calendar. */
const namedDays: ReadonlyArray<{ pattern: RegExp; month: number; day: number }> = [
  { pattern: /\bchristmas day\b/gi, month: 12, day: 25 },
  { pattern: /\bnew year['’]s day\b/gi, month: 1, day: 1 },
];

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** A mention found in a text: its year is null when the text does not give one. */
interface DayMention {
  year: number | null;
  month: number;
  day: number;
}

export function parseIsoDay(value: string): CalendarDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new Error(`not an ISO calendar date: ${value}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Every calendar day the text names, in any recognised form. */
export function dayMentions(text: string, published: string | null): DayMention[] {
  const mentions: DayMention[] = [];
  const add = (year: string | undefined, month: number | undefined, day: number) => {
    if (month && day >= 1 && day <= 31) mentions.push({ year: year ? Number(year) : null, month, day });
  };
  for (const match of text.matchAll(new RegExp(`\\b${monthPattern}\\s+${dayPattern}\\b${yearPattern}`, 'gi'))) {
    add(match[3], monthByName.get(match[1].toLowerCase()), Number(match[2]));
  }
  for (const match of text.matchAll(new RegExp(`\\b${dayPattern}\\s+(?:of\\s+)?${monthPattern}(?!\\w)${yearPattern}`, 'gi'))) {
    add(match[3], monthByName.get(match[2].toLowerCase()), Number(match[1]));
  }
  for (const match of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) add(match[1], Number(match[2]), Number(match[3]));
  for (const { pattern, month, day } of namedDays) for (const _ of text.matchAll(pattern)) add(undefined, month, day);
  if (published && /\btoday(?:['’]s)?\b/i.test(text)) {
    const day = parseIsoDay(published);
    mentions.push(day);
  }
  return mentions;
}

/** The year of a month-day mentioned without one in a document published on `published`. */
function yearBefore(published: string | null, month: number, day: number): number | null {
  if (!published) return null;
  const at = parseIsoDay(published);
  return month < at.month || (month === at.month && day <= at.day) ? at.year : at.year - 1;
}

/** True when `text`, from a document published on `published` (or null), names the day `iso`. */
export function mentionsDay(text: string, iso: string, published: string | null): boolean {
  const wanted = parseIsoDay(iso);
  return dayMentions(text, published).some(
    (mention) =>
      mention.month === wanted.month &&
      mention.day === wanted.day &&
      (mention.year ?? yearBefore(published, mention.month, mention.day)) === wanted.year,
  );
}

/** True when a description says that the day `iso` was inferred, and from what ("... inferred from ..."). */
export function statesInferredDay(description: string | null, iso: string): boolean {
  if (!description || !/\binferred from\b/i.test(description)) return false;
  return mentionsDay(description, iso, null);
}
