import { stringify } from 'csv-stringify/sync';
import { BadUserInputError } from '../../errors.js';
import type { HypothesisMatrixRecord } from '../analysis/hypothesis-matrix.js';
import { csvOptions } from './export-csv.js';
import type { ExportSubgraph } from './types.js';

/** A cell's rating as the file says it: the rating in force, and an analyst's override with its reason. */
function ratingText(cell: HypothesisMatrixRecord['cells'][number] | undefined): string {
  if (!cell) return 'NA';
  return cell.overriddenBy
    ? `${cell.rating} (rated by ${cell.overriddenBy}: ${cell.reason ?? ''}; proposed ${cell.proposed})`
    : cell.rating;
}

/**
 * One incident's matrix of competing hypotheses as Heuer lays it out: a row per evidence item (most diagnostic
 * first, with its weight and sources), a column per hypothesis (best first) holding the ratings, and a last row of
 * weighted inconsistency. Cells pass the same formula neutralisation as every CSV export.
 */
export function exportHypothesesCsv(subgraph: ExportSubgraph): string {
  const asked = new Set(subgraph.request.ids);
  const matrices = (subgraph.hypotheses ?? []).filter((matrix) => asked.has(matrix.incident.id));
  if (matrices.length !== 1) {
    throw new BadUserInputError(
      `HYPOTHESES_CSV writes the matrix of one incident: name exactly one incident with competing hypotheses among ids (found ${matrices.length}).`,
    );
  }
  const [matrix] = matrices;
  const hypotheses = [...matrix.hypotheses].sort((a, b) => a.rank - b.rank);
  const columns = hypotheses.map((hypothesis) => `${hypothesis.rank}. ${hypothesis.label}`);
  const cells = new Map(matrix.cells.map((cell) => [`${cell.hypothesis} ${cell.evidence}`, cell]));
  const rows = [...matrix.evidence]
    .sort((a, b) => b.diagnosticity - a.diagnosticity)
    .map((item) => ({
      incident: matrix.incident.name,
      evidence_id: item.id,
      evidence: item.label,
      diagnosticity: item.diagnosticity.toFixed(3),
      weight: item.weight.toFixed(3),
      sources: item.sources.map((source) => source.title).join(' | '),
      ...Object.fromEntries(hypotheses.map((hypothesis, index) => [columns[index], ratingText(cells.get(`${hypothesis.id} ${item.id}`))])),
    }));
  const total = {
    incident: matrix.incident.name,
    evidence_id: '',
    evidence: 'Weighted inconsistency (Heuer ranks by the least)',
    diagnosticity: '',
    weight: '',
    sources: '',
    ...Object.fromEntries(hypotheses.map((hypothesis, index) => [columns[index], hypothesis.inconsistency.toFixed(3)])),
  };
  return stringify([...rows, total], {
    ...csvOptions,
    columns: ['incident', 'evidence_id', 'evidence', 'diagnosticity', 'weight', 'sources', ...columns],
  });
}
