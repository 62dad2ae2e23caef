/**
 * The fixed vocabulary of the graph. Labels and relationship types that reach Cypher come only from
 * these lists (Cypher cannot take them as ordinary parameters, so this is the whitelist).
 */
export const entityKinds = [
  'THREAT_ACTOR',
  'STATE',
  'ORGANIZATION',
  'PERSON',
  'GROUP',
  'LOCATION',
  'INCIDENT',
  'CAMPAIGN',
  'MALWARE',
  'TOOL',
  'VULNERABILITY',
  'REPORT',
  'CLAIM',
  'DENIAL',
  'SANCTION',
  'DIPLOMATIC_ACTION',
] as const;
export type EntityKindName = (typeof entityKinds)[number];

/** Kind -> the Neo4j label every entity of that kind carries beside `Entity`; also its GraphQL type name. */
export const kindLabels: Record<EntityKindName, string> = {
  THREAT_ACTOR: 'ThreatActor',
  STATE: 'State',
  ORGANIZATION: 'Organization',
  PERSON: 'Person',
  GROUP: 'Group',
  LOCATION: 'Location',
  INCIDENT: 'Incident',
  CAMPAIGN: 'Campaign',
  MALWARE: 'Malware',
  TOOL: 'Tool',
  VULNERABILITY: 'Vulnerability',
  REPORT: 'Report',
  CLAIM: 'Claim',
  DENIAL: 'Denial',
  SANCTION: 'Sanction',
  DIPLOMATIC_ACTION: 'DiplomaticAction',
};

/** Kind-specific properties an entity of that kind may carry (beside the common ones). */
export const kindProperties: Record<EntityKindName, readonly string[]> = {
  THREAT_ACTOR: ['firstSeen'],
  STATE: ['isoCode'],
  ORGANIZATION: ['sector'],
  PERSON: ['role'],
  GROUP: [],
  LOCATION: ['countryCode'],
  INCIDENT: ['aim', 'outcome'],
  CAMPAIGN: ['firstSeen', 'lastSeen'],
  MALWARE: [],
  TOOL: [],
  VULNERABILITY: [],
  REPORT: [],
  CLAIM: ['statement'],
  DENIAL: ['statement'],
  SANCTION: ['program'],
  DIPLOMATIC_ACTION: ['action'],
};

/** Kind-specific properties that hold dates (stored as Neo4j dates). */
export const dateProperties = new Set(['firstSeen', 'lastSeen']);

export const relationshipTypes = [
  'ATTRIBUTED_TO',
  'AFFILIATED_WITH',
  'PART_OF',
  'TARGETED',
  'CLAIMED_BY',
  'DENIED_BY',
  'MADE_BY',
  'ABOUT',
  'IMPOSED_BY',
  'SANCTIONS',
  'SEVERED_TIES_WITH',
  'HOSTS',
  'LOCATED_IN',
  'USES',
  'MOTIVATED_BY',
  'RESPONDS_TO',
  'FOLLOWS',
  'SUPPORTS',
  'RELATED_TO',
] as const;
export type RelationshipTypeName = (typeof relationshipTypes)[number];

export const stances = ['ASSERTED', 'CLAIMED', 'SUSPECTED', 'DENIED'] as const;
export type StanceName = (typeof stances)[number];

export function isEntityKind(value: string): value is EntityKindName {
  return (entityKinds as readonly string[]).includes(value);
}
export function isRelationshipType(value: string): value is RelationshipTypeName {
  return (relationshipTypes as readonly string[]).includes(value);
}
