/**
 * The competing-hypotheses matrices an export carries (the HYPOTHESES_CSV format, and a section of the Markdown and
 * HTML reports): one per incident the export holds, built as the API builds it, as known on the filter's knownAsOf
 * day, and without anything the export's TLP ceiling withholds, so a matrix never shows or leans on what the rest
 * of the file may not carry.
 */
import { isAboveTlp } from '../../../shared/markings.js';
import type { Graph } from '../../graph/run.js';
import { hypothesisMatrix, type HypothesisMatrixRecord, type Withheld } from '../analysis/hypothesis-matrix.js';
import { tlpOfElement } from './markings.js';
import type { ExportSubgraph } from './types.js';

/** At most this many matrices in one file: each is a handful of reads and a sensitivity analysis. */
export const matrixLimits = { maxIncidents: 10 } as const;

/** The matrices of the export's incidents (those asked for by id first), leaving out incidents with no hypothesis. */
export async function incidentMatrices(graph: Graph, subgraph: ExportSubgraph): Promise<HypothesisMatrixRecord[]> {
  const asked = new Set(subgraph.request.ids);
  const incidents = subgraph.entities
    .filter((entity) => entity.kind === 'INCIDENT')
    .sort((a, b) => Number(asked.has(b.id)) - Number(asked.has(a.id)) || a.id.localeCompare(b.id))
    .slice(0, matrixLimits.maxIncidents);
  const ceiling = subgraph.request.tlpCeiling;
  const withheld: Withheld = ceiling ? (element) => isAboveTlp(tlpOfElement(element), ceiling) : () => false;
  const knownAsOf = subgraph.request.filter?.knownAsOf ?? null;
  const clock = knownAsOf ? { knownAsOf, includeUndated: subgraph.request.filter?.includeUndated ?? false } : null;
  const matrices: HypothesisMatrixRecord[] = [];
  for (const incident of incidents) {
    const matrix = await hypothesisMatrix(graph, incident.id, clock, withheld);
    if (matrix.hypotheses.length > 0) matrices.push(matrix);
  }
  return matrices;
}

/** A matrix as a report prints it: hypotheses best first as columns, evidence most diagnostic first as rows. */
export interface MatrixTable {
  incident: string;
  summary: string;
  sensitivity: string[];
  knownAsOf: string | null;
  columns: string[];
  rows: { evidence: string; ratings: string[] }[];
  inconsistency: string[];
}

export function matrixTable(matrix: HypothesisMatrixRecord): MatrixTable {
  const hypotheses = [...matrix.hypotheses].sort((a, b) => a.rank - b.rank);
  const cells = new Map(matrix.cells.map((cell) => [`${cell.hypothesis} ${cell.evidence}`, cell]));
  return {
    incident: matrix.incident.name,
    summary: matrix.summary,
    sensitivity: matrix.sensitivity.map((finding) => finding.statement),
    knownAsOf: matrix.knownAsOf,
    columns: hypotheses.map((hypothesis) => `${hypothesis.rank}. ${hypothesis.label}`),
    rows: [...matrix.evidence]
      .sort((a, b) => b.diagnosticity - a.diagnosticity)
      .map((item) => ({
        evidence: item.label,
        ratings: hypotheses.map((hypothesis) => {
          const cell = cells.get(`${hypothesis.id} ${item.id}`);
          return cell ? `${cell.rating}${cell.overriddenBy ? '*' : ''}` : 'NA';
        }),
      })),
    inconsistency: hypotheses.map((hypothesis) => hypothesis.inconsistency.toFixed(2)),
  };
}
