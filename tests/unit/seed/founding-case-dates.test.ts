import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dateProperties } from '../../../server/domain/model.js';
import { mentionsDay, statesInferredDay } from '../../support/date-mentions.js';

// The provenance audit of the founding case (issue 14, item 10): every date it stores must be named by an
// excerpt that cites the element, or the element's description must say the date was inferred and from what.

interface Citation {
  source: string;
  excerpt: string;
}
interface Element {
  id: string;
  description: string | null;
  sources: Citation[];
}
interface SeedEntity extends Element {
  date: string | null;
  properties: Record<string, unknown>;
}
interface SeedRelationship extends Element {
  since: string | null;
  until: string | null;
}
interface Seed {
  sources: { id: string; published: string | null; publishedInferred?: boolean; publishedNote?: string }[];
  entities: SeedEntity[];
  relationships: SeedRelationship[];
}

const seed = JSON.parse(fs.readFileSync(new URL('../../../cypher/seed/founding-case.json', import.meta.url), 'utf8')) as Seed;
const published = new Map(seed.sources.map((source) => [source.id, source.published]));

/** Every stored date of the case, with the element that carries it. */
function storedDates(): { element: Element; field: string; date: string }[] {
  const dates: { element: Element; field: string; date: string }[] = [];
  for (const entity of seed.entities) {
    if (entity.date) dates.push({ element: entity, field: 'date', date: entity.date });
    for (const [key, value] of Object.entries(entity.properties)) {
      if (dateProperties.has(key) && typeof value === 'string') dates.push({ element: entity, field: key, date: value });
    }
  }
  for (const link of seed.relationships) {
    if (link.since) dates.push({ element: link, field: 'since', date: link.since });
    if (link.until) dates.push({ element: link, field: 'until', date: link.until });
  }
  return dates;
}

const supported = ({ element, date }: { element: Element; date: string }) =>
  element.sources.some((citation) => mentionsDay(citation.excerpt, date, published.get(citation.source) ?? null)) ||
  statesInferredDay(element.description, date);

describe('the date matcher', () => {
  it('reads day-month mentions in the usual forms, with the year given or taken from the publication date', () => {
    expect(mentionsDay('In July 15, 2022 it began', '2022-07-15', null)).toBe(true);
    expect(mentionsDay('on 15 July 2022', '2022-07-15', null)).toBe(true);
    expect(mentionsDay('on the 7th of September', '2022-09-07', '2022-09-08')).toBe(true);
    expect(mentionsDay('posted on Dec. 25 to its followers', '2023-12-25', '2023-12-27')).toBe(true);
    expect(mentionsDay('Sept. 9', '2022-09-09', '2022-09-10')).toBe(true);
    expect(mentionsDay('an incident on Christmas Day', '2023-12-25', '2024-01-02')).toBe(true);
    expect(mentionsDay('For more information on today’s action', '2022-09-09', '2022-09-09')).toBe(true);
    expect(mentionsDay('since 2022-07-15', '2022-07-15', null)).toBe(true);
  });

  it('refuses other days, unknown years, weekdays and relative phrases', () => {
    expect(mentionsDay('A cyberattack on July 15', '2022-07-16', '2022-09-07')).toBe(false);
    expect(mentionsDay('A cyberattack on July 15', '2021-07-15', '2022-09-07')).toBe(false);
    expect(mentionsDay('A cyberattack on July 15', '2022-07-15', null)).toBe(false);
    expect(mentionsDay('on December 25, 2022', '2023-12-25', '2023-12-27')).toBe(false);
    expect(mentionsDay('In July 2022, actors launched', '2022-07-15', null)).toBe(false);
    expect(mentionsDay('On Monday, the group claimed', '2023-12-25', '2023-12-27')).toBe(false);
    expect(mentionsDay('Reports emerged earlier this week', '2023-12-25', '2023-12-27')).toBe(false);
    expect(mentionsDay('today', '2022-09-09', null)).toBe(false);
  });

  it('accepts an inferred day only when the description says so, names the day and says from what', () => {
    expect(statesInferredDay('The day, 25 December 2023, is inferred from "On Monday" in The Record.', '2023-12-25')).toBe(true);
    expect(statesInferredDay('The day, 25 December 2023, is an estimate.', '2023-12-25')).toBe(false);
    expect(statesInferredDay('The day is inferred from "On Monday" in The Record.', '2023-12-25')).toBe(false);
    expect(statesInferredDay(null, '2023-12-25')).toBe(false);
  });
});

/** Every excerpt the case cites from one source. */
const excerptsOf = (sourceId: string) =>
  [...seed.entities, ...seed.relationships].flatMap((element) =>
    element.sources.filter((citation) => citation.source === sourceId).map((citation) => citation.excerpt),
  );

describe('the founding case passes the date audit', () => {
  it('says when a publication date is inferred, names the day and quotes only what the source says', () => {
    const inferred = seed.sources.filter((source) => source.publishedInferred);
    // The seed article states no date; its day is inferred from its own words (issue 17).
    expect(inferred.map((source) => source.id)).toEqual(['src-seed-article']);
    for (const source of inferred) {
      expect(source.published, source.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(mentionsDay(source.publishedNote ?? '', source.published!, null), `${source.id} names its day`).toBe(true);
      const quoted = [...(source.publishedNote ?? '').matchAll(/“([^”]+)”/g)].map((match) => match[1]);
      expect(quoted.length, `${source.id} quotes what the date is inferred from`).toBeGreaterThan(0);
      for (const phrase of quoted)
        expect(
          excerptsOf(source.id).some((excerpt) => excerpt.includes(phrase)),
          phrase,
        ).toBe(true);
    }
    // No stated date is marked as explained when it is not inferred.
    for (const source of seed.sources.filter((candidate) => !candidate.publishedInferred))
      expect(source.publishedNote, source.id).toBeUndefined();
  });

  it('stores calendar dates only', () => {
    for (const { element, field, date } of storedDates()) expect(`${element.id}.${field}=${date}`).toMatch(/=\d{4}-\d{2}-\d{2}$/);
  });

  it('names every stored date in a cited excerpt, or says it was inferred and from what', () => {
    const unsupported = storedDates()
      .filter((dated) => !supported(dated))
      .map(({ element, field, date }) => `${element.id}.${field} = ${date}`);
    expect(unsupported).toEqual([]);
  });
});
