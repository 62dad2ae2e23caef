import neo4j, { Neo4jError, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { AppError, BadUserInputError, ErrorCode, GraphUnavailableError, QueryTooExpensiveError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CypherCatalog } from './cypher.js';
import { targetOf, type DriverTarget } from './driver.js';
import { recordToObject, toParams } from './records.js';
import type { ParamsOf, RowOf, SlotsArgument, StatementName } from './statements.js';

export type Row = Record<string, unknown>;

/** What a worker thread needs to open its own connection to the database a Graph reads (see workerConnection). */
export interface WorkerConnection extends DriverTarget {
  database?: string;
  timeoutMs: number;
}
export type Params = Record<string, unknown>;

/** A transaction handed to domain code that runs several named statements in it. */
export interface Transaction {
  run<Name extends StatementName>(name: Name, params: ParamsOf<Name>, ...slots: SlotsArgument<Name>): Promise<RowOf<Name>[]>;
}

/** Several statements that must commit or fail together. */
export type WriteTransaction = Transaction;

/** Several reads that must see the same data (element ids from one read are used by the next). */
export type ReadTransaction = Transaction;

/** Neo4j fails one transaction of each pair that wait for each other's locks with this (transient) code. */
const deadlockCode = 'Neo.TransientError.Transaction.DeadlockDetected';

/**
 * Neo4j's failures -> the app's error codes; the one place that knows Neo4j error codes. `mode` says whether
 * the failed work was a read (a query to narrow) or a write (an import or edit to split).
 */
export function translateNeo4jError(error: unknown, mode: 'READ' | 'WRITE' = 'WRITE'): Error {
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
    if (code === deadlockCode) {
      // Not a GraphUnavailableError: the database is fine, and a graph that believed it away would fail fast.
      return new AppError(
        ErrorCode.GRAPH_UNAVAILABLE,
        'Other edits of the same elements kept locking this one out; nothing was written. Try again shortly.',
      );
    }
    if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new BadUserInputError('The change conflicts with existing data (a unique id is already taken).');
    }
    if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || code === 'Neo.TransientError.General.OutOfMemoryError') {
      return new QueryTooExpensiveError(
        mode === 'READ'
          ? 'The query needs more memory than the database allows one transaction (dbms.memory.transaction.total.max, 70% of NEO4J_HEAP). Narrow it: fewer ids, a lower depth or limit, or a relationship filter; or give Neo4j more heap (NEO4J_HEAP).'
          : "The change is too large for one transaction within the database's memory limit (dbms.memory.transaction.total.max); nothing was written. Split the import, or give Neo4j more heap (NEO4J_HEAP).",
      );
    }
    if (code.startsWith('Neo.ClientError.Security.')) {
      return new GraphUnavailableError('The graph database refused our credentials; check NEO4J_USER and NEO4J_PASSWORD.');
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * How long a retried write goes on running again after deadlocks. The driver's own retry (maxTransactionRetryTime,
 * 2 s from the first failure) rides out a cluster's leader change; edits of the same elements on a busy machine wait
 * for each other's locks longer than that, and Neo4j fails one of each deadlocked pair every time they meet (a CI
 * run lost an edit so, out of fifteen at once). A deadlock is the other writers' doing, never the edit's, so it is
 * always worth another attempt while the edit's time lasts.
 */
const deadlockRetryMs = 30_000;

/**
 * Runs `attempt` (a whole retried transaction) again while it fails with a deadlock, for up to deadlockRetryMs.
 * `answered` is told of each deadlock: the database answered, so it is not the frozen one a session's deadline is for.
 */
async function runAgainOnDeadlock<T>(attempt: () => Promise<T>, answered: () => void): Promise<T> {
  const started = Date.now();
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof Neo4jError && error.code === deadlockCode) || Date.now() - started > deadlockRetryMs) throw error;
      answered();
      // Jittered, growing pauses: writers that keep meeting in the same order fall out of step.
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** round) * (0.5 + Math.random())));
    }
  }
}

/**
 * Starts a driver query without the caller's stack trace. The driver captures one for every query (its Result
 * constructor formats `new Error().stack`), only to show it should the query fail; under tsx each frame is
 * mapped back to TypeScript through source maps, which made it 4.5% of the server's busy time on cheap
 * queries (CPU profile of the benchmark's search and neighbourhood workloads). A failed statement's error keeps
 * its Neo4j code and message, which is what translateNeo4jError and the log use.
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Named statements over a driver transaction: the catalog's text, the parameters made Neo4j values, and rows
 * of the statement's declared type (statements.ts) once records.ts has made them plain. The one place rows
 * get their type; the catalog test checks each statement's columns against its file. Each statement's name
 * and duration are logged at debug.
 */
