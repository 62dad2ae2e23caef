import type { Types } from '@graphql-codegen/plugin-helpers';
import { entityKinds, kindDefinitions } from './shared/vocabulary.js';

/** One generated file: which plugins write it, with what settings (run by scripts/codegen.ts). */
export interface CodegenTarget {
  filename: string;
  plugins: ('typescript' | 'typescript-resolvers' | 'typescript-operations')[];
  config: Types.PluginConfig;
}

// Types for server resolvers and client operations come from the one schema, server/schema.graphql.
export const schemaFile = 'server/schema.graphql';
export const documentsFolder = 'client/src';

export const targets: CodegenTarget[] = [
  {
    filename: 'server/generated/graphql.ts',
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      useTypeImports: true,
      contextType: '../context.js#RequestContext',
      scalars: { Date: 'string', JSON: 'unknown' },
      enumsAsTypes: true,
      mappers: {
        Entity: '../domain/types.js#EntityRecord',
        // Every kind's GraphQL type is an entity record.
        ...Object.fromEntries(entityKinds.map((kind) => [kindDefinitions[kind].typeName, '../domain/types.js#EntityRecord'])),
        Relationship: '../domain/types.js#RelationshipRecord',
        Subgraph: '../domain/types.js#SubgraphRecord',
        Path: '../domain/types.js#PathRecord',
        Source: '../domain/types.js#SourceRecord',
        Hypothesis: '../domain/analysis/hypothesis-matrix.js#HypothesisRecord',
        EvidenceItem: '../domain/analysis/hypothesis-matrix.js#EvidenceItemRecord',
        MatrixCell: '../domain/analysis/hypothesis-matrix.js#MatrixCellRecord',
        SensitivityResult: '../domain/analysis/hypothesis-matrix.js#SensitivityRecord',
        HypothesisMatrix: '../domain/analysis/hypothesis-matrix.js#HypothesisMatrixRecord',
        Change: '../domain/analysis/find-changes.js#ChangeRecord',
        Note: '../domain/notes/notes.js#NoteRecord',
        GraphSummary: '../domain/summarize-graph.js#GraphSummaryRecord',
        NeighbourPage: '../domain/neighbour-groups.js#NeighbourPageRecord',
        View: '../domain/views.js#ViewRecord',
        PathStep: '../domain/types.js#PathStepRecord',
        Marking: '../domain/stix-info.js#MarkingRecord',
        StixInfo: '../domain/stix-info.js#StixInfoRecord',
      },
    },
  },
  {
    filename: 'client/src/gql/graphql.ts',
    plugins: ['typescript-operations'],
    config: { useTypeImports: true, enumsAsTypes: true, scalars: { Date: 'string', JSON: 'unknown' } },
  },
];
