import { defaultCredibility } from '../../server/domain/model.js';
import type { Citation, EntityRecord, RelationshipRecord, StixBookkeeping } from '../../server/domain/types.js';

/** The STIX bookkeeping of a project element nobody marked: no kept object, no timestamps, current. */
export const noBookkeeping: StixBookkeeping = {
  stixObject: null,
  created: null,
  modified: null,
  markings: [],
  revoked: false,
  deprecated: false,
};

type CitationDefaults = 'markings' | 'reliability' | 'origin' | 'derivedFrom' | 'credibility' | 'publishedInferred' | 'publishedNote';

/** A citation record for unit tests: unmarked, ungraded (F, the publisher's own, credibility 6), dated as stated, unless told. */
export function citation(fields: Omit<Citation, CitationDefaults> & Partial<Pick<Citation, CitationDefaults>>): Citation {
  return {
    markings: [],
    reliability: null,
    origin: null,
    derivedFrom: [],
    credibility: defaultCredibility,
    publishedInferred: false,
    publishedNote: null,
    ...fields,
  };
}

/** An entity record for unit tests: the given fields over a plain project entity's defaults. */
export function entityRecord(fields: Pick<EntityRecord, 'id' | 'kind' | 'name'> & Partial<EntityRecord>): EntityRecord {
  return {
    ...noBookkeeping,
    aliases: [],
    description: null,
    date: null,
    properties: {},
    sources: [],
    extra: null,
    externalIds: [],
    ...fields,
  };
}

/** A relationship record for unit tests: the given fields over a plain project link's defaults. */
export function relationshipRecord(
  fields: Pick<RelationshipRecord, 'id' | 'type' | 'from' | 'to' | 'stance' | 'confidence'> & Partial<RelationshipRecord>,
): RelationshipRecord {
  return {
    ...noBookkeeping,
    since: null,
    until: null,
    description: null,
    sources: [],
    disputedBy: [],
    count: null,
    extra: null,
    ...fields,
  };
}
