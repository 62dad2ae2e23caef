import { createHash } from 'node:crypto';
import stableStringify from 'safe-stable-stringify';
import type { ReadTransaction, WriteTransaction } from '../../graph/run.js';
import { toNeo4jDate } from '../../graph/records.js';
import type { EntityWrite, MarkingWrite, NoteWrite, RelationshipWrite, SourceWrite, StoredVersion } from '../../graph/statements.js';
import { dateProperties, defaultCredibility, kindLabels } from '../model.js';
import { entityFieldsOf, overlayEntity, type StixObjectMap } from '../stix/entity-fields.js';
import { compareTimestamps } from '../stix/ids.js';
import { stixTypeOfKind } from '../stix/kinds.js';
import { overlayLink } from '../stix/link-fields.js';
import {
  ImportValidationError,
  type ImportCitation,
  type ImportCounts,
  type ImportDocument,
  type ImportEntity,
  type ImportMarking,
  type ImportNote,
  type ImportRelationship,
  type ImportSource,
} from './document.js';

/** Rows per UNWIND statement: big enough to amortise round trips, small enough to keep each statement light. */
export const batchSize = 2_000;

/**
 * A hash of what an element says, with keys sorted: each parser (JSON, STIX, CSV) builds its objects in its own
 * key order, and the same content read from any of them must give the same fingerprint, or a re-import of an
 * export would "update" what it did not change.
 */
function fingerprint(value: unknown): string {
  return createHash('sha1')
    .update(stableStringify(value) ?? '')
    .digest('base64url');
}

/** An element's STIX timestamps as decided by the import: its own, or the clock's for the project's changes. */
export interface Version {
  created: string | null;
  modified: string | null;
  bundleModified: string | null;
}

const ownVersion = (element: ImportEntity | ImportRelationship): Version => ({
  created: element.created ?? null,
  modified: element.modified ?? null,
  bundleModified: element.bundleModified ?? null,
});

/**
 * A source as stored. Its fingerprint leaves out evidence fields at their defaults, so a source written before
 * they existed, or imported without them, compares as unchanged.
 */
export function sourceRow(source: ImportSource): SourceWrite {
  const { reliability = null, origin = null, derivedFrom = [], publishedInferred = false, publishedNote = null, ...document } = source;
  const stated = {
    ...(reliability ? { reliability } : {}),
    ...(origin ? { origin } : {}),
    ...(derivedFrom.length ? { derivedFrom } : {}),
    ...(publishedInferred ? { publishedInferred } : {}),
    ...(publishedNote ? { publishedNote } : {}),
  };
  return {
    ...document,
    published: toNeo4jDate(source.published),
    publishedInferred: publishedInferred ? true : null,
    publishedNote: publishedNote || null,
    reliability,
    origin,
    derivedFrom,
    fingerprint: fingerprint({ ...document, ...stated }),
  };
}

/** Citations as fingerprinted: a credibility at its default (6, cannot be judged) is left out, as if not stated. */
function canonicalCitations(citations: ImportCitation[]): ImportCitation[] {
  return citations.map(({ source, excerpt, credibility }) =>
    credibility && credibility !== defaultCredibility ? { source, excerpt, credibility } : { source, excerpt },
  );
}

const credibilitiesOf = (citations: ImportCitation[]) => citations.map((citation) => citation.credibility ?? defaultCredibility);

/** A STIX object without its timestamps: what content fingerprints compare (versions are compared apart). */
function withoutTimestamps(object: StixObjectMap | null | undefined): StixObjectMap | null {
  if (!object) return null;
  const { created: _created, modified: _modified, ...rest } = object;
  return rest;
}

/** The entity's STIX object with its fields written in (so what is kept is what the export gives), without timestamps. */
function entityStix(entity: ImportEntity): StixObjectMap | null {
  if (!entity.stixObject) return null;
  // Without timestamps: the fingerprint is what the object says, not when.
  return overlayEntity(entity.stixObject, { ...entityFieldsOf(entity), created: null, modified: null }).object;
}

