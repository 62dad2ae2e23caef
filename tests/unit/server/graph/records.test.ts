import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../../server/graph/records.js';

describe('toPlain', () => {
  it('writes dates as the driver does, from Integer or number fields alike', () => {
    for (const [year, month, day] of [
      [2022, 9, 7],
      [5, 1, 31],
      [-44, 3, 15],
      [12345, 12, 1],
    ]) {
      const fromIntegers = new neo4j.types.Date(neo4j.int(year), neo4j.int(month), neo4j.int(day));
      expect(toPlain(fromIntegers)).toBe(String(fromIntegers));
      expect(toPlain(new neo4j.types.Date(year, month, day))).toBe(String(fromIntegers));
    }
  });

  it('turns Integers into numbers, keeps scalars, and walks lists and maps', () => {
    const value = {
      n: neo4j.int(42),
      s: 'x',
      b: true,
      list: [neo4j.int(1), null, { d: new neo4j.types.Date(2024, 2, 29) }],
      missing: undefined,
    };
    expect(toPlain(value)).toEqual({ n: 42, s: 'x', b: true, list: [1, null, { d: '2024-02-29' }], missing: null });
  });
});
