/**
 * What an analyst adds to an incident's matrix: hypotheses of their own ("independent hacktivists", "false
 * flag") and ratings that override a proposed cell, always with a reason. Each change is written with its audit
 * event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { recordAuditEvents, snapshot } from '../audit.js';
import { findEntity } from '../find-entity.js';
import { consistencyRatings, type Rating } from './evidence-items.js';
import { hypothesisMatrix, type HypothesisRecord, type MatrixCellRecord } from './hypothesis-matrix.js';

/** Longest hypothesis label and reason accepted. */
export const analystInputLimits = { maxLabel: 200, maxReason: 2_000 } as const;

function requiredText(value: string, argument: string, max: number): string {
  const text = value.trim();
  if (!text) throw new BadUserInputError(`${argument} must not be empty.`);
  if (text.length > max) throw new BadUserInputError(`${argument} takes at most ${max} characters.`);
  return text;
}

/** Adds an analyst's hypothesis to an incident's matrix. */
export async function addHypothesis(
  graph: Graph,
  incidentId: string,
  label: string,
  reason: string | null,
  author: string,
): Promise<HypothesisRecord> {
  const incident = await findEntity(graph, incidentId);
  if (!incident || incident.kind !== 'INCIDENT') throw new NotFoundError(`No incident with id "${incidentId}".`);
  const hypothesis = {
    id: `${incidentId}:hypothesis:analyst-${randomUUID()}`,
    incidentId,
    label: requiredText(label, 'label', analystInputLimits.maxLabel),
    author,
    createdAt: new Date().toISOString(),
    reason: reason?.trim() ? requiredText(reason, 'reason', analystInputLimits.maxReason) : null,
  };
  await graph.writeTransaction(async (tx) => {
    await tx.run('analysis/create-hypothesis', { hypothesis });
    await recordAuditEvents(tx, [
      {
        actor: author,
        action: 'CREATE',
        subjectId: hypothesis.id,
        subjectType: 'HYPOTHESIS',
        reason: hypothesis.reason,
        before: null,
        after: snapshot(hypothesis),
      },
    ]);
  });
  return { id: hypothesis.id, label: hypothesis.label, actors: [], inconsistency: 0, consistency: 0, rank: 0, addedBy: author };
}

/**
 * Overrides the proposed rating of one cell, with a reason. The cell must be in the incident's matrix as it
 * stands (all knowledge), so a rating never points at a hypothesis or item that does not exist.
 */
export async function rateCell(
  graph: Graph,
  cell: { incidentId: string; hypothesisId: string; evidenceId: string; rating: Rating; reason: string },
  author: string,
): Promise<MatrixCellRecord> {
  if (!consistencyRatings.includes(cell.rating)) throw new BadUserInputError(`rating takes ${consistencyRatings.join(', ')}.`);
  const reason = requiredText(cell.reason, 'reason', analystInputLimits.maxReason);
  const matrix = await hypothesisMatrix(graph, cell.incidentId, null);
  const current = matrix.cells.find((candidate) => candidate.hypothesis === cell.hypothesisId && candidate.evidence === cell.evidenceId);
  if (!current) {
    throw new NotFoundError(
      `The matrix of "${cell.incidentId}" has no cell for hypothesis "${cell.hypothesisId}" and evidence "${cell.evidenceId}".`,
    );
  }
  const rating = {
    id: `${cell.incidentId}:cell:${cell.hypothesisId}|${cell.evidenceId}`,
    incidentId: cell.incidentId,
    hypothesisId: cell.hypothesisId,
    evidenceId: cell.evidenceId,
    rating: cell.rating,
    reason,
    author,
    at: new Date().toISOString(),
  };
  await graph.writeTransaction(async (tx) => {
    const [row] = await tx.run('analysis/set-cell-rating', { rating });
    await recordAuditEvents(tx, [
      {
        actor: author,
        action: row?.before ? 'UPDATE' : 'CREATE',
        subjectId: rating.id,
        subjectType: 'CELL_RATING',
        reason,
        before: snapshot(row?.before ?? { ...current, rating: current.proposed }),
        after: snapshot(rating),
      },
    ]);
  });
  return { ...current, rating: cell.rating, overriddenBy: author, reason };
}
