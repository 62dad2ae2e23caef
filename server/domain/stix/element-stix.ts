import type { EntityRecord, RelationshipRecord, StixBookkeeping } from '../types.js';
import type { StixObjectMap } from './entity-fields.js';
import { stixIdFor } from './ids.js';
import { stixTypeOfKind } from './kinds.js';

const parsed = new WeakMap<StixBookkeeping, StixObjectMap | null>();

/** An element's kept STIX object, parsed once per record; null for the project's own elements. */
export function stixObjectOf(element: StixBookkeeping): StixObjectMap | null {
  if (!parsed.has(element)) parsed.set(element, element.stixObject ? (JSON.parse(element.stixObject) as StixObjectMap) : null);
  return parsed.get(element)!;
}

/** The STIX type an entity is exported as: its kept object's, else its kind's. */
export function stixTypeOfEntity(entity: EntityRecord): string {
  return String(stixObjectOf(entity)?.type ?? stixTypeOfKind(entity.kind));
}

/** The STIX id an entity is exported with: its kept object's, else one derived from our id (the same every time). */
export function stixIdOfEntity(entity: EntityRecord): string {
  return String(stixObjectOf(entity)?.id ?? stixIdFor(stixTypeOfKind(entity.kind), entity.id));
}

/** The STIX id of a link: its kept relationship's or sighting's, else one derived from our id. */
export function stixIdOfRelationship(relationship: RelationshipRecord): string {
  return String(stixObjectOf(relationship)?.id ?? stixIdFor('relationship', relationship.id));
}

/** The granular markings of an element's kept object: which marking covers which properties. */
export function granularMarkingsOf(element: StixBookkeeping): { marking_ref: string; selectors: string[] }[] {
  const granular = stixObjectOf(element)?.granular_markings;
  return Array.isArray(granular)
    ? granular.filter((entry): entry is { marking_ref: string; selectors: string[] } => typeof entry?.marking_ref === 'string')
    : [];
}

/** Every marking an element carries, on the whole object or on some of its properties. */
export function allMarkingRefs(element: StixBookkeeping): string[] {
  return [...new Set([...element.markings, ...granularMarkingsOf(element).map((entry) => entry.marking_ref)])];
}
