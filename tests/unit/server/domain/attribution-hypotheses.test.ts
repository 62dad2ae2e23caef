import { describe, expect, it } from 'vitest';
import { attributionHypotheses } from '../../../../server/domain/attribution-hypotheses.js';
import type { EntityLink } from '../../../../server/domain/graph-records.js';
import type { EntityRecord, RelationshipRecord } from '../../../../server/domain/types.js';

const entity = (id: string, kind: EntityRecord['kind']): EntityRecord => ({
  id,
  kind,
  name: id,
  aliases: [],
  description: null,
  date: null,
  properties: {},
  sources: [],
  extra: null,
});
const incident = entity('inc', 'INCIDENT');
const unsourced = { since: null, until: null, description: null, sources: [], disputedBy: [] };
function link(type: string, from: EntityRecord, to: EntityRecord, stance: RelationshipRecord['stance'], confidence: number): EntityLink {
  const relationship: RelationshipRecord = { ...unsourced, id: `${from.id}-${type}-${to.id}`, type, from, to, stance, confidence };
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
});
