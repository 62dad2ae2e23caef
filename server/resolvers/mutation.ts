import { requireEditor } from '../auth.js';
import { findHistory } from '../domain/audit.js';
import { assertRelationship, retractRelationship } from '../domain/edit/assert-relationship.js';
import { recordStatement } from '../domain/edit/record-statement.js';
import { upsertEntity } from '../domain/edit/upsert-entity.js';
import { updateSource } from '../domain/sources/update-source.js';
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
  importData: forEditors(async ({ format, content, dryRun, onMissingReference }, { graph }, editor) => {
    try {
      return await importContent(graph, format, content, { dryRun, onMissingReference, audit: { actor: editor, perElement: false } });
    } catch (error) {
      throw error instanceof ImportValidationError ? toUserError(error) : error;
    }
  }),
};

export const auditQueryResolvers: Pick<QueryResolvers, 'history' | 'viewer'> = {
  history: (_parent, { subjectId, limit }, { graph }) => findHistory(graph, subjectId, limit),
  viewer: (_parent, _args, { viewer }) => ({ role: viewer.role }),
};
