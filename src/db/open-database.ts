import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { parseDatabaseUrl } from './database-url.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

export type Db = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** PostgreSQL only: connections per process (DATABASE_POOL_SIZE). */
  poolSize?: number;
  connectTimeoutMs?: number;
  /** PostgreSQL only: an idle connection that broke; the pool replaces it on the next query. */
  onConnectionError?: (error: Error) => void;
}

/** Opens the database named by DATABASE_URL; any failure is a DatabaseUrlError with a message meant for a person. */
export async function openDatabase(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<Db> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind !== 'postgres') return openSqlite(location);
  return openPostgres(location, {
    poolSize: options.poolSize ?? 10,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    onPoolError: options.onConnectionError ?? (() => undefined),
  });
}
