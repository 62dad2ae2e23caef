/**
 * Loading the synthetic graph two ways: through the project's import pipeline (`importDocument`:
 * validation, fingerprints, one write transaction), and by the plainest batched `UNWIND ... MERGE`
 * through neo4j-driver, which is what the database itself can take.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { ImportDocument } from '../server/domain/import/document.js';
import { importDocument } from '../server/domain/import/run-import.js';
import { entityRow, relationshipRow, sourceRow } from '../server/domain/import/write-document.js';
import { toParams } from '../server/graph/records.js';
import type { Graph } from '../server/graph/run.js';
import { say } from './progress.js';

export type ImportMode = 'single-transaction' | 'chunked';

export interface PipelineLoad {
  mode: ImportMode;
  /** False when the time budget ran out first (the transaction was then terminated and rolled back). */
  completed: boolean;
  budget_s: number;
  seconds: number;
  relationships_written: number;
  /** Relationships written per second over the whole run, validation and planning included. */
  rels_per_s: number;
  /** Seconds spent in each named read, in the write transaction(s), and in between (JS: validation, planning). */
  phases: Record<string, number>;
  /** Seconds per relationship batch (2,000 rows) at the start and at the end: a rising cost shows up here. */
  relationship_batches: { count: number; first_s: number[]; last_s: number[] };
  chunk_relationships?: number;
  error?: string;
}

export interface RawLoad {
  seconds: number;
  rels_per_s: number;
  batch_rows: number;
  phases: { sources: number; entities: number; relationships: number };
}

