import type { Graph } from '../../graph/run.js';
import {
  ImportValidationError,
  type ImportDocument,
  type ImportProblem,
  type ImportReport,
  type MissingReferencePolicy,
} from './document.js';
import { parseCsvEntities, parseCsvRelationships } from './parse-csv.js';
import { parseProjectJson } from './parse-json.js';
import { parseStixBundle } from './parse-stix.js';
import { dropUnknownDerivations, externalReferences, validateDocument } from './validate-document.js';
import { recordAuditEvents, snapshot, type NewAuditEvent } from '../audit.js';
import type { ReadTransaction, WriteTransaction } from '../../graph/run.js';
import type { PropertySnapshot } from '../../graph/statements.js';
import { keywordQueries, planWrites, type WritePlan } from './write-document.js';
import { findImportMatches, keepCuration, mergeMatches, resolveMergedReferences, type ImportMatching } from './match-existing.js';

export const importFormats = ['STIX', 'CSV_ENTITIES', 'CSV_RELATIONSHIPS', 'JSON'] as const;
export type ImportFormatName = (typeof importFormats)[number];

export interface ImportOptions {
  dryRun?: boolean;
  /**
   * Who is writing, for the audit history. Every update keeps the earlier values; `perElement` also records
   * each creation (edits through the API), otherwise one IMPORT event summarises the creations.
   */
  audit?: { actor: string; perElement: boolean; reason?: string };
  /** Called as batches are written, for progress bars. */
  onProgress?: (done: number, total: number) => void;
  /**
   * FAIL (default): a reference to an entity or source in neither the file nor the graph refuses the whole import.
   * SKIP: each element that needs such a reference is left out (with what depends on it) and listed; the rest lands.
   */
  onMissingReference?: MissingReferencePolicy;
  /**
   * Analysts' imports (API, CLI): an update unites aliases, citations and markings and keeps curated values
   * unless the import's copy is newer, listing the conflicts. Edits leave it off: there the editor's value is the point.
   */
  keepCuration?: boolean;
  /**
   * What to do about new entities that may already exist: NONE (default), SUGGEST (list them), AUTO (merge them
   * from autoMergeScore up, in the import's transaction). A dry run lists the matches it would make.
   */
  matching?: ImportMatching;
  /**
   * Entities whose write locks the writing transaction takes before it reads anything: an edit that reads an
   * element and writes it back with its change locks it, so an edit committed in between is not overwritten.
   */
  lockEntities?: string[];
  /**
   * An edit: a few elements read and written in one transaction, so when it meets another edit's locks in the order
   * that makes a deadlock, Neo4j's transient error is met by running it again whole. An import is not retried: a
   * second attempt at a large file would fail the same way.
   */
  retryConflicts?: boolean;
}

/** Turns file content of any supported format into a normalized document, or every problem found. */
export function parseImport(format: ImportFormatName, content: string): { document?: ImportDocument; problems: ImportProblem[] } {
  switch (format) {
    case 'STIX':
      return parseStixBundle(content);
    case 'CSV_ENTITIES':
      return parseCsvEntities(content);
    case 'CSV_RELATIONSHIPS':
      return parseCsvRelationships(content);
    case 'JSON':
      return parseProjectJson(content);
  }
}

/**
 * What to import: a document, or how to build one from the graph as the writing transaction sees it. An edit that
 * adds to what is stored (citations added to the earlier ones) builds it there, so two edits at once cannot each
 * write back a copy read before the other's commit and drop what the other added.
 */
export type DocumentSource = ImportDocument | ((tx: ReadTransaction) => Promise<ImportDocument>);

/**
 * The one import pipeline (API, CLI, founding case, edits): parse, validate completely against the file and
 * the graph, then write every change, so an import lands whole or not at all. The checks against the graph
 * (references, ids that keep their ends, what changed) run in the transaction that writes: nothing another
 * writer commits in between can slip past them.
 */
export async function importDocument(graph: Graph, given: DocumentSource, options: ImportOptions = {}): Promise<ImportReport> {
  const documentIn = (tx: ReadTransaction) => (typeof given === 'function' ? given(tx) : Promise.resolve(given));
  if (options.dryRun) return graph.readTransaction(async (tx) => (await checkAndPlan(tx, await documentIn(tx), options)).report);
  // Large imports get a long timeout of their own.
  return graph.writeTransaction(
    async (tx) => {
      if (options.lockEntities?.length) await tx.run('edit/lock-entities', { ids: options.lockEntities });
      const { document, plan, report } = await checkAndPlan(tx, await documentIn(tx), options);
      const before = options.audit ? await snapshotsOfUpdates(tx, plan) : null;
      await plan.write(tx, options.onProgress);
      if (options.audit && before) await recordAuditEvents(tx, auditEventsFor(document, plan, before, options.audit));
      if (options.matching === 'AUTO') await mergeMatches(tx, report.matches, options.audit?.actor ?? 'import');
      return report;
    },
    30 * 60_000,
    { retry: options.retryConflicts ?? false },
  );
}

