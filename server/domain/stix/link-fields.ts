/**
 * The one mapping between a STIX relationship or sighting and a link's fields, both ways, as entity-fields.ts
 * does for domain objects: derive on import, overlay on edit and export, the rest as `residual` for the
 * project's extension.
 */
import type { RelationshipTypeName, StanceName } from '../model.js';
import type { ExtensionProperties } from './extension.js';
import { relationshipTypeOf, stanceOf } from './kinds.js';
import { withoutCitationMarkers } from './references.js';
import { stixTimestamp } from './ids.js';
import type { StixObjectMap } from './entity-fields.js';

/** Ids of links derived from a statement's object_refs or author: `<statement>--<how>--<target>`. */
export const derivedLinkPattern = /^(.+)--(refers-to|about|made-by)--(.+)$/;

export interface LinkFields {
  type: RelationshipTypeName;
  stance: StanceName;
  confidence: number | null;
  since: string | null;
  until: string | null;
  description: string | null;
  count: number | null;
  markings: string[];
  created: string | null;
  modified: string | null;
  revoked: boolean;
  deprecated: boolean;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The period fields of a relationship (start_time, stop_time) or a sighting (first_seen, last_seen). */
function periodFields(object: StixObjectMap): [string, string] {
  return object.type === 'sighting' ? ['first_seen', 'last_seen'] : ['start_time', 'stop_time'];
}

export function deriveLink(object: StixObjectMap): LinkFields {
  const type = object.type === 'sighting' ? 'SIGHTED' : relationshipTypeOf(String(object.relationship_type));
  const confidence = typeof object.confidence === 'number' ? object.confidence : null;
  const [start, stop] = periodFields(object);
  const description = text(object.description);
  return {
    type,
    stance: stanceOf(type, confidence),
    confidence,
    since: text(object[start])?.slice(0, 10) ?? null,
    until: text(object[stop])?.slice(0, 10) ?? null,
    description: description === null ? null : withoutCitationMarkers(description) || null,
    count: typeof object.count === 'number' ? object.count : null,
    markings: Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as string[]) : [],
    created: text(object.created),
    modified: text(object.modified),
    revoked: object.revoked === true,
    deprecated: object.x_mitre_deprecated === true,
  };
}

/** Properties the link mapping reads; the rest of a third-party relationship is its `extra`. */
export const mappedLinkProperties = new Set([
  'relationship_type',
  'source_ref',
  'target_ref',
  'sighting_of_ref',
  'where_sighted_refs',
  'confidence',
  'start_time',
  'stop_time',
  'first_seen',
  'last_seen',
  'description',
  'count',
  'x_mitre_deprecated',
]);

function put(object: StixObjectMap, key: string, value: unknown) {
  if (value === null || value === undefined) delete object[key];
  else object[key] = value;
}

/** The object with the link's fields written where they differ, and the fields STIX could not take. */
export function overlayLink(base: StixObjectMap, link: LinkFields): { object: StixObjectMap; residual: ExtensionProperties } {
  const object: StixObjectMap = structuredClone(base);
  const derived = deriveLink(base);
  const residual: ExtensionProperties = {};
  if (link.type !== derived.type) residual.type = link.type;
  if (link.stance !== stanceOf(link.type, link.confidence)) residual.stance = link.stance;
  if (link.confidence !== derived.confidence) put(object, 'confidence', link.confidence);
  if (link.description !== derived.description) put(object, 'description', link.description);
  const [start, stop] = periodFields(object);
  if (link.since !== derived.since) put(object, start, link.since ? stixTimestamp(link.since) : null);
  if (link.until !== derived.until) {
    // STIX wants the end strictly after the start: a one-day link keeps its end in the extension.
    if (link.until && link.since && link.until <= link.since) residual.until = link.until;
    else put(object, stop, link.until ? stixTimestamp(link.until) : null);
  }
  if (link.count !== derived.count) {
    if (object.type === 'sighting') put(object, 'count', link.count);
    else residual.count = link.count;
  }
  if (JSON.stringify(link.markings) !== JSON.stringify(derived.markings)) {
    put(object, 'object_marking_refs', link.markings.length > 0 ? link.markings : null);
  }
  // An object without timestamps (a cyber observable) gets none: the graph's are its own bookkeeping.
  if (link.created && 'created' in object && link.created !== derived.created) object.created = link.created;
  if (link.modified && 'modified' in object && link.modified !== derived.modified) object.modified = link.modified;
  if (link.revoked !== derived.revoked) object.revoked = link.revoked;
  if (link.deprecated !== derived.deprecated) {
    if ('x_mitre_deprecated' in object) object.x_mitre_deprecated = link.deprecated;
    else residual.deprecated = link.deprecated;
  }
  return { object, residual };
}
