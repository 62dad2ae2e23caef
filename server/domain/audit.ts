import { randomUUID } from 'node:crypto';
import type { Graph, WriteTransaction } from '../graph/run.js';
import type { AuditEventMap } from '../graph/statements.js';
import { checkRange } from './relationship-filter.js';

/** An event as the domain writes it; read back, action and subjectType are plain strings (AuditEventMap). */
export interface AuditEventRecord extends AuditEventMap {
  action: 'CREATE' | 'UPDATE' | 'RETRACT' | 'IMPORT' | 'STATEMENT' | 'MERGE' | 'UNMERGE' | 'DELETE' | 'RESTORE';
  subjectType: 'ENTITY' | 'RELATIONSHIP' | 'SOURCE' | 'IMPORT' | 'VIEW' | 'HYPOTHESIS' | 'CELL_RATING' | 'NOTE';
}

export type NewAuditEvent = Omit<AuditEventRecord, 'id' | 'at'>;

/** Appends events inside the caller's transaction, so a change and its history commit together. */
export async function recordAuditEvents(tx: WriteTransaction, events: NewAuditEvent[]): Promise<AuditEventRecord[]> {
  const at = new Date().toISOString();
  const stamped = events.map((event) => ({ id: `audit-${randomUUID()}`, at, ...event }));
  if (stamped.length > 0) await tx.run('audit/record-events', { events: stamped });
  return stamped;
}

/** The history of one entity, relationship or import, newest first. */
export async function findHistory(graph: Graph, subjectId: string, limit: number): Promise<AuditEventMap[]> {
  checkRange(limit, 'limit', 1, 1_000);
  const rows = await graph.read('audit/find-history', { subjectId, limit });
  return rows.map((row) => row.event);
}

/** JSON for an audit snapshot; Neo4j values were already made plain by the executor. */
export function snapshot(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
