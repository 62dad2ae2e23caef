import { requireEditor } from '../auth.js';
import { findHistory } from '../domain/audit.js';
import { assertRelationship, retractRelationship } from '../domain/edit/assert-relationship.js';
import { recordStatement } from '../domain/edit/record-statement.js';
import { upsertEntity } from '../domain/edit/upsert-entity.js';
import { updateSource } from '../domain/sources/update-source.js';
import { rejectDuplicate, findDuplicateCandidates } from '../domain/duplicates/find-candidates.js';
import { deleteEntity, mergeEntities } from '../domain/merge/merge-entities.js';
import { restoreEntity, unmergeEntities } from '../domain/merge/unmerge-entities.js';
import { toUserError } from '../domain/edit/user-errors.js';
import { ImportValidationError } from '../domain/import/document.js';
import { importContent } from '../domain/import/run-import.js';
import type { RequestContext } from '../context.js';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql.js';

/**
 * Every mutation is for editors: the role is checked here, once, before any argument reaches the domain, and
 * the editor's name goes to the audit history.
 */
export function forEditors<Args, Result>(change: (args: Args, context: RequestContext, editor: string) => Result) {
  return (_parent: unknown, args: Args, context: RequestContext): Result => {
    requireEditor(context.viewer);
    return change(args, context, context.viewer.name);
  };
}

export const mutationResolvers: MutationResolvers = {
  upsertEntity: forEditors(({ input }, { graph }, editor) => upsertEntity(graph, input, editor)),
  assertRelationship: forEditors(({ input }, { graph }, editor) => assertRelationship(graph, input, editor)),
  // The schema's default (StatementInput.confidence = 80) is filled in by withSchemaDefaults.
  recordStatement: forEditors(({ input }, { graph }, editor) =>
    recordStatement(graph, { ...input, confidence: input.confidence! }, editor),
  ),
  updateSource: forEditors(({ input, reason }, { graph }, editor) => updateSource(graph, input, editor, reason ?? null)),
  retractRelationship: forEditors(({ id, reason }, { graph }, editor) => retractRelationship(graph, id, reason, editor)),
  rejectDuplicate: forEditors(({ a, b, reason }, { graph }, editor) => rejectDuplicate(graph, a, b, reason ?? null, editor)),
  mergeEntities: forEditors(({ keep, merge, reason }, { graph }, editor) => mergeEntities(graph, keep, merge, reason, editor)),
  unmergeEntities: forEditors(({ mergeId, reason }, { graph }, editor) => unmergeEntities(graph, mergeId, reason, editor)),
  deleteEntity: forEditors(({ id, reason }, { graph }, editor) => deleteEntity(graph, id, reason, editor)),
  restoreEntity: forEditors(({ deletionId, reason }, { graph }, editor) => restoreEntity(graph, deletionId, reason, editor)),
  importData: forEditors(async ({ format, content, dryRun, onMissingReference, matching }, { graph }, editor) => {
    try {
      return await importContent(graph, format, content, {
        dryRun,
        onMissingReference,
        matching,
        keepCuration: true,
        audit: { actor: editor, perElement: false },
      });
    } catch (error) {
      throw error instanceof ImportValidationError ? toUserError(error) : error;
    }
  }),
};

export const auditQueryResolvers: Pick<QueryResolvers, 'history' | 'viewer' | 'duplicateCandidates'> = {
  duplicateCandidates: (_parent, { ids, minScore, limit }, { graph, heavy }) =>
    heavy(() => findDuplicateCandidates(graph, ids, minScore, limit)),
  history: (_parent, { subjectId, limit }, { graph }) => findHistory(graph, subjectId, limit),
  viewer: (_parent, _args, { viewer }) => ({ role: viewer.role }),
};
