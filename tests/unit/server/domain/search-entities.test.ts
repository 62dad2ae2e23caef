import { describe, expect, it } from 'vitest';
import { toLuceneQuery } from '../../../../server/domain/search-entities.js';

describe('toLuceneQuery', () => {
  it('matches each word as typed or as a prefix, all words required', () => {
    expect(toLuceneQuery('Homeland JUSTICE')).toBe('(homeland OR homeland*) AND (justice OR justice*)');
  });
  it('escapes every character with a meaning in Lucene syntax', () => {
    expect(toLuceneQuery('a:b (c) "d" *')).toBe('(a\\:b OR a\\:b*) AND (\\(c\\) OR \\(c\\)*) AND (\\"d\\" OR \\"d\\"*) AND (\\* OR \\**)');
  });
});

describe('toLuceneQuery with operator words', () => {
  it('keeps AND, OR and NOT as plain words', () => {
    expect(toLuceneQuery('iran OR NOT')).toBe('(iran OR iran*) AND (or OR or*) AND (not OR not*)');
  });
});
