import { describe, expect, it } from 'vitest';
import { binDates, binUnitFor, dateAtFraction, fractionOfDate } from '../../../../../client/src/state/time-bins';

describe('time bins', () => {
  it('picks day, month or year bins from the span', () => {
    expect(binUnitFor('2022-07-15', '2022-09-09')).toBe('day');
    expect(binUnitFor('2022-07-15', '2023-12-25')).toBe('month');
    expect(binUnitFor('2013-09-01', '2023-12-25')).toBe('year');
  });

  it('counts dates per month, keeping empty months so gaps show', () => {
    const { unit, bins } = binDates(['2022-07-15', '2022-09-07', '2022-09-09', null, 'not a date', '2022-12-01']);
    expect(unit).toBe('month');
    expect(bins.map((b) => [b.start, b.count])).toEqual([
      ['2022-07-01', 1],
      ['2022-08-01', 0],
      ['2022-09-01', 2],
      ['2022-10-01', 0],
      ['2022-11-01', 0],
      ['2022-12-01', 1],
    ]);
    expect(bins[1].end).toBe('2022-08-31');
  });

  it('bins by day over short spans and returns nothing without dates', () => {
    const { unit, bins } = binDates(['2022-09-09', '2022-09-07', '2022-09-07']);
    expect(unit).toBe('day');
    expect(bins.map((b) => b.count)).toEqual([2, 0, 1]);
    expect(binDates([]).bins).toEqual([]);
  });

  it('maps between dates and positions on the bar', () => {
    const { bins } = binDates(['2022-01-01', '2022-01-11']);
    expect(dateAtFraction(bins, 0)).toBe('2022-01-01');
    expect(dateAtFraction(bins, 1)).toBe('2022-01-11');
    expect(dateAtFraction(bins, 0.5)).toBe('2022-01-06');
    expect(fractionOfDate(bins, '2022-01-06')).toBeCloseTo(0.5);
    expect(fractionOfDate(bins, '2030-01-01')).toBe(1);
    expect(dateAtFraction([], 0.5)).toBeNull();
  });
});
