import { setImmediate as nextTurn } from 'node:timers';
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SelectQueryNode } from 'kysely';

/**
 * better-sqlite3 runs every statement synchronously, so a chain of awaited queries resolves through microtasks only and
 * never lets the event loop read a socket: a job of a thousand short queries holds every Slack ack until it ends.
 * Queries that start after this much synchronous work in one turn of the loop wait for the next turn first.
 */
export const SQLITE_SLICE_MS = 4;

let sliceStartedAt: number | undefined;

const endSlice = () => {
  sliceStartedAt = undefined;
};

/** Resolves at once inside a short slice of work, else on the next turn of the event loop (after pending I/O). */
function takeTurn(): Promise<void> | undefined {
  const now = performance.now();
  if (sliceStartedAt === undefined) {
    sliceStartedAt = now;
    nextTurn(endSlice);
    return undefined;
  }
  if (now - sliceStartedAt < SQLITE_SLICE_MS) return undefined;
  // endSlice was queued first, so the loop has turned (and the slice restarts) by the time this resolves.
  return new Promise((resolve) => nextTurn(resolve));
}

/** Prepared statements kept per connection; kysely's SQL strings repeat, and preparing costs more than running. */
const STATEMENT_CACHE_SIZE = 500;

class SqliteConnection implements DatabaseConnection {
  readonly #db: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();
  /**
   * In a transaction (SQLite's own flag says so): when its current run of statements began. A transaction holds the
   * connection, so it waits for a turn of the loop only once it has itself run for a slice (a long import), never
   * between the few statements of a short one: every other query would wait those turns with it.
   */
  #transactionRunSince: number | undefined;

  constructor(db: SQLite.Database) {
    this.#db = db;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#db.inTransaction) {
      this.#transactionRunSince = undefined;
      const turn = takeTurn();
      if (turn) await turn;
    } else if (this.#transactionRunSince === undefined) {
      this.#transactionRunSince = performance.now();
    } else if (performance.now() - this.#transactionRunSince >= SQLITE_SLICE_MS) {
      await new Promise((resolve) => nextTurn(resolve));
      this.#transactionRunSince = performance.now();
    }
    const statement = this.#statement(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('SQLite streams select queries only');
    // Not from the cache: an iterating statement is busy until the iteration ends.
    const iterator = this.#db.prepare(compiledQuery.sql).iterate(compiledQuery.parameters as unknown[]);
    for (const row of iterator) yield { rows: [row as R] };
  }

  #statement(sql: string): SQLite.Statement {
    const cached = this.#statements.get(sql);
    if (cached) {
      // Most recently used last, so the first key is the one to drop.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#db.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }
}

/** One connection behind a lock, as SQLite has: queries and transactions wait their turn, first come first served. */
class ConnectionLock {
  #held = false;
  readonly #waiting: Array<() => void> = [];

  lock(): Promise<void> | undefined {
    if (!this.#held) {
      this.#held = true;
      return undefined;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Hands the connection straight to the next in line, so no newcomer can take it in between. */
  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

export interface SqliteDriverOptions {
  database: SQLite.Database;
  /**
   * BEGIN IMMEDIATE takes the write lock when a transaction begins, waiting up to busy_timeout. A deferred transaction
   * that reads first and writes later fails at once with "database is locked" when another process wrote in between,
   * and no busy timeout helps. A read-only connection cannot take the write lock, so it begins deferred.
   */
  beginImmediate: boolean;
}

/** kysely's SQLite driver, with a statement cache and queries that give the event loop a turn (see takeTurn). */
export class LoopkeeperSqliteDriver implements Driver {
  readonly #options: SqliteDriverOptions;
  readonly #connection: SqliteConnection;
  readonly #lock = new ConnectionLock();

  constructor(options: SqliteDriverOptions) {
    this.#options = options;
    this.#connection = new SqliteConnection(options.database);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const locked = this.#lock.lock();
    if (locked) await locked;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(this.#options.beginImmediate ? 'begin immediate' : 'begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#lock.unlock();
  }

  async destroy(): Promise<void> {
    this.#options.database.close();
  }
}
