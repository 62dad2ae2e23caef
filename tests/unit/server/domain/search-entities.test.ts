import { describe, expect, it } from 'vitest';
import { nameKey, toLuceneQuery } from '../../../../server/domain/search-entities.js';

describe('toLuceneQuery', () => {
  it('matches each word as typed or as a prefix, all words required, or the words written as one', () => {
    expect(toLuceneQuery('Homeland JUSTICE')).toBe(
      '((homeland OR homeland*) AND (justice OR justice*)) OR homelandjustice OR homelandjustice*',
    );
    expect(toLuceneQuery('MEK')).toBe('(mek OR mek*)');
  });
  it('with typos allowed, matches words of five letters or more with one typo', () => {
    expect(toLuceneQuery('Homland JUSTICE', { typos: true })).toBe(
      '((homland OR homland* OR homland~1) AND (justice OR justice* OR justice~1)) OR homlandjustice OR homlandjustice*',
    );
    expect(toLuceneQuery('MEK', { typos: true })).toBe('(mek OR mek*)');
    expect(toLuceneQuery('iran~ (state)', { typos: true })).toBe('(iran\\~ OR iran\\~*) AND (\\(state\\) OR \\(state\\)*)');
  });
  it("also matches a word without its possessive 's", () => {
    expect(toLuceneQuery("Iran's")).toBe("(iran's OR iran's* OR iran OR iran*)");
    expect(toLuceneQuery('Iran’s ministry')).toBe(
      '((iran’s OR iran’s* OR iran OR iran*) AND (ministry OR ministry*)) OR iranministry OR iranministry*',
    );
  });
  it('escapes every character with a meaning in Lucene syntax, and never makes a typo or joined term of them', () => {
    expect(toLuceneQuery('a:b (c) "d" *')).toBe('(a\\:b OR a\\:b*) AND (\\(c\\) OR \\(c\\)*) AND (\\"d\\" OR \\"d\\"*) AND (\\* OR \\**)');
    expect(toLuceneQuery('iran~ (state)')).toBe('(iran\\~ OR iran\\~*) AND (\\(state\\) OR \\(state\\)*)');
  });
});

describe('toLuceneQuery with operator words', () => {
  it('keeps AND, OR and NOT as plain words', () => {
    expect(toLuceneQuery('iran OR NOT')).toBe('((iran OR iran*) AND (or OR or*) AND (not OR not*)) OR iranornot OR iranornot*');
  });
});

describe('nameKey', () => {
  it('compares names apart from case, spacing, hyphens, dots and possessives', () => {
    expect(nameKey('Air-Albania')).toBe(nameKey('air albania'));
    expect(nameKey('ZeroCleare')).toBe(nameKey('zero cleare'));
    expect(nameKey("Iran's")).toBe(nameKey('Iran'));
    expect(nameKey('Iran’s Ministry')).toBe(nameKey('iran ministry'));
    expect(nameKey('U.S. Treasury')).toBe(nameKey('us treasury'));
    expect(nameKey('Iran')).not.toBe(nameKey('Iraq'));
    expect(nameKey('Homeland Justice')).not.toBe(nameKey('Homeland'));
  });
});