function relationshipStix(relationship: ImportRelationship): StixObjectMap | null {
  if (!relationship.stixObject) return null;
  return overlayLink(relationship.stixObject, {
    type: relationship.type,
    stance: relationship.stance,
    confidence: relationship.confidence,
    since: relationship.since,
    until: relationship.until,
    description: relationship.description,
    count: relationship.count ?? null,
    markings: relationship.markings ?? [],
    created: null,
    modified: null,
    revoked: relationship.revoked ?? false,
    deprecated: relationship.deprecated ?? false,
  }).object;
}

/** An element's STIX object as kept, and the fingerprint of its content: what it says, without when. */
interface Prepared {
  stix: StixObjectMap | null;
  fingerprint: string;
}

function prepareEntity(entity: ImportEntity): Prepared {
  const stix = entityStix(entity);
  const content = {
    ...entity,
    sources: canonicalCitations(entity.sources),
    stixObject: withoutTimestamps(stix),
    externalIds: entity.externalIds ?? [],
    markings: entity.markings ?? [],
    revoked: entity.revoked ?? false,
    deprecated: entity.deprecated ?? false,
    created: undefined,
    modified: undefined,
    bundleModified: undefined,
  };
  return { stix, fingerprint: fingerprint(content) };
}

function prepareRelationship(relationship: ImportRelationship): Prepared {
  const stix = relationshipStix(relationship);
  const content = {
    ...relationship,
    sources: canonicalCitations(relationship.sources),
    stixObject: withoutTimestamps(stix),
    count: relationship.count ?? null,
    markings: relationship.markings ?? [],
    revoked: relationship.revoked ?? false,
    deprecated: relationship.deprecated ?? false,
    created: undefined,
    modified: undefined,
    bundleModified: undefined,
  };
  return { stix, fingerprint: fingerprint(content) };
}

/**
 * The kept STIX object with the element's decided timestamps, as JSON. An object that has none (a cyber
 * observable) gets none: its timestamps are the graph's bookkeeping, not part of the object.
 */
function stixJson(stix: StixObjectMap | null, version: Version, original: StixObjectMap | null | undefined): string | null {
  if (!stix) return null;
  const timestamps = {
    ...(original && 'created' in original ? { created: version.created ?? stix.created } : {}),
    ...(original && 'modified' in original ? { modified: version.modified ?? stix.modified } : {}),
  };
  return JSON.stringify({ ...stix, ...timestamps });
}

export function entityRow(entity: ImportEntity, version: Version = ownVersion(entity), prepared = prepareEntity(entity)): EntityWrite {
  const properties = Object.fromEntries(
    Object.entries(entity.properties).map(([key, value]) => [key, dateProperties.has(key) ? toNeo4jDate(value) : value]),
  );
  const externalIds = entity.externalIds ?? [];
  return {
    id: entity.id,
    label: kindLabels[entity.kind],
    kind: entity.kind,
    name: entity.name,
    nameLower: entity.name.toLowerCase(),
    aliases: entity.aliases,
    aliasLower: entity.aliases.join(' | ').toLowerCase(),
    aliasText: entity.aliases.join(' | '),
    description: entity.description,
    date: toNeo4jDate(entity.date),
    properties,
    sourceIds: entity.sources.map((citation) => citation.source),
    excerpts: entity.sources.map((citation) => citation.excerpt ?? ''),
    credibilities: credibilitiesOf(entity.sources),
    extra: entity.extra ? JSON.stringify(entity.extra) : null,
    stixObject: stixJson(prepared.stix, version, entity.stixObject),
    stixType: prepared.stix ? String(prepared.stix.type) : stixTypeOfKind(entity.kind),
    created: version.created,
    modified: version.modified,
    markingRefs: entity.markings ?? [],
    externalIds,
    externalIdLower: externalIds.join(' | ').toLowerCase(),
    revoked: entity.revoked ?? false,
    deprecated: entity.deprecated ?? false,
    retired: Boolean(entity.revoked || entity.deprecated),
    bundleModified: version.bundleModified,
    fingerprint: prepared.fingerprint,
  };
}

