import { rankingConfidence } from './confidence.js';
import type { EntityLink } from './graph-records.js';
import type { RelationshipTypeName } from './model.js';
import type { EntityRecord, RelationshipRecord } from './types.js';

/** The link types that answer "who did it" for an incident: a third party's attribution, a claim, a denial. */
export const hypothesisTypes: ReadonlySet<string> = new Set<RelationshipTypeName>(['ATTRIBUTED_TO', 'CLAIMED_BY', 'DENIED_BY']);

export interface AttributionHypothesisRecord {
  actor: EntityRecord;
  relationship: RelationshipRecord;
  stance: RelationshipRecord['stance'];
  /** Null when the source states none. */
  confidence: number | null;
  disputedBy: EntityRecord[];
}

/**
 * An incident's competing answers to "who did it", from its outgoing links, strongest first, denials included;
 * an unstated confidence ranks as server/domain/confidence.ts says.
 */
export function attributionHypotheses(incidentId: string, links: readonly EntityLink[]): AttributionHypothesisRecord[] {
  return links
    .filter(({ relationship }) => relationship.from.id === incidentId && hypothesisTypes.has(relationship.type))
    .map(({ relationship, other }) => ({
      actor: other,
      relationship,
      stance: relationship.stance,
      confidence: relationship.confidence,
      disputedBy: relationship.disputedBy,
    }))
    .sort((a, b) => rankingConfidence(b.confidence) - rankingConfidence(a.confidence));
}