/**
 * Validates the document against itself and the graph as `tx` sees it, and plans the writes. Ids merged away
 * are replaced by their survivor's first, and with keepCuration updates keep what analysts curated. Derivations
 * naming sources the graph and the file lack are dropped (with a warning) before the checks; in lenient mode
 * (onMissingReference: SKIP) what refers to an entity or source in neither is left out and listed. The report
 * lists the existing entities the new ones may be (matching), read before anything is written.
 */
async function checkAndPlan(tx: ReadTransaction, parsed: ImportDocument, options: ImportOptions) {
  // Ids merged away reach their survivor, whatever the file names.
  const resolved = await resolveMergedReferences(tx, parsed);
  const curated = options.keepCuration ? await keepCuration(tx, resolved) : { document: resolved, conflicts: [] };
  const given = curated.document;
  const [found] = await tx.run('import/find-existing-ids', externalReferences(given));
  const existing = { entityIds: new Set(found.entityIds), sourceIds: new Set(found.sourceIds) };
  const derived = dropUnknownDerivations(given, existing.sourceIds);
  const notes = await storedNoteContext(tx, derived);
  const { document, skipped } =
    options.onMissingReference === 'SKIP'
      ? withoutMissingReferences(derived, existing, notes.subjectIds)
      : { document: derived, skipped: [] };
  const problems = validateDocument(document, { ...existing, noteSubjectIds: notes.subjectIds });
  if (problems.length > 0) throw new ImportValidationError(problems);
  const plan = await planWrites(tx, document, notes.stored);
  const createdIds = plan.changes.entities.filter((change) => !change.updated).map((change) => change.id);
  const report: ImportReport = {
    dryRun: Boolean(options.dryRun),
    warnings: document.warnings ?? [],
    skipped,
    ...plan.counts,
    conflicts: curated.conflicts,
    matches: await findImportMatches(tx, document, createdIds, options.matching ?? 'NONE'),
  };
  return { document, plan, report };
}

/** For the document's notes: which of their subjects the graph holds, and which notes it holds already. */
async function storedNoteContext(tx: ReadTransaction, document: ImportDocument) {
  const notes = document.notes ?? [];
  if (notes.length === 0) return { subjectIds: new Set<string>(), stored: new Map<string, string | null>() };
  const subjectIds = [...new Set(notes.map((note) => note.subject))];
  const [row] = await tx.run('notes/find-note-context', {
    subjectIds,
    relationshipQueries: keywordQueries(subjectIds),
    noteIds: notes.map((note) => note.id),
  });
  return { subjectIds: new Set(row.subjectIds), stored: new Map(row.notes.map((note) => [note.id, note.fingerprint])) };
}

/**
 * Lenient mode: the document without what refers to an entity or source that is in neither the document nor the
 * graph, and a line for each thing left out. A citation of an unknown source is dropped; an element left without
 * any citation, or a link left without an end, is left out, and so, in turn, is what referred to it.
 */