export function relationshipRow(
  relationship: ImportRelationship,
  version: Version = ownVersion(relationship),
  prepared = prepareRelationship(relationship),
): RelationshipWrite {
  return {
    id: relationship.id,
    type: relationship.type,
    from: relationship.from,
    to: relationship.to,
    stance: relationship.stance,
    confidence: relationship.confidence,
    since: toNeo4jDate(relationship.since),
    until: toNeo4jDate(relationship.until),
    description: relationship.description,
    sourceIds: relationship.sources.map((citation) => citation.source),
    excerpts: relationship.sources.map((citation) => citation.excerpt ?? ''),
    credibilities: credibilitiesOf(relationship.sources),
    disputedBy: relationship.disputedBy,
    extra: relationship.extra ? JSON.stringify(relationship.extra) : null,
    count: relationship.count ?? null,
    stixObject: stixJson(prepared.stix, version, relationship.stixObject),
    created: version.created,
    modified: version.modified,
    markingRefs: relationship.markings ?? [],
    revoked: relationship.revoked ?? false,
    deprecated: relationship.deprecated ?? false,
    bundleModified: version.bundleModified,
    fingerprint: prepared.fingerprint,
  };
}

export function markingRow(marking: ImportMarking): MarkingWrite {
  const { object } = marking;
  const definition = object.definition as { statement?: unknown } | undefined;
  return {
    id: marking.id,
    object: JSON.stringify(object),
    name: typeof object.name === 'string' ? object.name : null,
    statement: typeof definition?.statement === 'string' ? definition.statement : null,
  };
}

export function noteRow(note: ImportNote): NoteWrite {
  return {
    id: note.id,
    subjectId: note.subject,
    text: note.text,
    author: note.author,
    createdAt: note.createdAt,
    sourceIds: note.sources.map((citation) => citation.source),
    excerpts: note.sources.map((citation) => citation.excerpt ?? ''),
    credibilities: credibilitiesOf(note.sources),
    fingerprint: fingerprint({ ...note, sources: canonicalCitations(note.sources) }),
  };
}

/** Ids OR-ed per full-text query: well under Lucene's limit of 1,024 clauses per query. */
const idsPerQuery = 500;

