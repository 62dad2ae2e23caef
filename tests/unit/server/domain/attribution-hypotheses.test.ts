import { describe, expect, it } from 'vitest';
import { attributionHypotheses } from '../../../../server/domain/attribution-hypotheses.js';
import type { EntityLink } from '../../../../server/domain/graph-records.js';
import type { EntityRecord, RelationshipRecord } from '../../../../server/domain/types.js';
import { entityRecord, relationshipRecord } from '../../../support/records.js';

const entity = (id: string, kind: EntityRecord['kind']): EntityRecord => entityRecord({ id, kind, name: id });
const incident = entity('inc', 'INCIDENT');
function link(
  type: string,
  from: EntityRecord,
  to: EntityRecord,
  stance: RelationshipRecord['stance'],
  confidence: number | null,
): EntityLink {
  const relationship = relationshipRecord({ id: `${from.id}-${type}-${to.id}`, type, from, to, stance, confidence });
  return { relationship, other: from.id === incident.id ? to : from };
}

describe('attributionHypotheses', () => {
  it("lists the incident's attributions, claims and denials, strongest first, and nothing else", () => {
    const actor = entity('hj', 'THREAT_ACTOR');
    const state = entity('iran', 'STATE');
    const hypotheses = attributionHypotheses('inc', [
      link('ATTRIBUTED_TO', incident, state, 'SUSPECTED', 50),
      link('CLAIMED_BY', incident, actor, 'CLAIMED', 65),
      link('DENIED_BY', incident, state, 'DENIED', 90),
      link('TARGETED', incident, entity('albania', 'STATE'), 'ASSERTED', 95),
      // An incident that points at this one is not a hypothesis about it.
      link('ATTRIBUTED_TO', entity('other-inc', 'INCIDENT'), incident, 'SUSPECTED', 99),
    ]);
    expect(hypotheses.map((hypothesis) => `${hypothesis.actor.id}:${hypothesis.stance}:${hypothesis.confidence}`)).toEqual([
      'iran:DENIED:90',
      'hj:CLAIMED:65',
      'iran:SUSPECTED:50',
    ]);
  });

  it('ranks a confidence the source does not state as an even chance, and keeps it unstated', () => {
    const hypotheses = attributionHypotheses('inc', [
      link('ATTRIBUTED_TO', incident, entity('a', 'STATE'), 'SUSPECTED', 40),
      link('ATTRIBUTED_TO', incident, entity('b', 'THREAT_ACTOR'), 'SUSPECTED', null),
      link('CLAIMED_BY', incident, entity('c', 'THREAT_ACTOR'), 'CLAIMED', 65),
    ]);
    expect(hypotheses.map((hypothesis) => `${hypothesis.actor.id}:${hypothesis.confidence}`)).toEqual(['c:65', 'b:null', 'a:40']);
  });
});
