import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseUrlError, parseDatabaseUrl, type SqliteLocation } from '../../src/db/database-url.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { openSqlite } from '../../src/db/sqlite.js';

function errorFrom(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('parseDatabaseUrl', () => {
  it.each([
    ['file:./data/loopkeeper.sqlite', resolve('data/loopkeeper.sqlite')],
    ['file:/srv/loopkeeper/db.sqlite', '/srv/loopkeeper/db.sqlite'],
    ['file:///srv/loopkeeper/db.sqlite', '/srv/loopkeeper/db.sqlite'],
    ['sqlite:./loop.sqlite', resolve('loop.sqlite')],
    ['SQLITE:/tmp/loop.sqlite', '/tmp/loop.sqlite'],
    ['./relative/loop.sqlite', resolve('relative/loop.sqlite')],
    ['loop.sqlite', resolve('loop.sqlite')],
    ['/absolute/loop.sqlite', '/absolute/loop.sqlite'],
    ['  file:/padded/loop.sqlite  ', '/padded/loop.sqlite'],
  ])('%j is the SQLite file %s', (url, path) => {
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'sqlite', path });
  });

  it.each([':memory:', 'sqlite::memory:', 'file::memory:'])('%j is an in-memory database', (url) => {
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'sqlite-memory' });
  });

  it.each([
    ['postgres://user:pw@db.example:5432/loopkeeper', 'db.example:5432', 'loopkeeper', 'user'],
    ['postgresql://localhost/loopkeeper?sslmode=require', 'localhost:5432', 'loopkeeper', 'the default user'],
    ['POSTGRES://app@[::1]:6543/gtm%20data', '[::1]:6543', 'gtm data', 'app'],
    ['postgres:///loopkeeper?host=/run/postgresql', 'the socket in /run/postgresql', 'loopkeeper', 'the default user'],
  ])('%j is PostgreSQL at %s, database %j', (url, server, database, user) => {
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', url, server, database, user });
  });

  it('refuses a PostgreSQL URL that names no database, without echoing the password', () => {
    const error = errorFrom(() => parseDatabaseUrl('postgres://user:s3cret@db.example:5432'));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toMatch(/^DATABASE_URL names no database on the PostgreSQL server db.example:5432/);
    expect(error.message).not.toContain('s3cret');
  });

  it.each([
    ['mysql://localhost/loopkeeper', 'mysql'],
    ['https://example.com/db.sqlite', 'https'],
  ])('refuses the unknown scheme in %j', (url, scheme) => {
    const error = errorFrom(() => parseDatabaseUrl(url));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toContain(`unsupported scheme "${scheme}:"`);
    expect(error.message).toContain('file:./data/loopkeeper.sqlite');
  });

  it.each(['', '   ', 'file:', 'sqlite:'])('refuses %j, which names no file', (url) => {
    const error = errorFrom(() => parseDatabaseUrl(url));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toMatch(/^DATABASE_URL names no file/);
  });
});

describe('openSqlite', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-db-'));
    dirs.push(dir);
    return dir;
  };
  const open = (url: string) => {
    const db = openSqlite(parseDatabaseUrl(url) as SqliteLocation);
    dbs.push(db);
    return db;
  };
  const pragma = async (db: Db, name: 'journal_mode' | 'foreign_keys') => {
    const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(db);
    return rows[0]?.[name];
  };

  it('creates missing folders and turns on WAL and foreign keys', async () => {
    const dir = tempDir();
    const path = join(dir, 'nested', 'deeper', 'loopkeeper.sqlite');
    const db = open(`file:${path}`);
    expect(statSync(join(dir, 'nested', 'deeper')).isDirectory()).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(await pragma(db, 'journal_mode')).toBe('wal');
    expect(await pragma(db, 'foreign_keys')).toBe(1);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('opens an in-memory database with foreign keys on', async () => {
    const db = open(':memory:');
    expect(await pragma(db, 'foreign_keys')).toBe(1);
    // SQLite keeps in-memory databases in the 'memory' journal mode; WAL does not apply.
    expect(await pragma(db, 'journal_mode')).toBe('memory');
  });

  it('reports a path whose parent is a regular file with a DatabaseUrlError naming the path', () => {
    const dir = tempDir();
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'just a file');
    const path = join(blocker, 'data', 'loopkeeper.sqlite');
    const error = errorFrom(() => open(`file:${path}`));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toContain(`DATABASE_URL points to ${path}`);
    expect(error.message).toContain('cannot be opened');
    expect(existsSync(join(blocker, 'data'))).toBe(false);
  });

  it('reports a file that is not a SQLite database with a DatabaseUrlError naming the path', () => {
    // openDatabase promises that any failure is a DatabaseUrlError with a message meant for a person.
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'these are notes, not a database\n'.repeat(20));
    const error = errorFrom(() => open(`file:${path}`));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toContain(`DATABASE_URL points to ${path}`);
  });

  // Paths that are unusable even for root. Each must fail at once: recursive mkdir used to spin forever on /proc.
  it.each([
    ['/proc/nope/x.sqlite', "on the kernel's proc file system"],
    ['/proc/self/loopkeeper.sqlite', "on the kernel's proc file system"],
    ['/sys/nope/x.sqlite', "on the kernel's sysfs file system"],
  ])('refuses %s, which is %s', (path, why) => {
    const error = errorFrom(() => open(`file:${path}`));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toBe(
      `DATABASE_URL points to ${path}, which is ${why}, not on a disk: point it at a file in a writable folder, such as file:./data/loopkeeper.sqlite`,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a path through a symbolic link that leads nowhere, and creates nothing', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    const path = join(dir, 'dangling', 'data', 'loopkeeper.sqlite');
    const error = errorFrom(() => open(`file:${path}`));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toBe(
      `DATABASE_URL points to ${path}, which cannot be opened (${join(dir, 'dangling')} is a link that leads nowhere): check that the folder exists or can be created and is writable`,
    );
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });

  it('refuses a folder, naming a file to put in it instead', () => {
    const path = join(tempDir(), 'db');
    mkdirSync(path);
    const error = errorFrom(() => open(`file:${path}`));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toBe(
      `DATABASE_URL points to ${path}, which is a folder: name a file in it, such as ${path}/loopkeeper.sqlite`,
    );
  });

  it('refuses a named pipe (SQLite would read from it) without opening it', () => {
    const path = join(tempDir(), 'pipe.sqlite');
    execFileSync('mkfifo', [path]);
    const error = errorFrom(() => open(`file:${path}`));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toMatch(new RegExp(`^DATABASE_URL points to ${path}, which is not a regular file`));
    expect(existsSync(`${path}-journal`)).toBe(false);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('follows a symbolic link to an existing database file', async () => {
    const dir = tempDir();
    const real = join(dir, 'real.sqlite');
    await (await openDatabase(`file:${real}`)).destroy();
    symlinkSync(real, join(dir, 'link.sqlite'));
    const db = open(`file:${join(dir, 'link.sqlite')}`);
    expect(await pragma(db, 'journal_mode')).toBe('wal');
  });
});
