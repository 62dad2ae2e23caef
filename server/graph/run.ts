import neo4j, { Neo4jError, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { AppError, BadUserInputError, GraphUnavailableError, QueryTooExpensiveError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CypherCatalog } from './cypher.js';
import { recordToObject, toParams } from './records.js';
import type { ParamsOf, RowOf, SlotsArgument, StatementName } from './statements.js';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** A transaction handed to domain code that runs several named statements in it. */
export interface Transaction {
  run<Name extends StatementName>(name: Name, params: ParamsOf<Name>, ...slots: SlotsArgument<Name>): Promise<RowOf<Name>[]>;
}

/** Several statements that must commit or fail together. */
export type WriteTransaction = Transaction;

/** Several reads that must see the same data (element ids from one read are used by the next). */
export type ReadTransaction = Transaction;

/** Neo4j's failures -> the app's error codes; the one place that knows Neo4j error codes. */
export function translateNeo4jError(error: unknown): Error {
  if (error instanceof AppError) return error;
  if (error instanceof Neo4jError) {
    const code = error.code ?? '';
    if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
      return new GraphUnavailableError();
    }
    if (
      code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
      code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'
    ) {
      return new QueryTooExpensiveError(
        'The query ran past the database transaction timeout; narrow it (fewer hops, a lower limit, more filters).',
      );
    }
    if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new BadUserInputError('The change conflicts with existing data (a unique id is already taken).');
    }
    if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || code === 'Neo.TransientError.General.OutOfMemoryError') {
      return new QueryTooExpensiveError(
        "The work is too large for one transaction within the database's memory limit (dbms.memory.transaction.total.max); nothing was written. Split the import, or give Neo4j more heap (NEO4J_HEAP).",
      );
    }
    if (code.startsWith('Neo.ClientError.Security.')) {
      return new GraphUnavailableError('The graph database refused our credentials; check NEO4J_USER and NEO4J_PASSWORD.');
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Named statements over a driver transaction: the catalog's text, the parameters made Neo4j values, and rows
 * of the statement's declared type (statements.ts) once records.ts has made them plain. The one place rows
 * get their type; the catalog test checks each statement's columns against its file. Each statement's name
 * and duration are logged at debug.
 */
export function namedStatements(tx: Pick<ManagedTransaction, 'run'>, catalog: CypherCatalog, logger: Logger): Transaction {
  return {
    async run(name, params, ...slots) {
      const started = performance.now();
      const result = await tx.run(catalog.text(name, slots[0] ?? undefined), toParams(params) as Params);
      const rows = result.records.map(recordToObject) as RowOf<typeof name>[];
      logger.debug({ statement: name, ms: Math.round((performance.now() - started) * 10) / 10, rows: rows.length }, 'cypher statement');
      return rows;
    },
  };
}

/**
 * The single executor: only this class opens sessions. Reads run in read transactions and writes in
 * write transactions, so a cluster (neo4j:// routing) sends each to the right member.
 */
export class Graph {
  /** Set when the database was found unreachable; until a quick ping succeeds, requests fail fast. */
  private unreachable = false;

  constructor(
    private readonly driver: Driver,
    private readonly catalog: CypherCatalog,
    private readonly logger: Logger,
    private readonly database?: string,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Runs a named read statement and returns its typed rows. */
  async read<Name extends StatementName>(name: Name, params: ParamsOf<Name>, ...slots: SlotsArgument<Name>): Promise<RowOf<Name>[]> {
    return this.withSession('READ', (session) =>
      session.executeRead((tx) => this.bind(tx).run(name, params, ...slots), { timeout: this.timeoutMs }),
    );
  }

  /** Runs several named reads in one read transaction (retried as a whole on a transient failure). */
  async readTransaction<T>(work: (tx: ReadTransaction) => Promise<T>): Promise<T> {
    return this.withSession('READ', (session) => session.executeRead((tx) => work(this.bind(tx)), { timeout: this.timeoutMs }));
  }

  /** Runs a named write statement in its own write transaction. */
  async write<Name extends StatementName>(name: Name, params: ParamsOf<Name>, ...slots: SlotsArgument<Name>): Promise<RowOf<Name>[]> {
    return this.withSession('WRITE', (session) =>
      session.executeWrite((tx) => this.bind(tx).run(name, params, ...slots), { timeout: this.timeoutMs }),
    );
  }

  /**
   * Runs several named statements in one write transaction: all commit, or none. `retry: false` for long
   * bulk work (imports): the driver would otherwise run all of it again after a transient failure such as
   * the transaction memory limit, which fails the same way after the same minutes.
   */
  async writeTransaction<T>(
    work: (tx: WriteTransaction) => Promise<T>,
    timeoutMs = this.timeoutMs,
    options: { retry?: boolean } = {},
  ): Promise<T> {
    if (options.retry === false) {
      return this.withSession('WRITE', async (session) => {
        const tx = session.beginTransaction({ timeout: timeoutMs });
        try {
          const result = await work(this.bind(tx));
          await tx.commit();
          return result;
        } finally {
          if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        }
      });
    }
    return this.withSession('WRITE', (session) => session.executeWrite((tx) => work(this.bind(tx)), { timeout: timeoutMs }));
  }

  /** Runs raw text, for schema statements and EXPLAIN checks; not for user-supplied text. */
  async runText(text: string, mode: 'READ' | 'WRITE', params: Params = {}): Promise<Row[]> {
    return this.withSession(mode, async (session) => {
      const result = await session.run(text, toParams(params) as Params, { timeout: this.timeoutMs });
      return result.records.map(recordToObject);
    });
  }

  /** True when the database answers within `timeoutMs`. */
  async ping(timeoutMs = 1_500): Promise<boolean> {
    const attempt = this.driver.verifyConnectivity({ database: this.database }).then(
      () => true,
      () => false,
    );
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    const up = await Promise.race([attempt, timeout]);
    this.unreachable = !up;
    return up;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /** A driver transaction as the domain sees one: named statements from the catalog. */
  private bind(tx: Pick<ManagedTransaction, 'run'>): Transaction {
    return namedStatements(tx, this.catalog, this.logger);
  }

  private async withSession<T>(mode: 'READ' | 'WRITE', work: (session: ReturnType<Driver['session']>) => Promise<T>): Promise<T> {
    // Once the database is known to be away, answer at once instead of waiting out the driver's retries.
    if (this.unreachable && !(await this.ping(500))) throw new GraphUnavailableError();
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return await work(session);
    } catch (error) {
      const translated = translateNeo4jError(error);
      if (translated instanceof GraphUnavailableError) this.unreachable = true;
      if (!(translated instanceof AppError)) this.logger.error({ err: error }, 'graph query failed');
      throw translated;
    } finally {
      await session.close();
    }
  }
}
