import type { RelationshipTypeName, StanceName } from '../model.js';
import type { ImportRelationship } from './document.js';
import { stableId, type StixContext } from './stix-context.js';
import { extraOf } from './stix-extra.js';
import { relationshipTypeOf } from './stix-mapping.js';
import { toDate, type StixObject } from './stix-schema.js';

/** Confidence of the links a statement has by construction (its author, its subjects): the bundle states them outright. */
const statementLinkConfidence = 90;

/** Types whose stance the model fixes by their meaning (cypher/README.md): a claim is CLAIMED, a denial DENIED. */
const stanceByType: Partial<Record<RelationshipTypeName, StanceName>> = { CLAIMED_BY: 'CLAIMED', DENIED_BY: 'DENIED' };

function link(
  owner: StixObject,
  context: StixContext,
  fields: Partial<ImportRelationship> & { type: RelationshipTypeName; from: string; to: string; id: string },
): ImportRelationship {
  return {
    stance: 'ASSERTED',
    confidence: statementLinkConfidence,
    since: null,
    until: null,
    description: null,
    sources: context.sources.cite(owner),
    disputedBy: [],
    extra: null,
    ...fields,
  };
}

/** A STIX relationship object as our link, or null (and a warning) when an end did not become an entity. */
export function fromRelationship(object: StixObject, context: StixContext): ImportRelationship | null {
  const from = context.resolve(object.source_ref!);
  const to = context.resolve(object.target_ref!);
  if (from.to !== 'entity' || to.to !== 'entity') {
    context.skip('skipped {n} relationship object{s}: an end is an object that was skipped or is not an entity');
    return null;
  }
  const mapped = relationshipTypeOf(object.relationship_type!);
  const confidence = object.confidence ?? 50;
  const stance: StanceName =
    object.x_ae_stance ?? stanceByType[object.x_ae_type ?? mapped.type] ?? (confidence >= 85 ? 'ASSERTED' : 'SUSPECTED');
  return link(object, context, {
    id: stableId(object),
    type: object.x_ae_type ?? mapped.type,
    from: from.id,
    to: to.id,
    stance,
    confidence,
    since: toDate(object.x_ae_since ?? object.start_time),
    until: toDate(object.x_ae_until ?? object.stop_time),
    description: object.description ?? null,
    disputedBy: (object.x_ae_disputed_by ?? []).map((id) => context.idOf(id)),
    extra: extraOf(object, ['relationship_type', 'source_ref', 'target_ref', 'confidence', 'start_time', 'stop_time', 'description'], {
      original_relationship_type: object.x_ae_type ? null : mapped.original,
    }),
  });
}

/** A sighting as one RELATED_TO per place it was sighted at (the model has no sighting type). */
export function fromSighting(object: StixObject, context: StixContext): ImportRelationship[] {
  const sighted = context.resolve(object.sighting_of_ref!);
  const places = (object.where_sighted_refs ?? []).map((ref) => context.resolve(ref)).filter((place) => place.to === 'entity');
  if (sighted.to !== 'entity' || places.length === 0) {
    context.skip('skipped {n} sighting{s}: what was sighted, or every place it was sighted at, is not an entity');
    return [];
  }
  return places.map((place) =>
    link(object, context, {
      id: `${stableId(object)}--sighted-at--${place.id}`,
      type: 'RELATED_TO',
      from: sighted.id,
      to: place.id,
      confidence: object.confidence ?? 70,
      since: toDate(object.first_seen),
      until: toDate(object.last_seen),
      description: object.description ?? 'sighted at',
      extra: extraOf(object, ['sighting_of_ref', 'where_sighted_refs', 'confidence', 'first_seen', 'last_seen', 'description']),
    }),
  );
}

/**
 * The links a report, note or opinion has by what it refers to: a report RELATED_TO each entity it
 * covers; a claim or denial ABOUT its entities and MADE_BY its `x_ae_author`. A pair that a relationship
 * object already joins gets no second link (our export writes both). Returns the relationship refs too,
 * which a denial disputes.
 */
export function fromStatement(
  object: StixObject,
  context: StixContext,
): { links: ImportRelationship[]; relationshipRefs: { id: string; inBundle: boolean }[] } {
  const owner = stableId(object);
  const links: ImportRelationship[] = [];
  const relationshipRefs: { id: string; inBundle: boolean }[] = [];
  for (const ref of new Set(object.object_refs ?? [])) {
    const target = context.resolve(ref);
    if (target.to === 'relationship') relationshipRefs.push(target);
    else if (target.to === 'skipped')
      context.skip('left out {n} object_ref{s} of reports, notes and opinions: they point at objects that were skipped');
    else if (target.id === owner || context.linked(object.id, ref)) continue;
    else if (object.type === 'report') {
      const confidence = object.confidence ?? 80;
      links.push(
        link(object, context, {
          id: `${owner}--refers-to--${target.id}`,
          type: 'RELATED_TO',
          from: owner,
          to: target.id,
          confidence,
          description: 'referenced in the report',
        }),
      );
    } else links.push(link(object, context, { id: `${owner}--about--${target.id}`, type: 'ABOUT', from: owner, to: target.id }));
  }
  if (object.x_ae_author && !context.linked(object.id, object.x_ae_author)) {
    const author = context.idOf(object.x_ae_author);
    links.push(link(object, context, { id: `${owner}--made-by--${author}`, type: 'MADE_BY', from: owner, to: author }));
  }
  return { links, relationshipRefs };
}
