import DataLoader from 'dataloader';
import { tlpMarking, type TlpLevel } from '../../shared/markings.js';
import type { Graph } from '../graph/run.js';
import type { MarkingMap } from '../graph/statements.js';
import { granularMarkingsOf, stixIdOfEntity, stixIdOfRelationship, stixObjectOf, stixTypeOfEntity } from './stix/element-stix.js';
import type { EntityRecord, RelationshipRecord, StixBookkeeping } from './types.js';

/** A data marking as the API shows it: a TLP level or a statement, on the whole object or on some properties. */
export interface MarkingRecord {
  id: string;
  name: string;
  tlp: TlpLevel | null;
  tlpVersion: string | null;
  statement: string | null;
  selectors: string[] | null;
}

export interface ExternalReferenceRecord {
  sourceName: string;
  externalId: string | null;
  url: string | null;
  description: string | null;
}

/** STIX identity and bookkeeping of an element, as the STIX export carries them. */
export interface StixInfoRecord {
  id: string;
  type: string;
  specVersion: string;
  created: string | null;
  modified: string | null;
  createdByRef: string | null;
  labels: string[];
  lang: string | null;
  externalReferences: ExternalReferenceRecord[];
  granularMarkings: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** An entity's or link's STIX identity: its kept object's, or what the export gives a project element. */
export function stixInfoOf(element: EntityRecord | RelationshipRecord): StixInfoRecord {
  const object = stixObjectOf(element);
  const isEntity = 'kind' in element;
  const references = Array.isArray(object?.external_references) ? (object.external_references as Record<string, unknown>[]) : [];
  const granular = granularMarkingsOf(element);
  return {
    id: isEntity ? stixIdOfEntity(element) : stixIdOfRelationship(element),
    type: isEntity ? stixTypeOfEntity(element) : String(object?.type ?? 'relationship'),
    specVersion: text(object?.spec_version) ?? '2.1',
    // A kept object's own timestamps (a cyber observable has none); the project's elements have the graph's.
    created: object ? text(object.created) : element.created,
    modified: object ? text(object.modified) : element.modified,
    createdByRef: text(object?.created_by_ref),
    labels: Array.isArray(object?.labels) ? (object.labels as unknown[]).map(String) : [],
    lang: text(object?.lang),
    externalReferences: references.map((reference) => ({
      sourceName: text(reference.source_name) ?? '',
      externalId: text(reference.external_id),
      url: text(reference.url),
      description: text(reference.description),
    })),
    granularMarkings: granular.length > 0 ? JSON.stringify(granular) : null,
  };
}

function markingRecord(id: string, definition: MarkingMap | undefined, selectors: string[] | null): MarkingRecord {
  const tlp = tlpMarking(id);
  return {
    id,
    name: tlp?.name ?? definition?.name ?? definition?.statement ?? id,
    tlp: tlp?.level ?? null,
    tlpVersion: tlp?.version ?? null,
    statement: definition?.statement ?? null,
    selectors,
  };
}

/** Every marking of an element: its object markings, then its granular ones with the properties they cover. */
export async function markingsOf(element: StixBookkeeping, definitions: DataLoader<string, MarkingMap | null>): Promise<MarkingRecord[]> {
  const granular = granularMarkingsOf(element);
  const ids = [...new Set([...element.markings, ...granular.map((entry) => entry.marking_ref)])].filter((id) => !tlpMarking(id));
  const found = new Map(
    (await definitions.loadMany(ids)).map((definition, index) => [
      ids[index],
      definition instanceof Error ? undefined : (definition ?? undefined),
    ]),
  );
  return [
    ...element.markings.map((id) => markingRecord(id, found.get(id), null)),
    ...granular.map((entry) => markingRecord(entry.marking_ref, found.get(entry.marking_ref), entry.selectors)),
  ];
}

/** Per-request loader of marking definitions (statement and custom markings) by id. */
export function createMarkingsLoader(graph: Graph): DataLoader<string, MarkingMap | null> {
  return new DataLoader<string, MarkingMap | null>(async (ids) => {
    const rows = await graph.read('graph/find-markings', { ids: [...ids] });
    const byId = new Map(rows.map((row) => [row.marking.id, row.marking]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
