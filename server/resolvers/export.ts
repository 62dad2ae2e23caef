import { parseExportFormat } from '../domain/export/index.js';
import type { QueryResolvers } from '../generated/graphql.js';

/** Query.export: the arguments are checked by the export pipeline, which owns the limits. */
export const exportResolvers: { Query: Pick<QueryResolvers, 'export'> } = {
  Query: {
    export: (_parent, { ids, view, format, depth, filter, picture, tlpCeiling }, { graph, heavy, exportFile }) =>
      heavy(() =>
        exportFile(graph, {
          ids,
          view,
          format: parseExportFormat(format),
          depth,
          filter,
          picture: picture && { ...picture, theme: picture.theme === 'DARK' ? 'dark' : 'light' },
          tlpCeiling: tlpCeiling ?? null,
        }),
      ),
  },
};
