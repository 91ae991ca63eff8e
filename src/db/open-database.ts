import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from './database.js';
import { DatabaseUrlError, parseDatabaseUrl } from './database-url.js';
import { openPostgres } from './postgres.js';
import { openSqlite, ReadOnlySqliteDialect } from './sqlite.js';

export type Db = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** PostgreSQL only: connections per process (DATABASE_POOL_SIZE). */
  poolSize?: number;
  connectTimeoutMs?: number;
  /** PostgreSQL only: an idle connection that broke; the pool replaces it on the next query. */
  onConnectionError?: (error: Error) => void;
  /**
   * SQLite only: a read-only connection to an existing file, for scans off the main thread (WAL lets it read while
   * the main connection writes). No migrations, no writes: a write fails with SQLITE_READONLY.
   */
  readOnly?: boolean;
}

/** Opens the database named by DATABASE_URL; any failure is a DatabaseUrlError with a message meant for a person. */
export async function openDatabase(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<Db> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'sqlite' && options.readOnly) return openSqliteReadOnly(location.path);
  if (location.kind === 'sqlite-memory' && options.readOnly)
    throw new DatabaseUrlError('An in-memory SQLite database has no read-only second connection: use a file');
  if (location.kind !== 'postgres') return openSqlite(location);
  return openPostgres(location, {
    poolSize: options.poolSize ?? 10,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    onPoolError: options.onConnectionError ?? (() => undefined),
  });
}

/** Whether `databaseUrl` names a SQLite file, which other threads can open read-only beside the main connection. */
export function isSqliteFile(databaseUrl: string): boolean {
  return parseDatabaseUrl(databaseUrl).kind === 'sqlite';
}

function openSqliteReadOnly(path: string): Db {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
    // A checkpoint by the writer can hold the lock for a moment; wait rather than fail the scan.
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new DatabaseUrlError(
      `DATABASE_URL points to ${path}, which cannot be opened read-only (${(error as Error).message})`,
    );
  }
  return new Kysely<Database>({ dialect: new ReadOnlySqliteDialect(sqlite) });
}
