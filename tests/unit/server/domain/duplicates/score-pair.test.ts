import { describe, expect, it } from 'vitest';
import { nameVariants, withoutGovernmentForm, foldText } from '../../../../../server/domain/duplicates/normalise-names.js';
import { scorePair, type MatchFacts } from '../../../../../server/domain/duplicates/score-pair.js';

const facts = (over: Partial<MatchFacts> & Pick<MatchFacts, 'id' | 'kind' | 'name'>): MatchFacts => ({
  aliases: [],
  date: null,
  sector: null,
  statement: null,
  firstSeen: null,
  externalIds: [],
  excerpts: [],
  neighbours: [],
  linked: [],
  ...over,
});

describe('name normalisation', () => {
  it('reduces government forms to the country, folds accents and keeps abbreviations in parentheses', () => {
    expect(withoutGovernmentForm(foldText('Government of the Islamic Republic of Iran'))).toBe('iran');
    expect(withoutGovernmentForm(foldText('Government of Albania'))).toBe('albania');
    expect(nameVariants('Ashraf 3 camp (Manëz)', [])).toContain('manez');
    expect(nameVariants('Ministry of Intelligence and Security (MOIS)', [])).toContain('mois');
    expect(nameVariants('Ministry of Intelligence and Security', [])).toContain('mois');
  });
});

describe('scorePair', () => {
  it('matches a state and its government, with reasons', () => {
    const scored = scorePair(
      facts({ id: 'a', kind: 'STATE', name: 'Iran' }),
      facts({ id: 'b', kind: 'ORGANIZATION', name: 'Government of the Islamic Republic of Iran', sector: 'government-national' }),
    );
    expect(scored!.score).toBeGreaterThan(0.9);
    expect(scored!.reasons.join(' ')).toMatch(/same name once normalised/);
  });

  it('never pairs linked entities, incompatible kinds, or a state with a non-government organisation', () => {
    expect(
      scorePair(facts({ id: 'a', kind: 'STATE', name: 'Iran', linked: ['b'] }), facts({ id: 'b', kind: 'STATE', name: 'Iran' })),
    ).toBeNull();
    expect(
      scorePair(facts({ id: 'a', kind: 'PERSON', name: 'ROADSWEEP' }), facts({ id: 'b', kind: 'MALWARE', name: 'ROADSWEEP' })),
    ).toBeNull();
    expect(
      scorePair(
        facts({ id: 'a', kind: 'STATE', name: 'Albania' }),
        facts({ id: 'b', kind: 'ORGANIZATION', name: 'One Albania', sector: 'telecommunications' }),
      ),
    ).toBeNull();
  });

  it('keeps apart names that each have a word of their own, and events of different months', () => {
    const treasury = scorePair(
      facts({ id: 'a', kind: 'ORGANIZATION', name: 'U.S. Department of the Treasury' }),
      facts({ id: 'b', kind: 'ORGANIZATION', name: 'U.S. Department of State' }),
    );
    expect(treasury?.score ?? 0).toBeLessThan(0.5);
    const months = scorePair(
      facts({ id: 'a', kind: 'INCIDENT', name: 'Cyberattack on Albania (July 2022)' }),
      facts({ id: 'b', kind: 'INCIDENT', name: 'Cyberattack on Albania (September 2022)' }),
    );
    expect(months?.score ?? 0).toBeLessThan(0.5);
  });

  it('matches on a shared ATT&CK id whatever the names', () => {
    const scored = scorePair(
      facts({ id: 'a', kind: 'THREAT_ACTOR', name: 'OilRig', externalIds: ['G0049'] }),
      facts({ id: 'b', kind: 'THREAT_ACTOR', name: 'Helix Kitten', externalIds: ['G0049'] }),
    );
    expect(scored!.score).toBeGreaterThanOrEqual(0.95);
    expect(scored!.reasons[0]).toBe('same external id: G0049');
  });
});

describe('scorePair: what sources say and how STIX names kinds', () => {
  it('proposes a pair a DUPLICATE_OF link joins, with that reason, and pairs an actor with an intrusion set', () => {
    const joined = scorePair(
      facts({ id: 'a', kind: 'MALWARE', name: 'ZeroCleare', sameAs: ['b'] }),
      facts({ id: 'b', kind: 'MALWARE', name: 'ZEROCLEARE wiper variant' }),
    );
    expect(joined?.score).toBeGreaterThanOrEqual(0.95);
    expect(joined?.reasons[0]).toMatch(/DUPLICATE_OF/);
    const set = scorePair(
      facts({ id: 'c', kind: 'THREAT_ACTOR', name: 'HomeLand Justice' }),
      facts({ id: 'd', kind: 'INTRUSION_SET', name: 'Homeland Justice' }),
    );
    expect(set?.reasons.some((reason) => reason.includes('intrusion set'))).toBe(true);
  });
});