export function withoutMissingReferences(
  document: ImportDocument,
  existing: { entityIds: ReadonlySet<string>; sourceIds: ReadonlySet<string> },
  noteSubjectIds: ReadonlySet<string> = new Set(),
): { document: ImportDocument; skipped: string[] } {
  const skipped: string[] = [];
  const sourceIds = new Set([...document.sources.map((source) => source.id), ...existing.sourceIds]);
  const knownCitations = <T extends { id: string; sources: { source: string; excerpt: string | null }[] }>(element: T, what: string) => {
    const kept = element.sources.filter((citation) => sourceIds.has(citation.source));
    for (const citation of element.sources) {
      if (!sourceIds.has(citation.source))
        skipped.push(`${what} ${element.id}: dropped its citation of unknown source "${citation.source}"`);
    }
    return { ...element, sources: kept };
  };
  let entities = document.entities.map((entity) => knownCitations(entity, 'entity'));
  for (const entity of entities)
    if (entity.sources.length === 0) skipped.push(`entity ${entity.id}: left out, no known source is left to cite`);
  entities = entities.filter((entity) => entity.sources.length > 0);
  let relationships = document.relationships.map((relationship) => knownCitations(relationship, 'relationship'));
  for (const relationship of relationships) {
    if (relationship.sources.length === 0) skipped.push(`relationship ${relationship.id}: left out, no known source is left to cite`);
  }
  relationships = relationships.filter((relationship) => relationship.sources.length > 0);
  const entityIds = new Set([...entities.map((entity) => entity.id), ...existing.entityIds]);
  relationships = relationships.flatMap((relationship) => {
    const missing = [relationship.from, relationship.to].filter((id) => !entityIds.has(id));
    if (missing.length > 0) {
      skipped.push(
        `relationship ${relationship.id}: left out, it refers to unknown entity ${missing.map((id) => `"${id}"`).join(' and ')}`,
      );
      return [];
    }
    const unknownDisputers = relationship.disputedBy.filter((id) => !entityIds.has(id));
    for (const id of unknownDisputers) skipped.push(`relationship ${relationship.id}: dropped its dispute by unknown entity "${id}"`);
    return [{ ...relationship, disputedBy: relationship.disputedBy.filter((id) => entityIds.has(id)) }];
  });
  // A note may cite nothing, so it stays while its subject (an entity, link or hypothesis) is here or in the graph.
  const subjectIds = new Set([...entityIds, ...relationships.map((relationship) => relationship.id), ...noteSubjectIds]);
  const notes = document.notes?.flatMap((given) => {
    if (subjectIds.has(given.subject)) return [knownCitations(given, 'note')];
    skipped.push(`note ${given.id}: left out, it is about unknown subject "${given.subject}"`);
    return [];
  });
  return { document: { ...document, entities, relationships, ...(notes ? { notes } : {}) }, skipped };
}

/** Parses and imports content of the given format; throws ImportValidationError listing every problem. */
export async function importContent(
  graph: Graph,
  format: ImportFormatName,
  content: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { document, problems } = parseImport(format, content);
  if (!document) throw new ImportValidationError(problems);
  return importDocument(graph, document, options);
}

type Snapshots = Map<string, PropertySnapshot>;

/** The current values of everything the plan will update, read inside the writing transaction. */
async function snapshotsOfUpdates(tx: WriteTransaction, plan: WritePlan): Promise<Snapshots> {
  const entityIds = plan.changes.entities.filter((change) => change.updated).map((change) => change.id);
  const relationshipIds = plan.changes.relationships.filter((change) => change.updated).map((change) => change.id);
  const noteIds = plan.changes.notes.filter((change) => change.updated).map((change) => change.id);
  const snapshots: Snapshots = new Map();
  if (entityIds.length + relationshipIds.length + noteIds.length === 0) return snapshots;
  const [row] = await tx.run('audit/find-current', { entityIds, relationshipIds, noteIds });
  for (const item of [...row.entities, ...row.relationships, ...row.notes]) snapshots.set(item.id, item);
  return snapshots;
}

function auditEventsFor(
  document: ImportDocument,
  plan: WritePlan,
  before: Snapshots,
  audit: NonNullable<ImportOptions['audit']>,
): NewAuditEvent[] {
  const entities = new Map(document.entities.map((entity) => [entity.id, entity]));
  const relationships = new Map(document.relationships.map((relationship) => [relationship.id, relationship]));
  const events: NewAuditEvent[] = [];
  const notes = new Map((document.notes ?? []).map((note) => [note.id, note]));
  const add = (subjectType: 'ENTITY' | 'RELATIONSHIP' | 'NOTE', change: { id: string; updated: boolean }, after: unknown) => {
    if (!change.updated && !audit.perElement) return;
    events.push({
      actor: audit.actor,
      action: change.updated ? 'UPDATE' : 'CREATE',
      subjectId: change.id,
      subjectType,
      reason: audit.reason ?? null,
      before: snapshot(before.get(change.id)),
      after: snapshot(after),
    });
  };
  plan.changes.entities.forEach((change) => add('ENTITY', change, entities.get(change.id)));
  plan.changes.relationships.forEach((change) => add('RELATIONSHIP', change, relationships.get(change.id)));
  plan.changes.notes.forEach((change) => add('NOTE', change, notes.get(change.id)));
  if (!audit.perElement) {
    events.push({
      actor: audit.actor,
      action: 'IMPORT',
      subjectId: `import-${Date.now().toString(36)}`,
      subjectType: 'IMPORT',
      reason: audit.reason ?? null,
      before: null,
      after: snapshot(plan.counts),
    });
  }
  return events;
}
