import { tlp2ExtensionDefinition, tlpMarking } from '../../../shared/markings.js';
import { allMarkingRefs, stixIdOfEntity, stixIdOfRelationship, stixObjectOf, stixTypeOfEntity } from '../stix/element-stix.js';
import { entityFieldsOf, overlayEntity } from '../stix/entity-fields.js';
import {
  compact,
  explorerIdentity,
  extensionDefinition,
  readExtension,
  withExtension,
  type ExtensionProperties,
} from '../stix/extension.js';
import { latestDate, stixIdFor, stixTimestamp } from '../stix/ids.js';
import { stixRelationshipTypeFor } from '../stix/kinds.js';
import { derivedLinkPattern, overlayLink } from '../stix/link-fields.js';
import { StixSources } from '../stix/references.js';
import type { RelationshipTypeName } from '../model.js';
import type { EntityRecord, RelationshipRecord } from '../types.js';
import { externalReferences, renderEntity, sourceEntry, type StixObject } from './stix-objects.js';
import type { ExportSubgraph } from './types.js';

// Timestamps of elements that predate the bookkeeping come from the data, never the clock, so the same subgraph
// always gives the same bundle.
const fallbackDate = '2000-01-01';

function entityDates(entity: EntityRecord): (string | null)[] {
  return [
    entity.date,
    ...Object.values(entity.properties).filter((value) => value && /^\d{4}-\d{2}-\d{2}$/.test(value)),
    ...entity.sources.map((source) => source.published),
  ];
}

function relationshipDates(relationship: RelationshipRecord): (string | null)[] {
  return [relationship.since, relationship.until, ...relationship.sources.map((source) => source.published)];
}

/** Who each entity is linked to, either way; statements without ABOUT targets refer to these instead. */
function neighbours(subgraph: ExportSubgraph): Map<string, Set<string>> {
  const around = new Map<string, Set<string>>(subgraph.entities.map((entity) => [entity.id, new Set<string>()]));
  for (const { from, to } of subgraph.relationships) {
    if (from.id === to.id) continue;
    around.get(from.id)?.add(to.id);
    around.get(to.id)?.add(from.id);
  }
  return around;
}

const sameCitations = (a: { id: string; excerpt: string | null }[], b: { source: string; excerpt: string | null }[]) =>
  a.length === b.length && a.every((citation, index) => citation.id === b[index].source && citation.excerpt === b[index].excerpt);

/**
 * The sources an import of this object would derive (in a bundle whose producers, the identities its objects name
 * as creators, are `producers`): when the element's own differ, the extension carries them.
 */
function sourcesResidual(object: StixObject, sources: RelationshipRecord['sources'], producers: ReadonlySet<string>): ExtensionProperties {
  const derived = new StixSources('bundle--00000000-0000-4000-8000-000000000000', () => undefined, null, producers).cite(object);
  return sameCitations(sources, derived) ? {} : { sources: sources.map(sourceEntry) };
}

/** The identities the exported objects name as their creator: the producers an import of the bundle will see. */
function producersOf(subgraph: ExportSubgraph): Set<string> {
  return new Set(
    [...subgraph.entities, ...subgraph.relationships].flatMap((element) => {
      const creator = stixObjectOf(element)?.created_by_ref;
      return typeof creator === 'string' ? [creator] : [];
    }),
  );
}

/**
 * Another producer's object as it came (with the edits the graph holds written in), plus the project's extension
 * for what it cannot say: a changed kind, exact sources, ... Nothing is added to an object nobody changed.
 */
function thirdPartyEntity(entity: EntityRecord, base: StixObject, producers: ReadonlySet<string>): StixObject {
  const { object, residual } = overlayEntity(base, entityFieldsOf(entity));
  return withExtension(object, {
    ...residual,
    local_id: entity.id === object.id ? null : entity.id,
    ...sourcesResidual(object, entity.sources, producers),
  });
}

