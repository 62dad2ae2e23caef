import { requireEditor } from '../auth.js';
import { findHistory } from '../domain/audit.js';
import { assertRelationship, retractRelationship } from '../domain/edit/assert-relationship.js';
import { recordStatement } from '../domain/edit/record-statement.js';
import { upsertEntity } from '../domain/edit/upsert-entity.js';
import { updateSource } from '../domain/sources/update-source.js';
import { toUserError } from '../domain/edit/user-errors.js';
import { ImportValidationError } from '../domain/import/document.js';
import { importContent, type ImportFormatName } from '../domain/import/run-import.js';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql.js';

export const mutationResolvers: MutationResolvers = {
  upsertEntity: (_parent, { input }, { graph, viewer }) => {
    requireEditor(viewer);
    return upsertEntity(graph, input, viewer.name);
  },
  assertRelationship: (_parent, { input }, { graph, viewer }) => {
    requireEditor(viewer);
    return assertRelationship(graph, input, viewer.name);
  },
  recordStatement: (_parent, { input }, { graph, viewer }) => {
    requireEditor(viewer);
    return recordStatement(graph, { ...input, confidence: input.confidence ?? undefined }, viewer.name);
  },
  updateSource: (_parent, { input, reason }, { graph, viewer }) => {
    requireEditor(viewer);
    return updateSource(graph, input, viewer.name, reason ?? null);
  },
  retractRelationship: (_parent, { id, reason }, { graph, viewer }) => {
    requireEditor(viewer);
    return retractRelationship(graph, id, reason, viewer.name);
  },
  importData: async (_parent, { format, content, dryRun }, { graph, viewer }) => {
    requireEditor(viewer);
    try {
      return await importContent(graph, format as ImportFormatName, content, {
        dryRun: dryRun ?? false,
        audit: { actor: viewer.name, perElement: false },
      });
    } catch (error) {
      throw error instanceof ImportValidationError ? toUserError(error) : error;
    }
  },
};

export const auditQueryResolvers: Pick<QueryResolvers, 'history' | 'viewer'> = {
  history: (_parent, { subjectId, limit }, { graph }) => findHistory(graph, subjectId, limit ?? 100),
  viewer: (_parent, _args, { viewer }) => ({ role: viewer.role }),
};
