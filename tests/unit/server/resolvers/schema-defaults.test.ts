import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { argumentsWithDefaults, queryArgumentDefault, withSchemaDefaults } from '../../../../server/resolvers/schema-defaults.js';

const schema = buildSchema(fs.readFileSync(path.join(import.meta.dirname, '../../../../server/schema.graphql'), 'utf8'));
const on = (type: 'Query' | 'Mutation', fieldName: string) => ({ parentType: schema.getType(type) as GraphQLObjectType, fieldName });

describe('schema defaults', () => {
  it('gives an explicit null the default the schema declares, as leaving it out does', () => {
    expect(argumentsWithDefaults({ from: 'a', to: 'b', maxHops: null, limit: 3, filter: null }, on('Query', 'paths'))).toEqual({
      from: 'a',
      to: 'b',
      maxHops: 4,
      limit: 3,
      filter: null,
    });
    expect(argumentsWithDefaults({ text: 'iran', limit: null }, on('Query', 'search'))).toEqual({ text: 'iran', limit: 20 });
  });

  it('fills defaults of input object fields too, and leaves what was given alone', () => {
    const input = { kind: 'DENIAL', relationshipId: 'r', author: 'a', confidence: null, sources: [] };
    expect(argumentsWithDefaults({ input }, on('Mutation', 'recordStatement')).input).toEqual({ ...input, confidence: 80 });
    const given = { input: { ...input, confidence: 55 } };
    expect(argumentsWithDefaults(given, on('Mutation', 'recordStatement'))).toBe(given);
  });

  it('wraps every resolver of a root type', async () => {
    const resolvers = { paths: (_parent: unknown, args: { maxHops: number | null }, _context: unknown, _info: unknown) => args.maxHops };
    const wrapped = withSchemaDefaults(resolvers);
    expect(await wrapped.paths(null, { maxHops: null }, {}, on('Query', 'paths'))).toBe(4);
  });

  it('reads the defaults a client is told about from the schema', () => {
    expect(queryArgumentDefault(schema, 'paths', 'maxHops')).toBe(4);
    expect(queryArgumentDefault(schema, 'paths', 'limit')).toBe(5);
    expect(() => queryArgumentDefault(schema, 'paths', 'from')).toThrow(/no whole-number default/);
  });
});