/** A view of the Graph that times every named read and every write transaction, by name. */
function timedGraph(graph: Graph, phases: Record<string, number>): Graph {
  const add = (name: string, since: number) => (phases[name] = (phases[name] ?? 0) + (performance.now() - since) / 1000);
  return new Proxy(graph, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === 'read' || property === 'writeTransaction') {
        return async (...args: unknown[]) => {
          const since = performance.now();
          try {
            return await (value as (...args: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            add(property === 'read' ? String(args[0]) : 'write-transaction', since);
          }
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Ends every transaction but our own on this instance (how a budget stops an import that runs too long). */
export async function terminateTransactions(driver: Driver): Promise<number> {
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    const shown = await session.run(
      "SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN collect(transactionId) AS ids",
    );
    const ids = shown.records[0].get('ids') as string[];
    if (ids.length > 0) await session.run('TERMINATE TRANSACTIONS $ids', { ids });
    return ids.length;
  } finally {
    await session.close();
  }
}

/**
 * Imports the document through `importDocument` as the CLI does (audit summary included) and times it,
 * validation and planning included. 'chunked' imports sources and entities first, then relationships in
 * chunks, each its own importDocument call (its own transaction). When `budgetSeconds` runs out, the
 * running transaction is terminated and the rate so far is reported with `completed: false`.
 */
export async function loadWithPipeline(
  target: { graph: Graph; driver: Driver },
  document: ImportDocument,
  mode: ImportMode,
  budgetSeconds: number,
  chunk = 50_000,
): Promise<PipelineLoad> {
  const phases: Record<string, number> = {};
  const timed = timedGraph(target.graph, phases);
  const nonRelationshipRows = document.sources.length + document.entities.length;
  let committedRelationships = 0;
  let relationshipsInCall = 0;
  const batchSeconds: number[] = [];
  let lastProgressAt = 0;
  let lastShown = 0;
  const onProgress = (offset: number) => (done: number, total: number) => {
    const now = performance.now();
    const written = Math.max(0, done - offset);
    if (done > offset) batchSeconds.push((now - lastProgressAt) / 1000);
    relationshipsInCall = written;
    lastProgressAt = now;
    if (done === total || now - lastShown > 15_000) {
      lastShown = now;
      say(`import pipeline: ${committedRelationships + written}/${document.relationships.length} relationships written`);
    }
  };
  const audit = { actor: 'bench', perElement: false, reason: 'benchmark' };
  const started = performance.now();
  lastProgressAt = started;
  const work = (async () => {
    if (mode === 'single-transaction') {
      await importDocument(timed, document, { audit, onProgress: onProgress(nonRelationshipRows) });
      return;
    }
    await importDocument(timed, { sources: document.sources, entities: document.entities, relationships: [] }, { audit });
    for (let start = 0; start < document.relationships.length; start += chunk) {
      relationshipsInCall = 0;
      lastProgressAt = performance.now();
      const part = document.relationships.slice(start, start + chunk);
      await importDocument(timed, { sources: [], entities: [], relationships: part }, { audit, onProgress: onProgress(0) });
      committedRelationships += part.length;
      relationshipsInCall = 0;
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<'budget'>((resolve) => (timer = setTimeout(() => resolve('budget'), budgetSeconds * 1000)));
  let completed = false;
  let error: string | undefined;
  try {
    const outcome = await Promise.race([work.then(() => 'done' as const), budget]);
    if (outcome === 'done') completed = true;
    else {
      const written = committedRelationships + relationshipsInCall;
      say(`import pipeline: budget of ${budgetSeconds} s spent at ${written} relationships; terminating its transaction`);
      await terminateTransactions(target.driver);
      await Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 60_000))]);
    }
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
    say(`import pipeline failed: ${error}`);
  } finally {
    clearTimeout(timer);
  }
  const seconds = ((completed ? performance.now() : lastProgressAt) - started) / 1000;
  const written = completed ? document.relationships.length : committedRelationships + relationshipsInCall;
  const measured = Object.values(phases).reduce((sum, value) => sum + value, 0);
  if (completed) phases['validate-and-plan-js'] = seconds - measured;
  for (const key of Object.keys(phases)) phases[key] = round(phases[key], 2);
  return {
    mode,
    completed,
    budget_s: budgetSeconds,
    seconds: round(seconds, 2),
    relationships_written: written,
    rels_per_s: seconds > 0 ? Math.round(written / seconds) : 0,
    phases,
    relationship_batches: {
      count: batchSeconds.length,
      first_s: batchSeconds.slice(0, 3).map((v) => round(v, 2)),
      last_s: batchSeconds.slice(-3).map((v) => round(v, 2)),
    },
    ...(mode === 'chunked' ? { chunk_relationships: chunk } : {}),
    ...(error ? { error } : {}),
  };
}

// The plainest load: static labels and types per statement, `SET +=` of a prepared map, one transaction per batch.
// Timestamps and fingerprints are stored too, so both loads leave the same properties for the queries to return.
const rawSources = 'UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s += row.props';
const rawEntities = (label: string) =>
  `UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e:${label} SET e += row.props, e.createdAt = datetime(), e.updatedAt = datetime()`;
const rawRelationships = (type: string) =>
  `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:${type} {id: row.id}]->(b) SET r += row.props, r.createdAt = datetime(), r.updatedAt = datetime()`;

interface Batch {
  phase: keyof RawLoad['phases'];
  text: string;
  rows: unknown;
}

/** The same stored properties as the pipeline writes (its own row builders), ready to send. */
function rawBatches(document: ImportDocument, batchRows: number): Batch[] {
  const batches: Batch[] = [];
  const push = <T>(phase: Batch['phase'], text: string, rows: T[]) => {
    for (let start = 0; start < rows.length; start += batchRows)
      batches.push({ phase, text, rows: toParams(rows.slice(start, start + batchRows)) });
  };
  push(
    'sources',
    rawSources,
    document.sources.map((source) => {
      const { id, ...props } = sourceRow(source);
      return { id, props };
    }),
  );
  const byLabel = new Map<string, unknown[]>();
  for (const entity of document.entities) {
    const { id, label, properties, ...rest } = entityRow(entity);
    if (!byLabel.has(label)) byLabel.set(label, []);
    byLabel.get(label)!.push({ id, props: { ...rest, ...properties } });
  }
  for (const [label, rows] of byLabel) push('entities', rawEntities(label), rows);
  const byType = new Map<string, unknown[]>();
  for (const relationship of document.relationships) {
    const { id, type, from, to, ...props } = relationshipRow(relationship);
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type)!.push({ id, from, to, props });
  }
  for (const [type, rows] of byType) push('relationships', rawRelationships(type), rows);
  return batches;
}

/** Loads the document with plain batched UNWIND ... MERGE, one write transaction per batch; rows are prepared before the clock starts. */
export async function loadRaw(driver: Driver, document: ImportDocument, batchRows = 10_000): Promise<RawLoad> {
  const batches = rawBatches(document, batchRows);
  const phases = { sources: 0, entities: 0, relationships: 0 };
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  let lastShown = performance.now();
  const started = performance.now();
  try {
    for (const [index, batch] of batches.entries()) {
      const since = performance.now();
      await session.executeWrite((tx) => tx.run(batch.text, { rows: batch.rows }), { timeout: 30 * 60_000 });
      phases[batch.phase] += (performance.now() - since) / 1000;
      if (performance.now() - lastShown > 10_000 || index === batches.length - 1) {
        lastShown = performance.now();
        say(`raw UNWIND load: batch ${index + 1}/${batches.length}`);
      }
    }
  } finally {
    await session.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds: round(seconds, 2),
    rels_per_s: Math.round(document.relationships.length / seconds),
    batch_rows: batchRows,
    phases: { sources: round(phases.sources, 2), entities: round(phases.entities, 2), relationships: round(phases.relationships, 2) },
  };
}

/** What the database holds, to check that both loads stored the whole document. */
export async function countStored(driver: Driver): Promise<{ entities: number; relationships: number; sources: number }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(
      'CALL { MATCH (e:Entity) RETURN count(e) AS entities } CALL { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships } CALL { MATCH (s:Source) RETURN count(s) AS sources } RETURN entities, relationships, sources',
    );
    const record = result.records[0];
    return {
      entities: Number(record.get('entities')),
      relationships: Number(record.get('relationships')),
      sources: Number(record.get('sources')),
    };
  } finally {
    await session.close();
  }
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
