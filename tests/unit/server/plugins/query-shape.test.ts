import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, type ValidationRule } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildDocument, indexDocuments } from '../../../../client/src/api/documents.js';
import { loadConfig, projectRoot } from '../../../../server/config.js';
import { queryShapeProtection } from '../../../../server/plugins/query-shape.js';

const schema = buildSchema(fs.readFileSync(path.join(projectRoot, 'server', 'schema.graphql'), 'utf8'));
const operationsDir = path.join(projectRoot, 'client', 'src', 'api', 'operations');
const index = indexDocuments(fs.readdirSync(operationsDir).map((file) => fs.readFileSync(path.join(operationsDir, file), 'utf8')));
const limits = loadConfig({ DATA_DIR: '/tmp/ae-query-shape-test' }).limits;
const rules = queryShapeProtection(limits).validationRules as ValidationRule[];

describe('the shape limits at their defaults', () => {
  // The evidence panel once stayed empty: its query counted 13 levels for 10 levels of fields, because the
  // depth limit counted every fragment spread as a level.
  it.each([...index.operations.keys()])('let the client send %s', (name) => {
    const errors = validate(schema, parse(buildDocument(index, name)), rules);
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it('still refuse a query nested deeper than MAX_QUERY_DEPTH in fields, fragments or not', () => {
    let selection = 'id';
    for (let level = 0; level < limits.maxDepth; level += 1) selection = `... on Claim { author { ${selection} } }`;
    const errors = validate(schema, parse(`{ relationship(id: "r") { from { ${selection} } } }`), rules);
    expect(errors.map((error) => error.message).join('\n')).toMatch(/depth limit/i);
  });
});
