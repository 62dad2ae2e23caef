import { describe, expect, it } from 'vitest';
import type { StepScore } from '../../../../../server/domain/paths/evaluate-paths.js';
import { confidenceBand, criticalSource, metaPath, reading } from '../../../../../server/domain/paths/explain-path.js';
import type { EntityRecord } from '../../../../../server/domain/types.js';
import { entityRecord } from '../../../../support/records.js';

const entity = (id: string, kind: EntityRecord['kind'], name: string): EntityRecord => entityRecord({ id, kind, name });
const chain = [
  entity('hj', 'THREAT_ACTOR', 'Homeland Justice'),
  entity('iran', 'STATE', 'Iran'),
  entity('mois', 'ORGANIZATION', 'MOIS'),
  entity('sanction', 'SANCTION', 'US sanctions'),
];
const step = (fields: Partial<StepScore>): StepScore => ({
  links: [],
  support: 0.9,
  groups: 2,
  reliableGroups: 2,
  weight: 1,
  claimed: false,
  contested: false,
  ...fields,
});

describe('explaining a path', () => {
  const steps = [
    { type: 'AFFILIATED_WITH' as const, forward: true, stance: 'SUSPECTED' as const },
    { type: 'PART_OF' as const, forward: false, stance: 'ASSERTED' as const },
    { type: 'SANCTIONS' as const, forward: false, stance: 'ASSERTED' as const },
  ];

  it('names the meta-path by kinds and link types, arrows in reading order', () => {
    expect(metaPath(chain, steps)).toBe('ThreatActor -affiliated with-> State <-part of- Organization <-sanctions- Sanction');
  });

  it('reads every step from its start towards its end, hedged by its stance', () => {
    expect(reading(chain, steps)).toBe(
      'Homeland Justice is affiliated with Iran (suspected), which includes MOIS, which is sanctioned by US sanctions.',
    );
    expect(reading(chain.slice(0, 2), [{ type: 'CLAIMED_BY', forward: false, stance: 'CLAIMED' }])).toBe(
      'Homeland Justice claims Iran (claimed).',
    );
  });

  it('bands in ICD 203 words: high only when corroborated by graded sources throughout and undisputed, low on thin support or a claim', () => {
    expect(confidenceBand(0.8, [step({}), step({})])).toBe('HIGH');
    expect(confidenceBand(0.8, [step({}), step({ contested: true })])).toBe('MODERATE');
    expect(confidenceBand(0.8, [step({}), step({ reliableGroups: 1 })])).toBe('MODERATE');
    expect(confidenceBand(0.45, [step({}), step({})])).toBe('MODERATE');
    expect(confidenceBand(0.15, [step({}), step({})])).toBe('LOW');
    expect(confidenceBand(0.9, [step({}), step({ claimed: true })])).toBe('LOW');
  });

  it('names the source whose removal lowers the support most, or none when no single removal does', () => {
    const cited = [
      step({
        links: [
          {
            id: 1,
            confidence: 90,
            stance: 'ASSERTED',
            citations: [
              { sourceId: 'a', credibility: 6 },
              { sourceId: 'b', credibility: 6 },
            ],
          },
        ],
      }),
    ];
    const without: Record<string, number> = { a: 0.5, b: 0.7 };
    expect(criticalSource(cited, 0.8, (id) => without[id])).toBe('a');
    expect(criticalSource(cited, 0.8, () => 0.8)).toBeNull();
  });
});