export function namedStatements(
  tx: Pick<ManagedTransaction, 'run'>,
  catalog: CypherCatalog,
  logger: Logger,
  /** Called when a statement changed something (Neo4j's counters say so). */
  noteUpdates?: () => void,
): Transaction {
  return {
    async run(name, params, ...slots) {
      const started = performance.now();
      const text = catalog.text(name, slots[0] ?? undefined);
      const values = toParams(params) as Params;
      const result = await withoutCallerStack(() => tx.run(text, values));
      const rows = result.records.map(recordToObject) as RowOf<typeof name>[];
      if (noteUpdates && result.summary.counters.containsUpdates()) noteUpdates();
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
  /** Set by the embedded Neo4j's supervisor while the database is down or restarting: requests fail at once. */
  private outage: { backAt: number } | null = null;
  /** How to cut each query in flight, for when the database goes away under it, with its access mode. */
  private readonly inFlight = new Map<(error: Error) => void, 'READ' | 'WRITE'>();
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly driver: Driver,
    private readonly catalog: CypherCatalog,
    private readonly logger: Logger,
    private readonly database?: string,
    private readonly timeoutMs = 30_000,
    /** A driver of its own for ping(), so a pool busy with long queries never looks like a dead database. */
    private readonly healthDriver: Driver = driver,
  ) {}

  /**
   * The database is away (its JVM exited, is restarting, or stopped answering) and expected back in about
   * `backInMs`: queries in flight fail now with GRAPH_UNAVAILABLE, and new ones fail at once until markAvailable.
   * Writes are cut only when the database is gone (`exited`): a frozen one might still commit them when it
   * wakes, and a write must never be reported failed yet land.
   */
  markUnavailable(backInMs: number, exited: boolean): void {
    this.outage = { backAt: Date.now() + backInMs };
    const error = this.unavailableError();
    for (const [cut, mode] of [...this.inFlight]) if (exited || mode === 'READ') cut(error);
  }

  markAvailable(): void {
    this.outage = null;
    this.unreachable = false;
  }

  /**
   * How a worker thread connects to the same database (server/work/): the driver's target, the database and the
   * timeout. Null for a graph over a driver not made by createDriver.
   */
  workerConnection(): WorkerConnection | null {
    const target = targetOf(this.driver);
    return target ? { ...target, database: this.database, timeoutMs: this.timeoutMs } : null;
  }

  /**
   * Work done elsewhere (a worker thread's own connection) that reads this database: refused at once while the
   * database is known to be away, and cut like this graph's own reads when it goes away meanwhile.
   */
  async whileAvailable<T>(work: () => Promise<T>): Promise<T> {
    if (this.outage) throw this.unavailableError();
    let cut!: (error: Error) => void;
    const cutOff = new Promise<never>((_resolve, reject) => (cut = reject));
    cutOff.catch(() => undefined);
    this.inFlight.set(cut, 'READ');
    const running = work();
    running.catch(() => undefined); // once cut, its own failure no longer matters
    try {
      return await Promise.race([running, cutOff]);
    } finally {
      this.inFlight.delete(cut);
    }
  }

  /** For Retry-After: when the database should be back, in whole seconds (at least 1). */
  retryAfterSeconds(): number {
    return this.outage ? Math.max(1, Math.ceil((this.outage.backAt - Date.now()) / 1000)) : 5;
  }

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
    return this.writeTransaction((tx) => tx.run(name, params, ...slots));
  }

  /**
   * Calls `listener` after every write transaction this executor commits that may have changed the graph (the path
   * search's link projection is read again after one); returns how to stop.
   */
  onGraphChanged(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Runs several named statements in one write transaction: all commit, or none. `retry: false` for long
   * bulk work (imports): the driver would otherwise run all of it again after a transient failure such as
   * the transaction memory limit, which fails the same way after the same minutes. When a statement changed
   * something, it raises the graph revision as it commits, unless `changesGraph: false` (a saved view changes no
   * entity or link).
   */
  async writeTransaction<T>(
    work: (tx: WriteTransaction) => Promise<T>,
    timeoutMs = this.timeoutMs,
    options: { retry?: boolean; changesGraph?: boolean } = {},
  ): Promise<T> {
    if (options.changesGraph === false) return this.runWrite((tx) => work(this.bind(tx)), timeoutMs, options.retry);
    let changed = false;
    const result = await this.runWrite(
      async (tx) => {
        // Each attempt starts afresh (the driver may retry the whole transaction).
        let wrote = false;
        const bound = this.bind(tx, () => (wrote = true));
        const done = await work(bound);
        // Raised last, inside the transaction: it commits with the work or not at all, and only when a statement
        // changed something (a no-op import leaves the revision, and the path search's projection, as they are).
        if (wrote) await bound.run('edit/bump-graph-revision', {});
        changed = wrote;
        return done;
      },
      timeoutMs,
      options.retry,
    );
    if (changed) for (const listener of this.changeListeners) listener();
    return result;
  }

  private async runWrite<T>(work: (tx: Pick<ManagedTransaction, 'run'>) => Promise<T>, timeoutMs: number, retry = true): Promise<T> {
    if (!retry) {
      return this.withSession(
        'WRITE',
        async (session) => {
          const tx = session.beginTransaction({ timeout: timeoutMs });
          try {
            const result = await work(tx);
            await tx.commit();
            return result;
          } finally {
            if (tx.isOpen()) await tx.rollback().catch(() => undefined);
          }
        },
        timeoutMs,
      );
    }
    return this.withSession(
      'WRITE',
      (session, answered) => runAgainOnDeadlock(() => session.executeWrite((tx) => work(tx), { timeout: timeoutMs }), answered),
      timeoutMs,
    );
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
    if (this.outage) return false;
    const up = await this.probe(timeoutMs);
    this.unreachable = !up;
    return up;
  }

  /** Asks the database itself whether it answers within `timeoutMs`, whatever this graph believes (the supervisor's check). */
  async probe(timeoutMs = 1_500): Promise<boolean> {
    const session = this.healthDriver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    const attempt = session.run(this.catalog.text('admin/ping'), {}, { timeout: timeoutMs }).then(
      () => true,
      () => false,
    );
    void attempt.finally(() => session.close().catch(() => undefined));
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([attempt, timeout]);
  }

  async close(): Promise<void> {
    await this.driver.close();
    if (this.healthDriver !== this.driver) await this.healthDriver.close();
  }

  private unavailableError(): GraphUnavailableError {
    return new GraphUnavailableError(`The graph database is unavailable (restarting); try again in about ${this.retryAfterSeconds()} s.`);
  }

  /** A driver transaction as the domain sees one: named statements from the catalog. */
  private bind(tx: Pick<ManagedTransaction, 'run'>, noteUpdates?: () => void): Transaction {
    return namedStatements(tx, this.catalog, this.logger, noteUpdates);
  }

  private async withSession<T>(
    mode: 'READ' | 'WRITE',
    /** `answered`: the database has just answered (a deadlock, say): the deadline starts again from now. */
    work: (session: ReturnType<Driver['session']>, answered: () => void) => Promise<T>,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    // Once the database is known to be away, answer at once instead of waiting out the driver's retries.
    if (this.outage) throw this.unavailableError();
    if (this.unreachable && !(await this.ping(500))) throw new GraphUnavailableError();
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    // A query is cut when the database goes away under it, and at the latest a little after the transaction
    // timeout, which a frozen database never enforces itself. A write run again after deadlocks may take longer
    // in all (deadlockRetryMs), and each deadlock shows the database is there: each one starts the deadline again.
    let wasCut = false;
    let cut!: (error: Error) => void;
    const cutOff = new Promise<never>((_resolve, reject) => {
      cut = (error) => {
        wasCut = true;
        reject(error);
      };
    });
    cutOff.catch(() => undefined);
    this.inFlight.set(cut, mode);
    let deadline: NodeJS.Timeout | undefined;
    const startDeadline = () => {
      clearTimeout(deadline);
      deadline = setTimeout(
        () => cut(new GraphUnavailableError('The graph database did not answer in time; try again shortly.')),
        timeoutMs + 5_000,
      );
    };
    startDeadline();
    const running = work(session, startDeadline);
    running.catch(() => undefined); // its own failure is reported below, or no longer matters once cut
    try {
      return await Promise.race([running, cutOff]);
    } catch (error) {
      const translated = translateNeo4jError(error, mode);
      if (translated instanceof GraphUnavailableError) this.unreachable = true;
      if (!(translated instanceof AppError)) this.logger.error({ err: error }, 'graph query failed');
      throw translated;
    } finally {
      clearTimeout(deadline);
      this.inFlight.delete(cut);
      // A session whose database froze may never close; the answer does not wait for it.
      if (wasCut) void session.close().catch(() => undefined);
      else await session.close();
    }
  }
}
