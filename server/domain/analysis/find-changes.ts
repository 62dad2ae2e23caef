/**
 * What changed in what was known between two days (knowledge time, knowledge-time.ts): links that became known,
 * sources first published, links retracted or re-graded (from the audit history), and what that did to the
 * competing hypotheses of the incidents concerned. Explains a change of judgement, as ICD 203 asks.
 */
import { BadUserInputError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { RecordBuilder } from '../graph-records.js';
import { knownSince } from '../knowledge-time.js';
import { checkDate } from '../relationship-filter.js';
import type { RelationshipRecord, SourceDocument } from '../types.js';
import { linkLabel } from './evidence-items.js';
import { hypothesisMatrix, type HypothesisMatrixRecord } from './hypothesis-matrix.js';
import { pathBandChange, type ChosenPathQuestion, type PathBandRecord } from './path-band-change.js';

export type ChangeKind = 'APPEARED' | 'RETRACTED' | 'CONFIDENCE_CHANGED' | 'SOURCE_PUBLISHED' | 'RANKING_CHANGED' | 'PATH_BAND';

export interface ChangeRecord {
  kind: ChangeKind;
  date: string | null;
  subjectId: string;
  description: string;
  relationship: RelationshipRecord | null;
  source: SourceDocument | null;
  /** For PATH_BAND: the chosen path's band on both days. */
  pathBand?: PathBandRecord | null;
}

/** Link types whose arrival can move an incident's hypotheses. */
const bearsOnHypotheses = new Set(['ATTRIBUTED_TO', 'CLAIMED_BY', 'DENIED_BY', 'ABOUT', 'RESPONDS_TO']);

/** Most entity ids one question may name (a canvas's worth, as an export takes). */
export const changesLimits = { maxIds: 2_000 } as const;

/**
 * Changes between `from` (excluded) and `to` (included), for links touching `ids` (all links when null), and, for a
 * chosen path, what they did to its band.
 */
export async function findChanges(
  graph: Graph,
  from: string,
  to: string,
  ids: readonly string[] | null,
  path: ChosenPathQuestion | null = null,
): Promise<ChangeRecord[]> {
  checkDate(from, 'from');
  checkDate(to, 'to');
  if (from >= to) throw new BadUserInputError(`from (${from}) must come before to (${to}).`);
  if (ids && ids.length > changesLimits.maxIds)
    throw new BadUserInputError(`ids takes at most ${changesLimits.maxIds} entities, got ${ids.length}.`);
  const rows = await graph.read('analysis/find-link-knowledge', { ids: ids && ids.length > 0 ? [...ids] : null });
  const inRange = (day: string | null): day is string => day !== null && day > from && day <= to;
  const changes: ChangeRecord[] = [];
  const sourcesSeen = new Map<string, SourceDocument>();
  const incidents = new Set<string>();
  for (const row of rows) {
    const builder = new RecordBuilder(row.sources);
    builder.entity(row.fromEntity);
    builder.entity(row.toEntity);
    const relationship = builder.relationship(row.rel);
    const since = knownSince(relationship.sources, relationship.recordedAt);
    if (inRange(since)) {
      const first = relationship.sources.filter((source) => source.published === since).map((source) => source.title);
      changes.push({
        kind: 'APPEARED',
        date: since,
        subjectId: relationship.id,
        description: `+ ${linkLabel(relationship)}${first.length > 0 ? `, first reported by ${[...new Set(first)].join(', ')}` : ', recorded'}`,
        relationship,
        source: null,
      });
      const incident = [relationship.from, relationship.to].find((end) => end.kind === 'INCIDENT');
      if (incident && bearsOnHypotheses.has(relationship.type)) incidents.add(incident.id);
    }
    for (const source of relationship.sources) if (inRange(source.published)) sourcesSeen.set(source.id, source);
  }
  for (const source of sourcesSeen.values()) {
    changes.push({
      kind: 'SOURCE_PUBLISHED',
      date: source.published,
      subjectId: source.id,
      description: `+ source: ${source.title}${source.publisher ? ` (${source.publisher})` : ''}`,
      relationship: null,
      source,
    });
  }
  changes.push(...(await auditedChanges(graph, from, to, ids)));
  for (const id of ids ?? []) if (rows.some((row) => row.fromEntity.id === id && row.fromEntity.kind === 'INCIDENT')) incidents.add(id);
  for (const incident of [...incidents].sort()) {
    const ranking = await rankingChange(graph, incident, from, to);
    if (ranking) changes.push(ranking);
  }
  if (path) changes.push(await pathBandChange(graph, path, from, to));
  return changes.sort(
    (a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.kind.localeCompare(b.kind) || a.subjectId.localeCompare(b.subjectId),
  );
}

/** Retractions and confidence changes of links, from the audit history, recorded between the two days. */
async function auditedChanges(graph: Graph, from: string, to: string, ids: readonly string[] | null): Promise<ChangeRecord[]> {
  const changes: ChangeRecord[] = [];
  for (const { event } of await graph.read('analysis/find-audit-between', { from, to })) {
    const before = parseSnapshot(event.before);
    const after = parseSnapshot(event.after);
    const ends = [before?.from, before?.to, after?.from, after?.to];
    if (ids && ids.length > 0 && !ends.some((end) => typeof end === 'string' && ids.includes(end))) continue;
    const what = `${String(before?.type ?? after?.type ?? 'link')} ${String(before?.from ?? after?.from ?? '')} -> ${String(before?.to ?? after?.to ?? '')}`;
    if (event.action === 'RETRACT') {
      changes.push({
        kind: 'RETRACTED',
        date: event.at.slice(0, 10),
        subjectId: event.subjectId,
        description: `- retracted ${what}${event.reason ? `: ${event.reason}` : ''}`,
        relationship: null,
        source: null,
      });
    } else if (before?.confidence !== after?.confidence) {
      changes.push({
        kind: 'CONFIDENCE_CHANGED',
        date: event.at.slice(0, 10),
        subjectId: event.subjectId,
        description: `~ ${what}: confidence ${String(before?.confidence ?? 'not stated')} -> ${String(after?.confidence ?? 'not stated')}`,
        relationship: null,
        source: null,
      });
    }
  }
  return changes;
}

function parseSnapshot(json: string | null): Record<string, unknown> | null {
  try {
    return json ? (JSON.parse(json) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The incident's hypotheses on both days, when the leader or the order changed. */
async function rankingChange(graph: Graph, incidentId: string, from: string, to: string): Promise<ChangeRecord | null> {
  const [before, after] = await Promise.all([
    hypothesisMatrix(graph, incidentId, { knownAsOf: from, includeUndated: false }),
    hypothesisMatrix(graph, incidentId, { knownAsOf: to, includeUndated: false }),
  ]);
  const order = (matrix: HypothesisMatrixRecord) => matrix.hypotheses.map((hypothesis) => hypothesis.label).join(' > ');
  if (before.leading?.id === after.leading?.id && order(before) === order(after)) return null;
  const lead = (matrix: HypothesisMatrixRecord) => matrix.leading?.label ?? 'no hypothesis';
  const ranks = after.hypotheses.map((hypothesis) => {
    const earlier = before.hypotheses.find((candidate) => candidate.id === hypothesis.id);
    return `${hypothesis.label}: ${earlier ? `rank ${earlier.rank}` : 'not yet a hypothesis'} -> rank ${hypothesis.rank}`;
  });
  return {
    kind: 'RANKING_CHANGED',
    date: to,
    subjectId: incidentId,
    description: `${after.incident.name}: ${lead(before)} led on ${from}; ${lead(after)} leads on ${to} (${ranks.join('; ')}).`,
    relationship: null,
    source: null,
  };
}
