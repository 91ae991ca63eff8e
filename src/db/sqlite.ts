import { mkdirSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DialectAdapter,
  type Driver,
  Kysely,
  type MigrationLockOptions,
  SqliteAdapter,
  SqliteDialect,
  sql,
} from 'kysely';
import type { Database } from './database.js';
import { DatabaseUrlError, type SqliteLocation } from './database-url.js';
import { LoopkeeperSqliteDriver } from './sqlite-driver.js';

/** Opens (creating if need be) a SQLite file or an in-memory database; failures are DatabaseUrlErrors. */
export function openSqlite(location: SqliteLocation): Kysely<Database> {
  let sqlite: SQLite.Database;
  if (location.kind === 'sqlite-memory') {
    sqlite = new SQLite(':memory:');
  } else {
    prepareDatabaseFile(location.path);
    try {
      sqlite = new SQLite(location.path);
    } catch (error) {
      throw cannotOpen(location.path, (error as Error).message);
    }
  }
  try {
    // WAL lets readers (App Home, digests) run while a write is in progress; busy_timeout absorbs short lock waits.
    // busy_timeout first: another process starting on the same file may hold a lock while this one turns on WAL.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite.close();
    const where = location.kind === 'sqlite' ? location.path : ':memory:';
    throw new DatabaseUrlError(
      `DATABASE_URL points to ${where}, which is not a usable SQLite database (${(error as Error).message}): point it at a new or existing Loopkeeper database file`,
    );
  }
  const db = new Kysely<Database>({ dialect: new LoopkeeperSqliteDialect(sqlite) });
  sqliteHandles.set(db, sqlite);
  return db;
}

/** The better-sqlite3 handle behind a SQLite Kysely, for a write that must run synchronously (before an ack). */
export const sqliteHandles = new WeakMap<Kysely<Database>, SQLite.Database>();

/**
 * SQLite's DDL is transactional, so a migration that fails leaves nothing half-applied, as on PostgreSQL. Several
 * processes may start on one file at once: the migration transaction begins with a write to kysely's lock row,
 * which takes SQLite's write lock (waiting up to busy_timeout) before anything is read, so the process that comes
 * second sees the first one's migrations as applied instead of applying them again.
 */
class LoopkeeperSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
  // biome-ignore lint/suspicious/noExplicitAny: kysely's own signature; the lock table has no typed schema.
  override async acquireMigrationLock(db: Kysely<any>, options: MigrationLockOptions): Promise<void> {
    await sql`update ${sql.table(options.lockTable)} set is_locked = 1 where id = ${options.lockRowId}`.execute(db);
  }
}

class LoopkeeperSqliteDialect extends SqliteDialect {
  readonly #database: SQLite.Database;
  constructor(database: SQLite.Database) {
    super({ database });
    this.#database = database;
  }
  override createDriver(): Driver {
    return new LoopkeeperSqliteDriver({ database: this.#database, beginImmediate: true });
  }
  override createAdapter(): DialectAdapter {
    return new LoopkeeperSqliteAdapter();
  }
}

/** A read-only connection's dialect: the same driver, with deferred BEGIN (a reader cannot take the write lock). */
export class ReadOnlySqliteDialect extends SqliteDialect {
  readonly #database: SQLite.Database;
  constructor(database: SQLite.Database) {
    super({ database });
    this.#database = database;
  }
  override createDriver(): Driver {
    return new LoopkeeperSqliteDriver({ database: this.#database, beginImmediate: false });
  }
}

const cannotOpen = (path: string, reason: string) =>
  new DatabaseUrlError(
    `DATABASE_URL points to ${path}, which cannot be opened (${reason}): check that the folder exists or can be created and is writable`,
  );

/** Kernel file systems (statfs f_type) that hold no files of ours; a database there is never what was meant. */
const KERNEL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x62656570, 'configfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
]);

/**
 * Makes sure `path` can hold the database: its folder exists (created one level at a time) and the path is a regular
 * file or nothing yet. Every step is one bounded system call per path component, so a bad path fails at once.
 *
 * Not `mkdirSync(..., { recursive: true })`: Node reads ENOENT from mkdir as "the parent is missing", makes the parent
 * (EEXIST) and retries the child. /proc answers ENOENT for a child of a folder that exists, so that loop never ends;
 * it spins inside one synchronous call, and no signal handler runs until it returns.
 */
function prepareDatabaseFile(path: string): void {
  const folder = dirname(path);
  const missing: string[] = [];
  let existing = folder;
  for (;;) {
    const stats = statOrMissing(existing, path);
    if (stats) {
      if (!stats.isDirectory()) throw cannotOpen(path, `${existing} is a file, not a folder`);
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) throw cannotOpen(path, `no part of ${folder} exists`);
    missing.unshift(existing);
    existing = parent;
  }
  refuseKernelFileSystem(existing, path);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // stat said nothing is there, mkdir says something is: a symbolic link to a place that does not exist.
      const why =
        code === 'EEXIST'
          ? `${dir} is a link that leads nowhere`
          : `the folder ${dir} cannot be created: ${code ?? (error as Error).message}`;
      throw cannotOpen(path, why);
    }
  }
  const target = statOrMissing(path, path);
  // A link may lead from an ordinary folder into /proc or /sys.
  if (target) refuseKernelFileSystem(path, path);
  if (target?.isDirectory()) {
    throw new DatabaseUrlError(
      `DATABASE_URL points to ${path}, which is a folder: name a file in it, such as ${path}/loopkeeper.sqlite`,
    );
  }
  if (target && !target.isFile()) {
    throw new DatabaseUrlError(
      `DATABASE_URL points to ${path}, which is not a regular file (a device, pipe or socket): point it at a new or existing Loopkeeper database file`,
    );
  }
}

/** stat(2) following links; undefined when nothing is there (or a link leads nowhere). */
function statOrMissing(at: string, path: string) {
  try {
    return statSync(at);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw cannotOpen(path, `${at}: ${code ?? (error as Error).message}`);
  }
}

function refuseKernelFileSystem(folder: string, path: string): void {
  let type: number;
  try {
    type = statfsSync(folder).type;
  } catch {
    // statfs is only a guard; where it is unavailable, opening the file reports what is wrong.
    return;
  }
  const name = KERNEL_FILE_SYSTEMS.get(type);
  if (name) {
    throw new DatabaseUrlError(
      `DATABASE_URL points to ${path}, which is on the kernel's ${name} file system, not on a disk: point it at a file in a writable folder, such as file:./data/loopkeeper.sqlite`,
    );
  }
}
