import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { HypothesisMatrixRecord } from '../../../../../server/domain/analysis/hypothesis-matrix.js';
import { exportHypothesesCsv } from '../../../../../server/domain/export/export-hypotheses-csv.js';
import type { ExportSubgraph } from '../../../../../server/domain/export/types.js';
import type { Citation } from '../../../../../server/domain/types.js';
import { entityRecord } from '../../../../support/records.js';

const source = { id: 's1', title: '@SUM(A1:A9) leaks', derivedFrom: [] } as unknown as Citation;

// Names from imported data that a spreadsheet would run: an incident, an evidence item, a source title, a reason.
const matrix: HypothesisMatrixRecord = {
  incident: entityRecord({ id: 'inc', kind: 'INCIDENT', name: '=cmd|"/C calc"!A0' }),
  knownAsOf: null,
  hypotheses: [
    { id: 'h1', label: 'Crew', actors: [], inconsistency: 0, consistency: 1, rank: 1, addedBy: null },
    { id: 'h2', label: 'State', actors: [], inconsistency: 0.72, consistency: 0, rank: 2, addedBy: null },
  ],
  evidence: [{ id: 'ev:1', label: '+claim by crew', kind: null, relationship: null, sources: [source], weight: 0.72, diagnosticity: 0.5 }],
  cells: [
    { hypothesis: 'h1', evidence: 'ev:1', rating: 'C', proposed: 'C', rule: 'r', overriddenBy: null, reason: null },
    { hypothesis: 'h2', evidence: 'ev:1', rating: 'I', proposed: 'N', rule: 'r', overriddenBy: 'ana', reason: '-not them' },
  ],
  leading: null,
  sensitivity: [],
  summary: '',
};
const subgraph = { request: { ids: ['inc'] }, hypotheses: [matrix] } as unknown as ExportSubgraph;

describe('the hypotheses CSV', () => {
  it('lays the matrix out as Heuer does, with formula-like cells neutralised', () => {
    const csv = exportHypothesesCsv(subgraph);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        incident: `'=cmd|"/C calc"!A0`,
        evidence_id: 'ev:1',
        evidence: "'+claim by crew",
        diagnosticity: '0.500',
        weight: '0.720',
        sources: "'@SUM(A1:A9) leaks",
        '1. Crew': 'C',
        '2. State': 'I (rated by ana: -not them; proposed N)',
      },
      {
        incident: `'=cmd|"/C calc"!A0`,
        evidence_id: '',
        evidence: 'Weighted inconsistency (Heuer ranks by the least)',
        diagnosticity: '',
        weight: '',
        sources: '',
        '1. Crew': '0.000',
        '2. State': '0.720',
      },
    ]);
  });

  it('asks for exactly one incident', () => {
    expect(() => exportHypothesesCsv({ ...subgraph, request: { ...subgraph.request, ids: ['other'] } })).toThrow(/exactly one incident/);
  });
});
