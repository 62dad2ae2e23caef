import type { CodegenConfig } from '@graphql-codegen/cli';
import { entityKinds, kindDefinitions } from './shared/vocabulary.js';

// Types for server resolvers and client operations come from the one schema, server/schema.graphql.
const config: CodegenConfig = {
  schema: 'server/schema.graphql',
  documents: ['client/src/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'server/generated/graphql.ts': {
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
          Source: '../domain/types.js#Citation',
          GraphSummary: '../domain/summarize-graph.js#GraphSummaryRecord',
          NeighbourPage: '../domain/neighbour-groups.js#NeighbourPageRecord',
          View: '../domain/views.js#ViewRecord',
        },
      },
    },
    'client/src/gql/graphql.ts': {
      plugins: ['typescript-operations'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { Date: 'string', JSON: 'unknown' } },
    },
  },
};
export default config;
