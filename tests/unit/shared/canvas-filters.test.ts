import { describe, expect, it } from 'vitest';
import { edgePasses, emptyFilters, isFiltering, knownBy, nodePasses, parseFilterState } from '../../../shared/canvas-filters.js';

const edge = { type: 'ATTRIBUTED_TO', stance: 'ASSERTED', confidence: 80, since: '2022-07-17', until: null };

describe('the knowledge clock of the canvas filters', () => {
  it('keeps what was known by the day, and leaves out what became known later', () => {
    const f = { ...emptyFilters(), knownAsOf: '2022-09-22' };
    expect(edgePasses({ ...edge, knownSince: '2022-09-21' }, f)).toBe(true);
    expect(edgePasses({ ...edge, knownSince: '2022-09-22' }, f)).toBe(true);
    expect(edgePasses({ ...edge, knownSince: '2022-09-23' }, f)).toBe(false);
    expect(nodePasses({ kind: 'INCIDENT', date: '2022-07-17', knownSince: '2023-12-26' }, f)).toBe(false);
    expect(isFiltering(f)).toBe(true);
  });

  it('never treats an undated element as always known: it passes only when undated ones are included', () => {
    const f = { ...emptyFilters(), knownAsOf: '2022-09-22' };
    expect(knownBy(null, f)).toBe(false);
    expect(knownBy(undefined, f)).toBe(false);
    expect(edgePasses({ ...edge, knownSince: null }, f)).toBe(false);
    expect(edgePasses({ ...edge, knownSince: null }, { ...f, includeUndated: true })).toBe(true);
    // Without a knowledge date, knowledge time filters nothing, dated or not.
    expect(knownBy(null, emptyFilters())).toBe(true);
  });

  it('is independent of event time: what was true on one day, as known on another', () => {
    const f = { ...emptyFilters(), asOf: '2022-08-01', knownAsOf: '2022-09-08' };
    expect(edgePasses({ ...edge, knownSince: '2022-09-07' }, f)).toBe(true);
    expect(edgePasses({ ...edge, since: '2022-09-01', knownSince: '2022-09-07' }, f)).toBe(false);
    expect(edgePasses({ ...edge, knownSince: '2022-09-21' }, f)).toBe(false);
  });

  it('reads the two clocks back from a saved view, leniently', () => {
    expect(parseFilterState({ knownAsOf: '2022-09-22', includeUndated: true })).toMatchObject({
      knownAsOf: '2022-09-22',
      includeUndated: true,
    });
    expect(parseFilterState({ knownAsOf: 'yesterday', includeUndated: 'yes' })).toMatchObject({ knownAsOf: null, includeUndated: false });
  });
});
