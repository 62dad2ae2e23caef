import { createHash } from 'node:crypto';
import type { ReadTransaction, WriteTransaction } from '../../graph/run.js';
import { toNeo4jDate } from '../../graph/records.js';
import type { EntityWrite, NoteWrite, RelationshipWrite, SourceWrite } from '../../graph/statements.js';
import { dateProperties, defaultCredibility, kindLabels } from '../model.js';
import {
  ImportValidationError,
  type ImportCitation,
  type ImportCounts,
  type ImportDocument,
  type ImportEntity,
  type ImportNote,
  type ImportRelationship,
  type ImportSource,
} from './document.js';

/** Rows per UNWIND statement: big enough to amortise round trips, small enough to keep each statement light. */
export const batchSize = 2_000;

function fingerprint(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64url');
}

/**
 * A source as stored. Its fingerprint leaves out evidence fields at their defaults, so a source written before
 * they existed, or imported without them, compares as unchanged.
 */
export function sourceRow(source: ImportSource): SourceWrite {
  const { reliability = null, origin = null, derivedFrom = [], ...document } = source;
  const stated = { ...(reliability ? { reliability } : {}), ...(origin ? { origin } : {}), ...(derivedFrom.length ? { derivedFrom } : {}) };
  return {
    ...document,
    published: toNeo4jDate(source.published),
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

export function entityRow(entity: ImportEntity): EntityWrite {
  const properties = Object.fromEntries(
    Object.entries(entity.properties).map(([key, value]) => [key, dateProperties.has(key) ? toNeo4jDate(value) : value]),
  );
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
    fingerprint: fingerprint({ ...entity, sources: canonicalCitations(entity.sources) }),
  };
}

export function relationshipRow(relationship: ImportRelationship): RelationshipWrite {
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
    fingerprint: fingerprint({ ...relationship, sources: canonicalCitations(relationship.sources) }),
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

type Row = { id: string; fingerprint: string };

/** Ids OR-ed per full-text query: well under Lucene's limit of 1,024 clauses per query. */
const idsPerQuery = 500;

/** Exact-match queries for a keyword full-text index, each id quoted and escaped, a few hundred per query. */
export function keywordQueries(ids: string[]): string[] {
  const quoted = ids.map((id) => `"${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  const queries: string[] = [];
  for (let start = 0; start < quoted.length; start += idsPerQuery) queries.push(quoted.slice(start, start + idsPerQuery).join(' OR '));
  return queries;
}

/**
 * Splits rows into those to create, to update, and those already stored with the same content. `changed`
 * keeps the document's order (created and updated together) for the report of changes.
 */
function classify<T extends Row>(
  rows: T[],
  stored: Map<string, string | null>,
): { changed: T[]; created: T[]; updated: T[]; counts: ImportCounts } {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const [changed, created, updated]: T[][] = [[], [], []];
  for (const row of rows) {
    const before = stored.get(row.id);
    if (before === row.fingerprint) {
      counts.unchanged += 1;
      continue;
    }
    (before === undefined ? created : updated).push(row);
    changed.push(row);
  }
  counts.created = created.length;
  counts.updated = updated.length;
  return { changed, created, updated, counts };
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
 * Compares the document with what the graph holds, as `tx` sees it, and returns the counts and the writes
 * still needed (to run in the same transaction when it writes). `storedNotes` are the fingerprints of the
 * document's notes already in the graph (read with their subjects, before validation).
 */
export async function planWrites(
  tx: ReadTransaction,
  document: ImportDocument,
  storedNotes: ReadonlyMap<string, string | null> = new Map(),
): Promise<WritePlan> {
  const notes = (document.notes ?? []).map(noteRow);
  const sources = document.sources.map(sourceRow);
  const entities = document.entities.map(entityRow);
  const relationships = document.relationships.map(relationshipRow);
  const [stored] = await tx.run('import/find-fingerprints', {
    sourceIds: sources.map((row) => row.id),
    entityIds: entities.map((row) => row.id),
    relationshipQueries: keywordQueries(relationships.map((row) => row.id)),
  });
  // A relationship keeps its type and ends for life; changing them is a retraction and a new assertion.
  const relationshipsById = new Map(relationships.map((row) => [row.id, row]));
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
  const asMap = (list: { id: string; fingerprint: string | null }[]) => new Map(list.map((row) => [row.id, row.fingerprint]));
  const plannedSources = classify(sources, asMap(stored.sources));
  const plannedEntities = classify(entities, asMap(stored.entities));
  const plannedRelationships = classify(relationships, asMap(stored.relationships));
  const plannedNotes = classify(notes, new Map(storedNotes));
  const steps: WriteStep[] = [
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
