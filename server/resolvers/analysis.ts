import { forEditors } from './mutation.js';
import { addHypothesis, rateCell } from '../domain/analysis/analyst-input.js';
import { findChanges } from '../domain/analysis/find-changes.js';
import { hypothesisMatrix } from '../domain/analysis/hypothesis-matrix.js';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../generated/graphql.js';

export const analysisQueryResolvers: Pick<QueryResolvers, 'hypothesisMatrix' | 'changes'> = {
  changes: (_parent, { from, to, ids, path }, { graph, heavy }) =>
    heavy(() =>
      findChanges(
        graph,
        from,
        to,
        ids ?? null,
        path ? { relationships: path.relationships, profile: path.profile ?? 'ATTRIBUTION' } : null,
      ),
    ),
  hypothesisMatrix: (_parent, { incident, knownAsOf, includeUndated }, { graph, heavy }) =>
    heavy(() => hypothesisMatrix(graph, incident, knownAsOf ? { knownAsOf, includeUndated: includeUndated ?? false } : null)),
};

export const analysisMutationResolvers: Pick<MutationResolvers, 'addHypothesis' | 'rateCell'> = {
  addHypothesis: forEditors(({ incident, label, reason }, { graph }, editor) =>
    addHypothesis(graph, incident, label, reason ?? null, editor),
  ),
  rateCell: forEditors(({ incident, hypothesis, evidence, rating, reason }, { graph }, editor) =>
    rateCell(graph, { incidentId: incident, hypothesisId: hypothesis, evidenceId: evidence, rating, reason }, editor),
  ),
};

export const analysisTypeResolvers: Pick<Resolvers, 'SensitivityResult'> = {
  SensitivityResult: { removed: (finding) => finding.id },
};
