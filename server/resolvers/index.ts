import { GraphQLScalarType, Kind } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { isCalendarDate } from '../../shared/calendar-date.js';
import { BadUserInputError } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { analysisMutationResolvers, analysisQueryResolvers, analysisTypeResolvers } from './analysis.js';
import { entityResolvers } from './entities.js';
import { exportResolvers } from './export.js';
import { auditQueryResolvers, mutationResolvers } from './mutation.js';
import { notesMutationResolvers, notesQueryResolvers, withNotes } from './notes.js';
import { queryResolvers } from './query.js';
import { sourceResolvers } from './sources.js';
import { withSchemaDefaults } from './schema-defaults.js';
import { viewResolvers } from './views.js';

function parseDate(value: unknown): string {
  // Date.parse would accept 2023-02-30 (it rolls over) and 0001-01-00 (read as 2000), which Neo4j refuses.
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new BadUserInputError(`A Date must be written YYYY-MM-DD, got ${JSON.stringify(value)}.`);
  }
  return value;
}

const dateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => String(value).slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const resolvers: Resolvers = withNotes({
  Date: dateScalar,
  JSON: JSONResolver,
  Query: withSchemaDefaults({
    ...queryResolvers,
    ...auditQueryResolvers,
    ...exportResolvers.Query,
    ...viewResolvers.Query,
    ...analysisQueryResolvers,
    ...notesQueryResolvers,
  }),
  Mutation: withSchemaDefaults({
    ...mutationResolvers,
    ...viewResolvers.Mutation,
    ...analysisMutationResolvers,
    ...notesMutationResolvers,
  }),
  View: viewResolvers.View,
  ...analysisTypeResolvers,
  ...entityResolvers,
  ...sourceResolvers,
});
