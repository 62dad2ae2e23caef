import { attributionHypotheses } from '../domain/attribution-hypotheses.js';
import type { EntityLink } from '../domain/graph-records.js';
import { entityKinds, kindLabels, kindProperties, type EntityKindName } from '../domain/model.js';
import type { EntityRecord } from '../domain/types.js';
import type { RequestContext } from '../context.js';
import { knownSinceOf } from '../domain/knowledge-time.js';
import { markingsOf, stixInfoOf } from '../domain/stix-info.js';
import type { Resolvers } from '../generated/graphql.js';

/** The other ends of this entity's outgoing links of one type. */
async function outgoing(entity: EntityRecord, type: string, { links }: RequestContext): Promise<EntityRecord[]> {
  const all: EntityLink[] = await links.load(entity.id);
  return all.filter((link) => link.relationship.type === type && link.relationship.from.id === entity.id).map((link) => link.other);
}

async function firstOutgoing(entity: EntityRecord, type: string, context: RequestContext): Promise<EntityRecord | null> {
  return (await outgoing(entity, type, context))[0] ?? null;
}

/** Resolvers for a kind's own scalar fields, read from the record's kind-specific properties. */
function propertyFields(kind: EntityKindName) {
  return Object.fromEntries(kindProperties[kind].map((key) => [key, (entity: EntityRecord) => entity.properties[key] ?? null]));
}

/** Fields every entity type shares: STIX identity, markings, knowledge time, and what replaces a revoked one. */
const commonFields = {
  knownSince: (entity: EntityRecord) => knownSinceOf(entity),
  stix: (entity: EntityRecord) => stixInfoOf(entity),
  markings: (entity: EntityRecord, _args: unknown, context: RequestContext) => markingsOf(entity, context.markings),
  replacedBy: async (entity: EntityRecord, _args: unknown, context: RequestContext) =>
    entity.revoked ? firstOutgoing(entity, 'REVOKED_BY', context) : null,
};

/** Every kind's GraphQL type answers its kind-specific fields; some kinds add links below. */
const kindTypeResolvers = Object.fromEntries(entityKinds.map((kind) => [kindLabels[kind], { ...commonFields, ...propertyFields(kind) }]));

export const entityResolvers: Resolvers = {
  Entity: {
    __resolveType: (entity) => kindLabels[entity.kind] as never,
  },
  Relationship: {
    stix: (relationship) => stixInfoOf(relationship),
    markings: (relationship, _args, context) => markingsOf(relationship, context.markings),
    knownSince: (relationship) => knownSinceOf(relationship),
  },
  ...kindTypeResolvers,
  Incident: {
    ...commonFields,
    ...propertyFields('INCIDENT'),
    attributionHypotheses: async (incident, _args, { links }) => attributionHypotheses(incident.id, await links.load(incident.id)),
  },
  Claim: {
    ...commonFields,
    ...propertyFields('CLAIM'),
    author: (claim, _args, context) => firstOutgoing(claim, 'MADE_BY', context),
    subjects: (claim, _args, context) => outgoing(claim, 'ABOUT', context),
  },
  Denial: {
    ...commonFields,
    ...propertyFields('DENIAL'),
    author: (denial, _args, context) => firstOutgoing(denial, 'MADE_BY', context),
    subjects: (denial, _args, context) => outgoing(denial, 'ABOUT', context),
  },
  Sanction: {
    ...commonFields,
    ...propertyFields('SANCTION'),
    authority: (sanction, _args, context) => firstOutgoing(sanction, 'IMPOSED_BY', context),
    targets: (sanction, _args, context) => outgoing(sanction, 'SANCTIONS', context),
  },
  DiplomaticAction: {
    ...commonFields,
    ...propertyFields('DIPLOMATIC_ACTION'),
    actor: (action, _args, context) => firstOutgoing(action, 'IMPOSED_BY', context),
    targets: (action, _args, context) => outgoing(action, 'TARGETED', context),
  },
};
