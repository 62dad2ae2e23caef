import { isRelationshipType, type EntityKindName, type RelationshipTypeName } from '../model.js';
import type { StixObject } from './stix-schema.js';

/** STIX types whose kind the type alone decides (identity, opinion and course-of-action look closer). */
const kindByType: Record<string, EntityKindName> = {
  'threat-actor': 'THREAT_ACTOR',
  'intrusion-set': 'THREAT_ACTOR',
  campaign: 'CAMPAIGN',
  malware: 'MALWARE',
  tool: 'TOOL',
  location: 'LOCATION',
  vulnerability: 'VULNERABILITY',
  incident: 'INCIDENT',
  report: 'REPORT',
  note: 'CLAIM',
};

/** Every STIX type that can become an entity; anything else (indicator, SCOs, x-*) is skipped. */
export const entityTypes: ReadonlySet<string> = new Set([...Object.keys(kindByType), 'identity', 'opinion', 'course-of-action']);

const kindByIdentityClass: Record<string, EntityKindName> = { individual: 'PERSON', group: 'GROUP' };
const disagreeing = new Set(['disagree', 'strongly-disagree']);

/**
 * The kind an object becomes, or null when it is skipped. `x_ae_kind` (set by our own export) wins, so a
 * state exported as an identity or a sanction exported as a course-of-action comes back as itself.
 */
export function entityKindOf(object: StixObject): EntityKindName | null {
  if (!entityTypes.has(object.type)) return null;
  if (object.x_ae_kind) return object.x_ae_kind;
  switch (object.type) {
    case 'identity':
      return kindByIdentityClass[object.identity_class ?? ''] ?? 'ORGANIZATION';
    case 'opinion':
      return disagreeing.has(object.opinion ?? '') ? 'DENIAL' : 'CLAIM';
    case 'course-of-action':
      // A STIX course of action is usually a defensive measure; only our export marks it as a sanction or action.
      return null;
    default:
      return kindByType[object.type];
  }
}

const typeByRelationshipType: Record<string, RelationshipTypeName> = {
  'attributed-to': 'ATTRIBUTED_TO',
  targets: 'TARGETED',
  uses: 'USES',
  'located-at': 'LOCATED_IN',
  'related-to': 'RELATED_TO',
  'authored-by': 'MADE_BY',
};

/**
 * Our type for a STIX relationship_type: the fixed table, else the same name if the model has it
 * (`part-of` -> PART_OF), else RELATED_TO keeping the original name so nothing is lost.
 */
export function relationshipTypeOf(relationshipType: string): { type: RelationshipTypeName; original: string | null } {
  const mapped = typeByRelationshipType[relationshipType];
  if (mapped) return { type: mapped, original: null };
  const snakeUpper = relationshipType.replace(/-/g, '_').toUpperCase();
  if (isRelationshipType(snakeUpper)) return { type: snakeUpper, original: null };
  return { type: 'RELATED_TO', original: relationshipType };
}