/** Exact-match queries for a keyword full-text index, each id quoted and escaped, a few hundred per query. */
export function keywordQueries(ids: string[]): string[] {
  const quoted = ids.map((id) => `"${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  const queries: string[] = [];
  for (let start = 0; start < quoted.length; start += idsPerQuery) queries.push(quoted.slice(start, start + idsPerQuery).join(' OR '));
  return queries;
}

/** The next instant after `after` (an edit's `modified` must advance even within one millisecond). */
export function laterThan(now: string, after: string | null): string {
  if (!after || compareTimestamps(now, after) > 0) return now;
  return new Date(Date.parse(after) + 1).toISOString();
}

type Decision = 'create' | 'update' | 'unchanged' | 'keptNewer';

/**
 * What an import does with one element, given what the graph holds (docs/import-formats.md, "Versions"):
 * - new: created, with its own timestamps or the clock's;
 * - with a `modified` from a STIX bundle: a later one updates, an earlier one keeps the newer stored version;
 *   the same one with the same content changes nothing, and with different content (a producer that changed an
 *   object without advancing `modified`) the copy from the newer bundle wins;
 * - otherwise (the project's JSON and CSV, edits, STIX objects without `modified` such as observables): an
 *   earlier `modified` keeps the newer stored version; the same content changes nothing; different content is
 *   an edit (of an exported file, or an import without timestamps): it updates, and `modified` advances.
 */
function decide(
  incoming: { fingerprint: string; version: Version },
  stored: StoredVersion | undefined,
  now: string,
): { decision: Decision; version: Version } {
  const own = incoming.version;
  if (!stored) {
    const created = own.created ?? now;
    return { decision: 'create', version: { ...own, created, modified: own.modified ?? created } };
  }
  const created = own.created ?? stored.created ?? now;
  const storedVersion = { created: stored.created, modified: stored.modified, bundleModified: stored.bundleModified };
  const order = own.modified ? compareTimestamps(own.modified, stored.modified) : 0;
  if (own.modified && order < 0) return { decision: 'keptNewer', version: storedVersion };
  if (own.modified && order > 0) return { decision: 'update', version: { ...own, created } };
  if (incoming.fingerprint === stored.fingerprint) return { decision: 'unchanged', version: storedVersion };
  if (own.modified && own.bundleModified) {
    const newerCopy = compareTimestamps(own.bundleModified, stored.bundleModified) > 0;
    return newerCopy ? { decision: 'update', version: { ...own, created } } : { decision: 'keptNewer', version: storedVersion };
  }
  return {
    decision: 'update',
    version: { created, modified: laterThan(now, stored.modified), bundleModified: own.bundleModified ?? stored.bundleModified },
  };
}

type Row = { id: string; fingerprint: string };

interface Planned<T> {
  changed: T[];
  created: T[];
  updated: T[];
  counts: ImportCounts;
}

/** Splits elements into rows to create and to update, counting those left alone and those already newer. */
function classify<E extends ImportEntity | ImportRelationship, T extends Row>(
  elements: E[],
  stored: Map<string, StoredVersion>,
  prepare: (element: E) => Prepared,
  row: (element: E, version: Version, prepared: Prepared) => T,
  now: string,
): Planned<T> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, keptNewer: 0 };
  const planned: Planned<T> = { changed: [], created: [], updated: [], counts };
  for (const element of elements) {
    const prepared = prepare(element);
    const { decision, version } = decide({ fingerprint: prepared.fingerprint, version: ownVersion(element) }, stored.get(element.id), now);
    if (decision === 'unchanged' || decision === 'keptNewer') {
      counts[decision] += 1;
      continue;
    }
    const final = row(element, version, prepared);
    (decision === 'create' ? planned.created : planned.updated).push(final);
    planned.changed.push(final);
  }
  counts.created = planned.created.length;
  counts.updated = planned.updated.length;
  return planned;
}

/** One statement's rows, written in batches of `batchSize`. */
interface WriteStep {
  rows: number;
  write(tx: WriteTransaction, onBatch: (written: number) => void): Promise<void>;
}

function writeStep<T>(rows: T[], run: (tx: WriteTransaction, batch: T[]) => Promise<unknown>): WriteStep {
  return {
    rows: rows.length,
    async write(tx, onBatch) {
      for (let start = 0; start < rows.length; start += batchSize) {
        const batch = rows.slice(start, start + batchSize);
        await run(tx, batch);
        onBatch(batch.length);
      }
    },
  };
}

export interface WritePlan {
  counts: { sources: ImportCounts; entities: ImportCounts; relationships: ImportCounts; notes: ImportCounts };
  /** Ids the write will create or change, by element, with whether each exists already. */
  changes: {
    entities: { id: string; updated: boolean }[];
    relationships: { id: string; updated: boolean }[];
    notes: { id: string; updated: boolean }[];
  };
  write(tx: WriteTransaction, onProgress?: (done: number, total: number) => void): Promise<void>;
}

/**
 * An element that arrives without its STIX object (the project's CSV, an edit) keeps the one the graph holds:
 * the CSV cannot carry it, and dropping it would lose the object's identity.
 */
function withStoredStix<E extends ImportEntity | ImportRelationship>(elements: E[], stored: Map<string, string | null>): E[] {
  return elements.map((element) => {
    if (element.stixObject) return element;
    const kept = stored.get(element.id);
    return kept ? { ...element, stixObject: JSON.parse(kept) as StixObjectMap } : element;
  });
}

/** Splits rows without versions (sources, notes) by their fingerprint: new, changed, or as stored. */
function classifyByFingerprint<T extends Row>(rows: T[], stored: ReadonlyMap<string, string | null>): Planned<T> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, keptNewer: 0 };
  const planned: Planned<T> = { changed: [], created: [], updated: [], counts };
  for (const row of rows) {
    const before = stored.get(row.id);
    if (before === row.fingerprint) counts.unchanged += 1;
    else (before === undefined ? planned.created : planned.updated).push(row);
  }
  planned.changed = [...planned.created, ...planned.updated];
  counts.created = planned.created.length;
  counts.updated = planned.updated.length;
  return planned;
}

/**
 * Compares the document with what the graph holds, as `tx` sees it, and returns the counts and the writes still
 * needed (to run in the same transaction when it writes). `storedNotes` are the fingerprints of the document's
 * notes already in the graph (read with their subjects, before validation).
 */
export async function planWrites(
  tx: ReadTransaction,
  document: ImportDocument,
  storedNotes: ReadonlyMap<string, string | null> = new Map(),
): Promise<WritePlan> {
  const now = new Date().toISOString();
  const notes = (document.notes ?? []).map(noteRow);
  const sources = document.sources.map(sourceRow);
  const [stored] = await tx.run('import/find-fingerprints', {
    sourceIds: sources.map((row) => row.id),
    entityIds: document.entities.map((entity) => entity.id),
    stixWanted: document.entities.filter((entity) => !entity.stixObject).map((entity) => entity.id),
    relationshipStixWanted: document.relationships
      .filter((relationship) => !relationship.stixObject)
      .map((relationship) => relationship.id),
    relationshipQueries: keywordQueries(document.relationships.map((relationship) => relationship.id)),
  });
  // A relationship keeps its type and ends for life; changing them is a retraction and a new assertion.
  const relationshipsById = new Map(document.relationships.map((relationship) => [relationship.id, relationship]));
  const moved = stored.relationships.flatMap((existing) => {
    const row = relationshipsById.get(existing.id);
    return row && (row.type !== existing.type || row.from !== existing.from || row.to !== existing.to)
      ? [
          {
            location: `relationship ${row.id}`,
            message: `already links ${existing.from} -[${existing.type}]-> ${existing.to}; retract it to change its type or ends`,
          },
        ]
      : [];
  });
  if (moved.length > 0) throw new ImportValidationError(moved);
  const entities = withStoredStix(document.entities, new Map(stored.entities.map((row) => [row.id, row.stixObject])));
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((row) => [row.id, row]));
  const plannedSources = classifyByFingerprint(sources, new Map(stored.sources.map((row) => [row.id, row.fingerprint])));
  const plannedEntities = classify(entities, byId(stored.entities), prepareEntity, entityRow, now);
  const relationships = withStoredStix(document.relationships, new Map(stored.relationships.map((row) => [row.id, row.stixObject])));
  const plannedRelationships = classify(relationships, byId(stored.relationships), prepareRelationship, relationshipRow, now);
  const markings = (document.markings ?? []).map(markingRow);
  const plannedNotes = classifyByFingerprint(notes, storedNotes);
  const steps: WriteStep[] = [
    writeStep(markings, (tx, markings) => tx.run('import/upsert-markings', { markings })),
    writeStep(plannedSources.changed, (tx, sources) => tx.run('import/upsert-sources', { sources })),
    writeStep(plannedEntities.changed, (tx, entities) => tx.run('import/upsert-entities', { entities })),
    writeStep(plannedRelationships.created, (tx, relationships) => tx.run('import/create-relationships', { relationships })),
    writeStep(plannedRelationships.updated, (tx, relationships) => tx.run('import/upsert-relationships', { relationships })),
    writeStep(plannedNotes.changed, (tx, notes) => tx.run('notes/upsert-notes', { notes })),
  ];
  const total = steps.reduce((sum, step) => sum + step.rows, 0);
  const marked = ({ changed, updated }: { changed: Row[]; updated: Row[] }) => {
    const wasStored = new Set(updated);
    return changed.map((row) => ({ id: row.id, updated: wasStored.has(row) }));
  };
  return {
    counts: {
      sources: plannedSources.counts,
      entities: plannedEntities.counts,
      relationships: plannedRelationships.counts,
      notes: plannedNotes.counts,
    },
    changes: {
      entities: marked(plannedEntities),
      relationships: marked(plannedRelationships),
      notes: marked(plannedNotes),
    },
    async write(tx, onProgress) {
      let done = 0;
      for (const step of steps) {
        await step.write(tx, (written) => {
          done += written;
          onProgress?.(done, total);
        });
      }
    },
  };
}
