import type { EntityRecord, RelationshipRecord } from '../types.js';
import { latestDate, stixId, stixTimestamp } from './stix-ids.js';
import { citationProperties, compact, entityObject, stixTypes, type StixObject } from './stix-objects.js';
import type { ExportSubgraph } from './types.js';

/** Our relationship types that STIX has a name for; the others become their kebab-case. */
const stixRelationshipTypes: Record<string, string> = {
  ATTRIBUTED_TO: 'attributed-to',
  TARGETED: 'targets',
  USES: 'uses',
  LOCATED_IN: 'located-at',
  RELATED_TO: 'related-to',
  MADE_BY: 'authored-by',
};

export function stixRelationshipType(type: string): string {
  return stixRelationshipTypes[type] ?? type.toLowerCase().replace(/_/g, '-');
}

// Timestamps come from the data, never the clock, so the same subgraph always gives the same bundle.
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

/** A STIX 2.1 bundle of the subgraph, deterministic, lossless for our importer through `x_ae_` properties. */
export function exportStix(subgraph: ExportSubgraph): string {
  const around = neighbours(subgraph);
  const typeOf = new Map(
    subgraph.entities.map((entity) => [
      entity.id,
      // A report must refer to something; one with no link at all is kept as a note (x_ae_kind says REPORT).
      entity.kind === 'REPORT' && around.get(entity.id)!.size === 0 ? 'note' : stixTypes[entity.kind],
    ]),
  );
  const entityRef = (id: string) => stixId(typeOf.get(id)!, id);
  const relationshipRef = (id: string) => stixId('relationship', id);
  const graphDate =
    latestDate([...subgraph.entities.flatMap(entityDates), ...subgraph.relationships.flatMap(relationshipDates)]) ?? fallbackDate;

  const about = new Map<string, string[]>();
  const disputes = new Map<string, string[]>();
  const countryOf = new Map<string, string>();
  for (const relationship of subgraph.relationships) {
    const push = (map: Map<string, string[]>, key: string, value: string) => map.set(key, [...(map.get(key) ?? []), value]);
    if (relationship.type === 'ABOUT') push(about, relationship.from.id, entityRef(relationship.to.id));
    for (const disputer of relationship.disputedBy) push(disputes, disputer.id, relationshipRef(relationship.id));
    const countryCode = relationship.to.properties.isoCode;
    if (relationship.type === 'LOCATED_IN' && relationship.to.kind === 'STATE' && countryCode)
      countryOf.set(relationship.from.id, countryCode);
  }

  /** What a report, note or opinion refers to: its subjects, else its neighbours, else (alone) itself. */
  const objectRefs = (entity: EntityRecord): string[] => {
    const primary = [...(entity.kind === 'DENIAL' ? (disputes.get(entity.id) ?? []) : []), ...(about.get(entity.id) ?? [])];
    if (primary.length > 0) return [...new Set(primary)];
    const linked = [...around.get(entity.id)!].sort().map(entityRef);
    return linked.length > 0 ? linked : [entityRef(entity.id)];
  };

  const entityObjects = subgraph.entities.map((entity) => {
    const type = typeOf.get(entity.id)!;
    const timestamp = stixTimestamp(latestDate(entityDates(entity)) ?? graphDate);
    const object = entityObject(entity, type, entityRef(entity.id), timestamp, countryOf.get(entity.id) ?? null);
    if (type === 'report') object.published = entity.date ? stixTimestamp(entity.date) : timestamp;
    if (type === 'report' || type === 'note' || type === 'opinion') object.object_refs = objectRefs(entity);
    return object;
  });
  const relationshipObjects = subgraph.relationships.map((relationship): StixObject => {
    const timestamp = stixTimestamp(latestDate(relationshipDates(relationship)) ?? graphDate);
    const { since, until } = relationship;
    return compact({
      type: 'relationship',
      spec_version: '2.1',
      id: relationshipRef(relationship.id),
      created: timestamp,
      modified: timestamp,
      relationship_type: stixRelationshipType(relationship.type),
      description: relationship.description,
      source_ref: entityRef(relationship.from.id),
      target_ref: entityRef(relationship.to.id),
      confidence: relationship.confidence,
      start_time: since ? stixTimestamp(since) : null,
      // STIX wants stop_time strictly after start_time; x_ae_until keeps a one-day link's end.
      stop_time: until && (!since || until > since) ? stixTimestamp(until) : null,
      ...citationProperties(relationship.sources),
      x_ae_id: relationship.id,
      x_ae_type: relationship.type,
      x_ae_stance: relationship.stance,
      x_ae_since: since,
      x_ae_until: until,
      x_ae_disputed_by: relationship.disputedBy.length > 0 ? relationship.disputedBy.map((entity) => entityRef(entity.id)) : null,
    });
  });
  const noteObjects = (subgraph.notes ?? []).map((note): StixObject => {
    const subject = subgraph.entities.some((entity) => entity.id === note.subjectId)
      ? entityRef(note.subjectId)
      : relationshipRef(note.subjectId);
    return compact({
      type: 'note',
      spec_version: '2.1',
      id: stixId('note', note.id),
      created: note.createdAt,
      modified: note.createdAt,
      abstract: `Analyst note by ${note.author}`,
      content: note.text,
      authors: [note.author],
      object_refs: [subject],
      ...citationProperties(note.sources),
      x_ae_id: note.id,
      x_ae_note_subject: note.subjectId,
    });
  });
  const objects = [...entityObjects, ...relationshipObjects, ...noteObjects];
  const bundle = { type: 'bundle', id: stixId('bundle', objects.map((object) => object.id).join(' ')), objects };
  return JSON.stringify(bundle, null, 2);
}
