import { isRelationshipType, kindDefinitions, type EntityKindName, type RelationshipTypeName, type StanceName } from '../model.js';

/** STIX types whose kind the type alone decides (identity, note and opinion look closer). */
const kindByType: Record<string, EntityKindName> = {
  'threat-actor': 'THREAT_ACTOR',
  'intrusion-set': 'INTRUSION_SET',
  campaign: 'CAMPAIGN',
  malware: 'MALWARE',
  tool: 'TOOL',
  location: 'LOCATION',
  vulnerability: 'VULNERABILITY',
  incident: 'INCIDENT',
  report: 'REPORT',
  note: 'CLAIM',
  'attack-pattern': 'ATTACK_PATTERN',
  'course-of-action': 'COURSE_OF_ACTION',
  indicator: 'INDICATOR',
  infrastructure: 'INFRASTRUCTURE',
  'observed-data': 'OBSERVED_DATA',
  grouping: 'GROUPING',
  'malware-analysis': 'MALWARE_ANALYSIS',
};

const kindByIdentityClass: Record<string, EntityKindName> = { individual: 'PERSON', group: 'GROUP' };
const disagreeing = new Set(['disagree', 'strongly-disagree']);

/** STIX types that are links (relationship, sighting) or data markings: never entities. */
export const nonEntityTypes: ReadonlySet<string> = new Set(['relationship', 'sighting', 'marking-definition', 'bundle']);

/**
 * The kind a third-party STIX object becomes. Every object that is not a link or a marking becomes an entity:
 * types the model has no kind for (x-mitre-tactic, any x-* object, cyber observables such as ipv4-addr) are kept
 * whole as STIX_OBJECT entities, hidden by default.
 */
export function kindOfStixObject(object: { type: string; identity_class?: unknown; opinion?: unknown }): EntityKindName {
  switch (object.type) {
    case 'identity':
      return kindByIdentityClass[String(object.identity_class ?? '')] ?? 'ORGANIZATION';
    case 'opinion':
      return disagreeing.has(String(object.opinion ?? '')) ? 'DENIAL' : 'CLAIM';
    default:
      return kindByType[object.type] ?? 'STIX_OBJECT';
  }
}

/** The STIX type a project entity of this kind is exported as. */
export function stixTypeOfKind(kind: EntityKindName): string {
  return kindDefinitions[kind].stixType;
}

/** STIX relationship types whose name is not ours in kebab case. */
const typeByRelationshipType: Record<string, RelationshipTypeName> = {
  targets: 'TARGETED',
  'located-at': 'LOCATED_IN',
  'authored-by': 'MADE_BY',
};
const relationshipTypeByType = Object.fromEntries(Object.entries(typeByRelationshipType).map(([stix, ours]) => [ours, stix]));

/**
 * Our type for a STIX relationship_type: the fixed table, else the same name if the model has it (`part-of` ->
 * PART_OF, `mitigates` -> MITIGATES), else RELATED_TO (the STIX object keeps the original name, and exports it).
 */
export function relationshipTypeOf(relationshipType: string): RelationshipTypeName {
  const mapped = typeByRelationshipType[relationshipType];
  if (mapped) return mapped;
  const snakeUpper = relationshipType.replace(/-/g, '_').toUpperCase();
  return isRelationshipType(snakeUpper) ? snakeUpper : 'RELATED_TO';
}

/** Relationship types STIX 2.1 allows between any two objects. */
const commonRelationshipTypes = new Set(['related-to', 'derived-from', 'duplicate-of']);

/**
 * The relationships STIX 2.1 suggests between domain objects (spec section 4, the same table stix2-validator's
 * strict check 202 applies): source type -> relationship type -> target types.
 */
const suggested: Record<string, Record<string, string[]>> = {
  'attack-pattern': { delivers: ['malware'], targets: ['location', 'vulnerability', 'identity'], uses: ['malware', 'tool'] },
  campaign: {
    'attributed-to': ['intrusion-set', 'threat-actor'],
    compromises: ['infrastructure'],
    'originates-from': ['location'],
    targets: ['location', 'identity', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  'course-of-action': {
    investigates: ['indicator'],
    mitigates: ['attack-pattern', 'indicator', 'malware', 'tool', 'vulnerability'],
    remediates: ['malware', 'vulnerability'],
  },
  identity: { 'located-at': ['location'] },
  indicator: {
    indicates: ['attack-pattern', 'campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor', 'tool'],
    'based-on': ['observed-data'],
  },
  infrastructure: {
    'communicates-with': ['infrastructure'],
    'consists-of': ['infrastructure', 'observed-data'],
    controls: ['infrastructure', 'malware'],
    delivers: ['malware'],
    has: ['vulnerability'],
    hosts: ['tool', 'malware'],
    'located-at': ['location'],
    uses: ['infrastructure'],
  },
  'intrusion-set': {
    'attributed-to': ['threat-actor'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    'originates-from': ['location'],
    owns: ['infrastructure'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  malware: {
    'authored-by': ['threat-actor', 'intrusion-set'],
    'beacons-to': ['infrastructure'],
    'exfiltrates-to': ['infrastructure'],
    controls: ['malware'],
    downloads: ['malware', 'tool'],
    drops: ['malware', 'tool'],
    exploits: ['vulnerability'],
    'originates-from': ['location'],
    targets: ['identity', 'infrastructure', 'location'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
    'variant-of': ['malware'],
  },
  'malware-analysis': {
    characterizes: ['malware'],
    'analysis-of': ['malware'],
    'static-analysis-of': ['malware'],
    'dynamic-analysis-of': ['malware'],
  },
  'threat-actor': {
    'attributed-to': ['identity'],
    compromises: ['infrastructure'],
    hosts: ['infrastructure'],
    owns: ['infrastructure'],
    impersonates: ['identity'],
    'located-at': ['location'],
    targets: ['identity', 'location', 'vulnerability'],
    uses: ['attack-pattern', 'infrastructure', 'malware', 'tool'],
  },
  tool: {
    delivers: ['malware'],
    drops: ['malware'],
    uses: ['infrastructure'],
    has: ['vulnerability'],
    targets: ['identity', 'infrastructure', 'location', 'vulnerability'],
  },
  vulnerability: { impacts: ['infrastructure'] },
};

/**
 * The relationship_type a project link is exported with: STIX's name for our type when STIX suggests it between
 * these two object types (or allows it between any), else `related-to`; the exact type then travels in the
 * project's extension. Strict validators accept every link, and other tools read the standard ones as such.
 */
export function stixRelationshipTypeFor(type: RelationshipTypeName, sourceType: string, targetType: string): string {
  const name = relationshipTypeByType[type] ?? type.toLowerCase().replace(/_/g, '-');
  if (commonRelationshipTypes.has(name)) return name;
  return suggested[sourceType]?.[name]?.includes(targetType) ? name : 'related-to';
}

/**
 * A third-party link's stance, from what the relationship means: a responsibility claim is CLAIMED, a denial
 * DENIED; otherwise the producer states it, ASSERTED, unless its own confidence hedges it (below 85: SUSPECTED).
 * A confidence that is not stated is not read as doubt.
 */
export function stanceOf(type: RelationshipTypeName, confidence: number | null): StanceName {
  if (type === 'CLAIMED_BY') return 'CLAIMED';
  if (type === 'DENIED_BY') return 'DENIED';
  return confidence !== null && confidence < 85 ? 'SUSPECTED' : 'ASSERTED';
}
