import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { DatabaseUrlError, parseDatabaseUrl } from './database-url.js';

export type Db = Kysely<Database>;

/** Opens the database named by DATABASE_URL; any failure is a DatabaseUrlError with a message meant for a person. */
export function openDatabase(databaseUrl: string): Db {
  const location = parseDatabaseUrl(databaseUrl);
  let sqlite: SQLite.Database;
  if (location.kind === 'sqlite-memory') {
    sqlite = new SQLite(':memory:');
  } else {
    try {
      mkdirSync(dirname(location.path), { recursive: true });
      sqlite = new SQLite(location.path);
    } catch (error) {
      throw new DatabaseUrlError(
        `DATABASE_URL points to ${location.path}, which cannot be opened (${(error as Error).message}): check that the folder exists or can be created and is writable`,
      );
    }
  }
  try {
    // WAL lets readers (App Home, digests) run while a write is in progress; busy_timeout absorbs short lock waits.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    sqlite.close();
    const where = location.kind === 'sqlite' ? location.path : ':memory:';
    throw new DatabaseUrlError(
      `DATABASE_URL points to ${where}, which is not a usable SQLite database (${(error as Error).message}): point it at a new or existing Loopkeeper database file`,
    );
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
