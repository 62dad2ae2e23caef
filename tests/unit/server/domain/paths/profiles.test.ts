import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../../../../server/domain/paths/link-codes.js';
import { hubFactor, profiles, withTypeWeights } from '../../../../../server/domain/paths/profiles.js';
import { relationshipTypes } from '../../../../../shared/vocabulary.js';

describe('path profiles', () => {
  it('ATTRIBUTION follows responsibility and response, discounts claims, and keeps context links to the ends', () => {
    const { types, stances } = profiles.ATTRIBUTION;
    for (const type of [
      'TARGETED',
      'SEVERED_TIES_WITH',
      'SUPPORTS',
      'HOSTS',
      'LOCATED_IN',
      'FOLLOWS',
      'RELATED_TO',
      'MOTIVATED_BY',
    ] as const) {
      expect(types[type], type).toMatchObject({ role: 'context', endsOnly: true });
      expect(types[type].weight).toBeLessThan(0.5);
    }
    for (const type of ['ATTRIBUTED_TO', 'AFFILIATED_WITH', 'PART_OF', 'SANCTIONS', 'IMPOSED_BY', 'RESPONDS_TO', 'CLAIMED_BY'] as const) {
      expect(types[type].weight, type).toBe(1);
      expect(types[type].endsOnly).toBeFalsy();
    }
    expect(stances.CLAIMED).toBeLessThan(stances.SUSPECTED);
    expect(profiles.ATTRIBUTION.hubDiscount).toBe(true);
  });

  it('ANY_CONNECTION weighs every type alike, anywhere, and names every type the vocabulary has', () => {
    for (const type of relationshipTypes) {
      expect(profiles.ANY_CONNECTION.types[type]).toMatchObject({ weight: 1 });
      expect(profiles.ANY_CONNECTION.types[type].endsOnly).toBeFalsy();
      expect(profiles.ATTRIBUTION.types[type]).toBeDefined();
    }
    expect(profiles.ANY_CONNECTION.hubDiscount).toBe(false);
  });

  it('lets typeWeights replace a weight and lift a context type out of the ends-only rule', () => {
    const custom = withTypeWeights(profiles.ATTRIBUTION, [
      { type: 'TARGETED', weight: 0.9 },
      { type: 'USES', weight: 0 },
    ]);
    expect(custom.types.TARGETED).toEqual({ role: 'context', weight: 0.9 });
    expect(custom.types.USES.weight).toBe(0);
    expect(profiles.ATTRIBUTION.types.TARGETED.endsOnly).toBe(true);
  });

  it('discounts hubs by log-degree: nothing for a leaf, more and more slowly for larger degrees', () => {
    expect(hubFactor(1)).toBe(1);
    expect(hubFactor(10)).toBeCloseTo(0.78, 2);
    const degrees = [1, 2, 5, 10, 100, 1_000, 10_000];
    const factors = degrees.map(hubFactor);
    for (let i = 1; i < factors.length; i += 1) expect(factors[i]).toBeLessThan(factors[i - 1]);
    expect(hubFactor(10_000)).toBeGreaterThan(0.2);
  });
});

describe('link codes', () => {
  it('pack type, stance, direction and citations into one number and back', () => {
    for (const code of [
      { type: 0, stance: 0, outgoing: false, citations: 0 },
      { type: 18, stance: 3, outgoing: true, citations: 31 },
      { type: 7, stance: 1, outgoing: true, citations: 2 },
    ]) {
      expect(decodeLink(encodeLink(code))).toEqual(code);
    }
    expect(decodeLink(encodeLink({ type: 2, stance: 2, outgoing: false, citations: 400 })).citations).toBe(31);
  });
});
