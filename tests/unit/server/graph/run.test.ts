import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { AppError, BadUserInputError, GraphUnavailableError, QueryTooExpensiveError } from '../../../../server/errors.js';
import { CypherCatalog } from '../../../../server/graph/cypher.js';
import { namedStatements, translateNeo4jError } from '../../../../server/graph/run.js';
import { testLogger } from '../../../support/graph.js';

const neo4jError = (code: string) => new Neo4jError('raw database message', code, 'N/A', 'N/A');

describe('translateNeo4jError', () => {
  it('turns the transaction memory limit into a clear, non-retryable answer that says nothing was written', () => {
    const translated = translateNeo4jError(neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError'));
    expect(translated).toBeInstanceOf(QueryTooExpensiveError);
    expect(translated.message).toMatch(/nothing was written/);
    expect(translated.message).toMatch(/NEO4J_HEAP/);
    expect(translated.message).not.toMatch(/raw database message/);
  });

  it('maps timeouts, constraint conflicts and unavailability, and passes other errors through', () => {
    expect(translateNeo4jError(neo4jError('Neo.ClientError.Transaction.TransactionTimedOut'))).toBeInstanceOf(QueryTooExpensiveError);
    expect(translateNeo4jError(neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed'))).toBeInstanceOf(BadUserInputError);
    expect(translateNeo4jError(neo4jError('ServiceUnavailable'))).toBeInstanceOf(GraphUnavailableError);
    const other = neo4jError('Neo.ClientError.Statement.SyntaxError');
    expect(translateNeo4jError(other)).toBe(other);
  });

  it('tells an edit that kept deadlocking to try again, without marking the database away', () => {
    const translated = translateNeo4jError(neo4jError('Neo.TransientError.Transaction.DeadlockDetected'));
    expect(translated).toBeInstanceOf(AppError);
    expect((translated as AppError).code).toBe('GRAPH_UNAVAILABLE');
    // A GraphUnavailableError would make the graph fail every request fast until a ping answered.
    expect(translated).not.toBeInstanceOf(GraphUnavailableError);
    expect(translated.message).toMatch(/nothing was written/);
  });
});

describe('the transaction memory limit, by what ran out of it (finding 8)', () => {
  it('a read is told to narrow the query, not to split an import', () => {
    const translated = translateNeo4jError(neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError'), 'READ');
    expect(translated).toBeInstanceOf(QueryTooExpensiveError);
    expect(translated.message).toMatch(/The query needs more memory/);
    expect(translated.message).toMatch(/lower depth or limit/);
    expect(translated.message).not.toMatch(/import|written/);
  });
});

describe('namedStatements', () => {
  it("starts each query without the driver's caller stack capture, and restores the limit for everything else", async () => {
    const before = Error.stackTraceLimit;
    const seen: { limit: number; stack: string | undefined }[] = [];
    const tx = {
      run: (text: string) => {
        seen.push({ limit: Error.stackTraceLimit, stack: new Error('').stack });
        return Promise.resolve({ records: [], text }) as never;
      },
    };
    await namedStatements(tx, new CypherCatalog(), testLogger).run('admin/ping', {});
    expect(seen).toEqual([{ limit: 0, stack: 'Error: ' }]); // no frames to format
    expect(Error.stackTraceLimit).toBe(before);
    await expect(
      namedStatements(
        {
          run: () => {
            throw new Error('refused');
          },
        },
        new CypherCatalog(),
        testLogger,
      ).run('admin/ping', {}),
    ).rejects.toThrow('refused');
    expect(Error.stackTraceLimit).toBe(before);
  });
});
