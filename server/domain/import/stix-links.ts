import type { RelationshipTypeName } from '../model.js';
import { bookkeepingProperties } from '../stix/entity-fields.js';
import { deriveLink, mappedLinkProperties } from '../stix/link-fields.js';
import { relationshipTypeOf, stanceOf } from '../stix/kinds.js';
import type { ImportCitation, ImportRelationship } from './document.js';
import { bookkeepingOf, stableId, type BundleObject, type StixContext } from './stix-context.js';
import { toDate } from './stix-schema.js';

/** x_ae_ properties of links that the mapping reads. */
const readOverrides = new Set([
  'x_ae_id',
  'x_ae_type',
  'x_ae_stance',
  'x_ae_since',
  'x_ae_until',
  'x_ae_disputed_by',
  'x_ae_sources',
  'x_ae_extra',
  'x_ae_rendered',
  'x_ae_count',
  'x_ae_deprecated',
]);

function extraOf({ object, stored, mode }: BundleObject): Record<string, unknown> | null {
  if (mode !== 'third-party') {
    const carried = object.x_ae_extra;
    return carried && typeof carried === 'object' && !Array.isArray(carried) && Object.keys(carried).length > 0
      ? (carried as Record<string, unknown>)
      : null;
  }
  const extra = Object.fromEntries(
    Object.entries(stored).filter(([key]) => !bookkeepingProperties.has(key) && !mappedLinkProperties.has(key) && !readOverrides.has(key)),
  );
  // A relationship type the model has no name for keeps its own, for reading (the STIX object keeps it for export).
  const original = stored.relationship_type;
  if (typeof original === 'string' && relationshipTypeOf(original) === 'RELATED_TO' && original !== 'related-to') {
    extra.original_relationship_type = original;
  }
  return Object.keys(extra).length > 0 ? extra : null;
}

/** A link's fields from its STIX object, with the x_ae_ overrides applied. */
function linkFields(read: BundleObject, context: StixContext) {
  const { object, stored } = read;
  const derived = deriveLink(stored);
  const type = object.x_ae_type ?? derived.type;
  return {
    // A type the extension gives decides the stance as the STIX type would (a CLAIMED_BY link is CLAIMED).
    stance: object.x_ae_stance ?? stanceOf(type, derived.confidence),
    confidence: derived.confidence,
    since: toDate(object.x_ae_since) ?? derived.since,
    until: toDate(object.x_ae_until) ?? derived.until,
    description: derived.description,
    sources: context.citations(read),
    disputedBy: (object.x_ae_disputed_by ?? []).map((id) => context.idOf(id)),
    extra: extraOf(read),
    count: object.x_ae_count ?? derived.count,
    ...bookkeepingOf(read, derived, context),
    type,
  };
}

/** A STIX relationship object as our link, or null (and a warning) when an end cannot be an entity. */
export function fromRelationship(read: BundleObject, context: StixContext): ImportRelationship | null {
  const { object } = read;
  const from = context.resolve(object.source_ref!);
  const to = context.resolve(object.target_ref!);
  if (from.to !== 'entity' || to.to !== 'entity') {
    context.skip('skipped {n} relationship object{s}: an end is a relationship, sighting or marking, which no link can join');
    return null;
  }
  return { id: stableId(object), from: from.id, to: to.id, ...linkFields(read, context) };
}

/**
 * A sighting as one SIGHTED link per place it was sighted at, each with its count and first and last seen; each
 * keeps the whole sighting, which the export gives back once. Null when it names no place that can be an entity.
 */
export function fromSighting(read: BundleObject, context: StixContext): ImportRelationship[] | null {
  const { object } = read;
  const sighted = context.resolve(object.sighting_of_ref!);
  const places = [...new Set(object.where_sighted_refs ?? [])].map((ref) => context.resolve(ref));
  const entities = places.filter((place): place is { to: 'entity'; id: string } => place.to === 'entity');
  if (sighted.to !== 'entity' || entities.length === 0) return null;
  const fields = linkFields(read, context);
  return entities.map((place) => ({ ...fields, id: `${stableId(object)}--sighted-at--${place.id}`, from: sighted.id, to: place.id }));
}

/** What a container's object_refs mean, by STIX type: how its derived links read. */
const containers: Record<string, string> = {
  report: 'referenced in the report',
  grouping: 'grouped in the grouping',
  'observed-data': 'seen in the observed data',
};

/**
 * The links a report, grouping, observed data, note or opinion has by what it refers to: a container RELATED_TO
 * each entity it refers to; a claim or denial ABOUT its entities and MADE_BY its `x_ae_author`. They cite the
 * statement's sources and carry its markings; their confidence is the container's own, else not stated. A pair
 * that a relationship object already joins gets no second link (our export writes both). Returns the
 * relationship refs too, which a denial disputes.
 */
export function fromStatement(
  read: BundleObject,
  owner: { id: string; sources: ImportCitation[]; markings: string[] },
  context: StixContext,
): { links: ImportRelationship[]; relationshipRefs: { id: string; inBundle: boolean }[] } {
  const { object } = read;
  const links: ImportRelationship[] = [];
  const relationshipRefs: { id: string; inBundle: boolean }[] = [];
  const link = (how: string, type: RelationshipTypeName, to: string, description: string | null, confidence: number | null) =>
    links.push({
      id: `${owner.id}--${how}--${to}`,
      type,
      from: owner.id,
      to,
      stance: 'ASSERTED',
      confidence,
      since: null,
      until: null,
      description,
      sources: owner.sources,
      disputedBy: [],
      extra: null,
      markings: owner.markings,
    });
  for (const ref of new Set(object.object_refs ?? [])) {
    const target = context.resolve(ref);
    if (target.to === 'relationship') relationshipRefs.push(target);
    else if (target.to === 'skipped')
      context.skip('left out {n} object_ref{s} that point at sightings or markings, which no link can join');
    else if (target.id === owner.id || context.linked(object.id, ref)) continue;
    else if (containers[object.type]) link('refers-to', 'RELATED_TO', target.id, containers[object.type], object.confidence ?? null);
    else link('about', 'ABOUT', target.id, null, null);
  }
  if (object.x_ae_author && !context.linked(object.id, object.x_ae_author))
    link('made-by', 'MADE_BY', context.idOf(object.x_ae_author), null, null);
  return { links, relationshipRefs };
}
