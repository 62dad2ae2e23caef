import type { CodegenConfig } from '@graphql-codegen/cli';

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
        scalars: { Date: 'string' },
        enumsAsTypes: true,
        mappers: {
          Entity: '../domain/types.js#EntityRecord',
          ThreatActor: '../domain/types.js#EntityRecord',
          State: '../domain/types.js#EntityRecord',
          Organization: '../domain/types.js#EntityRecord',
          Person: '../domain/types.js#EntityRecord',
          Group: '../domain/types.js#EntityRecord',
          Location: '../domain/types.js#EntityRecord',
          Incident: '../domain/types.js#EntityRecord',
          Campaign: '../domain/types.js#EntityRecord',
          Malware: '../domain/types.js#EntityRecord',
          Tool: '../domain/types.js#EntityRecord',
          Vulnerability: '../domain/types.js#EntityRecord',
          Report: '../domain/types.js#EntityRecord',
          Claim: '../domain/types.js#EntityRecord',
          Denial: '../domain/types.js#EntityRecord',
          Sanction: '../domain/types.js#EntityRecord',
          DiplomaticAction: '../domain/types.js#EntityRecord',
          Relationship: '../domain/types.js#RelationshipRecord',
          Subgraph: '../domain/types.js#SubgraphRecord',
          Path: '../domain/types.js#PathRecord',
          Source: '../domain/types.js#Citation',
        },
      },
    },
    'client/src/gql/graphql.ts': {
      plugins: ['typescript-operations'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { Date: 'string' } },
    },
  },
};
export default config;
