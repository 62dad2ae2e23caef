import { describe, expect, it } from 'vitest';
import { shownValue, textProblem } from '../../../../server/domain/text-policy.js';

describe('textProblem', () => {
  it('accepts well-formed text in any script, with tabs and line breaks in free text', () => {
    for (const text of ['Homeland Justice', 'مرحبا', '中文', 'emoji 😀', 'a\tb\nc\r\nd']) expect(textProblem(text, 'text')).toBeNull();
    expect(textProblem('apt-33 😀', 'id')).toBeNull();
  });

  it('refuses unpaired surrogates, naming the code unit and position', () => {
    expect(textProblem('x-\ud800', 'id')).toMatch(/unpaired surrogate \(U\+D800 at position 2\)/);
    expect(textProblem('\udfff tail', 'text')).toMatch(/U\+DFFF at position 0/);
  });

  it('refuses control characters; ids also refuse tabs and line breaks', () => {
    expect(textProblem('a\u0000', 'text')).toMatch(/control character U\+0000 at position 1/);
    expect(textProblem('a\u007f', 'text')).toMatch(/U\+007F/);
    expect(textProblem('a\u009b', 'text')).toMatch(/U\+009B/);
    expect(textProblem('a\tb', 'id')).toMatch(/U\+0009.*ids hold no control characters, tabs or line breaks/);
    expect(textProblem('a\nb', 'id')).toMatch(/U\+000A/);
  });

  it('refuses the non-characters U+FFFE and U+FFFF', () => {
    expect(textProblem('a\uffff', 'text')).toMatch(/U\+FFFF at position 1, which is not a character/);
  });
});

describe('shownValue', () => {
  it('escapes what would be invisible and cuts long values', () => {
    expect(shownValue('x-\ud800\u0000')).toBe('x-\\ud800\\u0000');
    expect(shownValue('a'.repeat(100))).toBe(`${'a'.repeat(80)}…`);
  });
});