function thirdPartyRelationship(
  relationship: RelationshipRecord,
  base: StixObject,
  refOf: (entity: EntityRecord) => string,
  producers: ReadonlySet<string>,
): StixObject {
  const { object, residual } = overlayLink(base, {
    type: relationship.type as RelationshipTypeName,
    stance: relationship.stance,
    confidence: relationship.confidence,
    since: relationship.since,
    until: relationship.until,
    description: relationship.description,
    count: relationship.count,
    markings: relationship.markings,
    created: relationship.created,
    modified: relationship.modified,
    revoked: relationship.revoked,
    deprecated: relationship.deprecated,
  });
  const sighting = object.type === 'sighting';
  return withExtension(object, {
    ...residual,
    local_id: sighting || relationship.id === object.id ? null : relationship.id,
    disputed_by: relationship.disputedBy.map(refOf),
    ...sourcesResidual(object, relationship.sources, producers),
  });
}

/**
 * A STIX 2.1 bundle of the subgraph (docs/import-formats.md, "STIX export"): deterministic, strict-valid for the
 * project's own elements, every imported object given back with its own id, type and timestamps, and lossless
 * for our importer through the project's extension.
 */
export function exportStix(subgraph: ExportSubgraph): string {
  const around = neighbours(subgraph);
  const producers = producersOf(subgraph);
  const byId = new Map(subgraph.entities.map((entity) => [entity.id, entity]));
  const refOf = (entity: EntityRecord) => stixIdOfEntity(byId.get(entity.id) ?? entity);
  const graphDate =
    latestDate([...subgraph.entities.flatMap(entityDates), ...subgraph.relationships.flatMap(relationshipDates)]) ?? fallbackDate;
  const timestampsOf = (element: EntityRecord | RelationshipRecord, dates: (string | null)[]) => {
    const fallback = stixTimestamp(latestDate(dates) ?? graphDate);
    return { created: element.created ?? fallback, modified: element.modified ?? element.created ?? fallback };
  };

  const about = new Map<string, string[]>();
  const disputes = new Map<string, string[]>();
  const countryOf = new Map<string, string>();
  const push = (map: Map<string, string[]>, key: string, value: string) => map.set(key, [...(map.get(key) ?? []), value]);
  for (const relationship of subgraph.relationships) {
    if (relationship.type === 'ABOUT') push(about, relationship.from.id, refOf(relationship.to));
    for (const disputer of relationship.disputedBy) push(disputes, disputer.id, stixIdOfRelationship(relationship));
    const countryCode = relationship.to.properties.isoCode;
    if (relationship.type === 'LOCATED_IN' && relationship.to.kind === 'STATE' && countryCode)
      countryOf.set(relationship.from.id, countryCode);
  }

  /** What a project report, note or opinion refers to: its subjects, else its neighbours, else (alone) itself. */
  const objectRefs = (entity: EntityRecord): string[] => {
    const primary = [...(entity.kind === 'DENIAL' ? (disputes.get(entity.id) ?? []) : []), ...(about.get(entity.id) ?? [])];
    if (primary.length > 0) return [...new Set(primary)];
    const linked = [...around.get(entity.id)!].sort().map((id) => refOf(byId.get(id)!));
    return linked.length > 0 ? linked : [stixIdOfEntity(entity)];
  };

  const entityObjects = subgraph.entities.map((entity) => {
    const base = stixObjectOf(entity);
    if (base) return thirdPartyEntity(entity, base, producers);
    const type = stixTypeOfEntity(entity);
    const { object, extension } = renderEntity(
      entity,
      type,
      stixIdOfEntity(entity),
      timestampsOf(entity, entityDates(entity)),
      countryOf.get(entity.id) ?? null,
    );
    if (type === 'report') object.published = stixTimestamp(entity.date ?? String(object.created));
    if (type === 'report' || type === 'note' || type === 'opinion' || type === 'grouping') object.object_refs = objectRefs(entity);
    return withExtension(object, extension);
  });

  // Links an imported statement's object_refs give again on import are not written twice.
  const rederived = (relationship: RelationshipRecord) => {
    const owner = derivedLinkPattern.exec(relationship.id)?.[1];
    return owner !== undefined && byId.has(owner) && stixObjectOf(byId.get(owner)!) !== null;
  };
  const relationshipObjects = new Map<string, StixObject>();
  for (const relationship of subgraph.relationships) {
    const base = stixObjectOf(relationship);
    const id = stixIdOfRelationship(relationship);
    if (relationshipObjects.has(id) || rederived(relationship)) continue;
    if (base) {
      relationshipObjects.set(id, thirdPartyRelationship(relationship, base, refOf, producers));
      continue;
    }
    const { since, until } = relationship;
    const timestamps = timestampsOf(relationship, relationshipDates(relationship));
    const from = byId.get(relationship.from.id) ?? relationship.from;
    const to = byId.get(relationship.to.id) ?? relationship.to;
    const object = compact({
      type: 'relationship',
      spec_version: '2.1',
      id,
      created: timestamps.created,
      modified: timestamps.modified,
      relationship_type: stixRelationshipTypeFor(relationship.type as RelationshipTypeName, stixTypeOfEntity(from), stixTypeOfEntity(to)),
      description: relationship.description,
      source_ref: refOf(from),
      target_ref: refOf(to),
      confidence: relationship.confidence,
      start_time: since ? stixTimestamp(since) : null,
      // STIX wants stop_time strictly after start_time; the extension keeps a one-day link's end.
      stop_time: until && (!since || until > since) ? stixTimestamp(until) : null,
      external_references: externalReferences(relationship.sources),
      object_marking_refs: relationship.markings,
      revoked: relationship.revoked || null,
    });
    relationshipObjects.set(
      id,
      withExtension(object, {
        rendered: true,
        local_id: relationship.id,
        type: relationship.type,
        stance: relationship.stance,
        since,
        until,
        count: relationship.count,
        deprecated: relationship.deprecated || null,
        disputed_by: relationship.disputedBy.map(refOf),
        sources: relationship.sources.map(sourceEntry),
        extra: relationship.extra ? (JSON.parse(relationship.extra) as unknown) : null,
      }),
    );
  }
  const relationshipById = new Map(subgraph.relationships.map((relationship) => [relationship.id, relationship]));
  const noteObjects = (subgraph.notes ?? []).flatMap((note): StixObject[] => {
    const entity = byId.get(note.subjectId);
    const relationship = relationshipById.get(note.subjectId);
    const subject = entity ?? relationship;
    // collectSubgraph keeps only notes about exported elements; a note about anything else has no place here.
    if (!subject) return [];
    const object = compact({
      type: 'note',
      spec_version: '2.1',
      id: stixIdFor('note', note.id),
      created: note.createdAt,
      modified: note.createdAt,
      abstract: `Analyst note by ${note.author}`,
      content: note.text,
      authors: [note.author],
      object_refs: [entity ? refOf(entity) : stixIdOfRelationship(relationship!)],
      external_references: externalReferences(note.sources),
      // A note speaks about its subject, so it is shared under the subject's markings.
      object_marking_refs: subject.markings,
    });
    return [
      withExtension(object, {
        rendered: true,
        local_id: note.id,
        note_subject: note.subjectId,
        sources: note.sources.map(sourceEntry),
      }),
    ];
  });
  const objects = [...entityObjects, ...relationshipObjects.values(), ...noteObjects];
  const bundle = {
    type: 'bundle',
    id: stixIdFor('bundle', objects.map((object) => String(object.id)).join(' ')),
    objects: [...definitionsFor(subgraph, objects), ...objects],
  };
  return JSON.stringify(bundle, null, 2);
}

/**
 * The definitions the bundle's objects rely on: the markings they use (TLP ones as published, with the TLP 2.0
 * extension definition; others as the graph holds them) and, when any object carries the project's extension,
 * its definition and the identity that defines it.
 */
function definitionsFor(subgraph: ExportSubgraph, objects: StixObject[]): StixObject[] {
  const used = new Set<string>();
  for (const element of [...subgraph.entities, ...subgraph.relationships]) for (const id of allMarkingRefs(element)) used.add(id);
  const definitions: StixObject[] = [];
  const tlp = [...used].map((id) => tlpMarking(id)).filter((marking) => marking !== undefined);
  if (tlp.some((marking) => marking.version === '2.0')) definitions.push(tlp2ExtensionDefinition);
  for (const marking of tlp.sort((a, b) => a.id.localeCompare(b.id))) definitions.push(marking.object);
  for (const id of [...used].sort()) {
    const stored = subgraph.markings.get(id)?.object;
    if (!tlpMarking(id) && stored) definitions.push(JSON.parse(stored) as StixObject);
  }
  if (objects.some((object) => readExtension(object) !== null)) definitions.push(explorerIdentity, extensionDefinition);
  return definitions;
}
