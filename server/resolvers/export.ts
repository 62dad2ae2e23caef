import { parseExportFormat } from '../domain/export/index.js';
import type { QueryResolvers } from '../generated/graphql.js';

/** Query.export: the arguments are checked by the export pipeline, which owns the limits. */
export const exportResolvers: { Query: Pick<QueryResolvers, 'export'> } = {
  Query: {
    export: (_parent, { ids, format, depth, filter, tlpCeiling }, { graph, heavy, exportFile }) =>
      heavy(() => exportFile(graph, { ids, format: parseExportFormat(format), depth, filter, tlpCeiling: tlpCeiling ?? null })),
  },
};
