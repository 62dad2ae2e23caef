import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildDocument, indexDocuments } from '../../../../../client/src/api/documents';

const root = join(import.meta.dirname, '../../../../..');
const operationsDir = join(root, 'client/src/api/operations');
const sources = readdirSync(operationsDir)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => readFileSync(join(operationsDir, f), 'utf8'));
const schema = buildSchema(readFileSync(join(root, 'server/schema.graphql'), 'utf8'));

describe('client GraphQL documents', () => {
  const index = indexDocuments(sources);

  it('indexes every operation and fragment', () => {
    expect([...index.operations.keys()]).toEqual(
      expect.arrayContaining([
        'SearchEntities',
        'Neighbourhood',
        'NeighbourCounts',
        'FindPaths',
        'EntityEvidence',
        'RelationshipEvidence',
        'GraphOverview',
        'PathEnds',
      ]),
    );
    expect(index.fragments.has('EntitySummary')).toBe(true);
  });

  it('assembles each operation with exactly the fragments it needs, valid against the server schema', () => {
    for (const name of index.operations.keys()) {
      const errors = validate(schema, parse(buildDocument(index, name)));
      expect(
        errors.map((e) => e.message),
        name,
      ).toEqual([]);
    }
  });

  it('includes fragments used through other fragments, once', () => {
    const text = buildDocument(index, 'Neighbourhood');
    expect(text).toContain('fragment SubgraphFields');
    expect(text).toContain('fragment EntitySummary');
    expect(text).toContain('fragment RelationshipSummary');
    expect(text).not.toContain('fragment SourceFields');
    expect(text.match(/fragment EntitySummary/g)).toHaveLength(1);
  });

  it('fails loudly on unknown names', () => {
    expect(() => buildDocument(index, 'Nope')).toThrow(/Unknown GraphQL operation/);
    expect(() => buildDocument(indexDocuments(['query Q { ...Missing }']), 'Q')).toThrow(/Unknown GraphQL fragment/);
  });
});
