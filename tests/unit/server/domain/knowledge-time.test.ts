import { describe, expect, it } from 'vitest';
import { citationsKnownBy, knownSince } from '../../../../server/domain/knowledge-time.js';

const dated = (published: string | null) => ({ published });

describe('knowledge time', () => {
  it('is the earliest dated source, else the recorded day, else undated', () => {
    expect(knownSince([dated('2022-09-21'), dated(null), dated('2022-09-07')], '2024-01-01T10:00:00Z')).toBe('2022-09-07');
    expect(knownSince([dated(null)], '2024-01-01T10:00:00Z')).toBe('2024-01-01');
    expect(knownSince([dated(null)], null)).toBeNull();
  });

  it('keeps the sources known on the day, and drops a fact not yet known or undated unless asked', () => {
    const clock = { knownAsOf: '2022-09-08', includeUndated: false };
    expect(citationsKnownBy([dated('2022-09-07'), dated('2022-09-21'), dated(null)], null, clock)).toEqual([dated('2022-09-07')]);
    expect(citationsKnownBy([dated('2022-09-07'), dated(null)], null, { ...clock, includeUndated: true })).toEqual([
      dated('2022-09-07'),
      dated(null),
    ]);
    expect(citationsKnownBy([dated('2022-09-21')], null, clock)).toBeNull();
    expect(citationsKnownBy([dated(null)], null, clock)).toBeNull();
    expect(citationsKnownBy([dated(null)], null, { ...clock, includeUndated: true })).toEqual([dated(null)]);
    // With no dated source, the recorded day decides.
    expect(citationsKnownBy([dated(null)], '2022-01-01T00:00:00Z', clock)).toEqual([dated(null)]);
    expect(citationsKnownBy([dated(null)], '2023-01-01T00:00:00Z', clock)).toBeNull();
    expect(citationsKnownBy([dated('2030-01-01')], null, null)).toEqual([dated('2030-01-01')]);
  });
});
