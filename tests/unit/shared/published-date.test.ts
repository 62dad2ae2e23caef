import { describe, expect, it } from 'vitest';
import { publishedText } from '../../../shared/published-date.js';

describe('how a publication date reads', () => {
  it('gives a stated date as it is, and says so of an inferred one, with how when asked', () => {
    expect(publishedText({ published: '2023-12-27' })).toBe('2023-12-27');
    expect(publishedText({ published: '2023-12-27', publishedInferred: false, publishedNote: 'From the byline.' })).toBe('2023-12-27');
    const inferred = { published: '2023-12-31', publishedInferred: true, publishedNote: '“earlier this week”' };
    expect(publishedText(inferred)).toBe('2023-12-31 (inferred: “earlier this week”)');
    expect(publishedText(inferred, false)).toBe('2023-12-31 (inferred)');
    expect(publishedText({ published: '2023-12-31', publishedInferred: true })).toBe('2023-12-31 (inferred)');
    expect(publishedText({ published: null, publishedInferred: true })).toBeNull();
  });
});
