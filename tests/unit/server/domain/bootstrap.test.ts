import { describe, expect, it } from 'vitest';
import { createdSchemaName } from '../../../../server/domain/bootstrap.js';
import { CypherCatalog } from '../../../../server/graph/cypher.js';

describe('createdSchemaName', () => {
  it('names what every CREATE statement of the schema makes, so applying the schema can skip what exists', () => {
    const statements = new CypherCatalog().statementsOf('schema/constraints');
    const named = statements.filter((statement) => /^\s*CREATE\b/i.test(statement));
    expect(named.length).toBeGreaterThan(60);
    for (const statement of named) expect(createdSchemaName(statement), statement.slice(0, 60)).toMatch(/^[a-z_]+$/);
    // Every other statement (waiting for the indexes) always runs.
    expect(statements.filter((statement) => createdSchemaName(statement) === null)).toEqual(['CALL db.awaitIndexes(60)']);
  });

  it('reads the name of each kind of index and constraint, and nothing from other text', () => {
    expect(createdSchemaName('CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE')).toBe('entity_id');
    expect(createdSchemaName('CREATE TEXT INDEX entity_name_text IF NOT EXISTS FOR (e:Entity) ON (e.nameLower)')).toBe('entity_name_text');
    expect(createdSchemaName('CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (e:Entity) ON EACH [e.name]')).toBe('entity_text');
    expect(createdSchemaName('CREATE INDEX entity_kind FOR (e:Entity) ON (e.kind)')).toBeNull();
    expect(createdSchemaName('MATCH (n) RETURN n')).toBeNull();
  });
});
