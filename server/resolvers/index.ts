import { GraphQLScalarType, Kind } from 'graphql';
import { BadUserInputError } from '../errors.js';
import type { Resolvers } from '../generated/graphql.js';
import { entityResolvers } from './entities.js';
import { exportResolvers } from './export.js';
import { auditQueryResolvers, mutationResolvers } from './mutation.js';
import { queryResolvers } from './query.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isoDate.test(value) || Number.isNaN(Date.parse(value))) {
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

export const resolvers: Resolvers = {
  Date: dateScalar,
  Query: { ...queryResolvers, ...auditQueryResolvers, ...exportResolvers.Query },
  Mutation: mutationResolvers,
  ...entityResolvers,
};
