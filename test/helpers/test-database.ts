import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { MIGRATED_TEMPLATE, withDatabase } from '../postgres/global-setup.js';

/** Which database the tests run on: the `postgres` vitest project sets it; everything else is SQLite. */
export const TEST_DIALECT: 'sqlite' | 'postgres' =
  process.env.LOOPKEEPER_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  /** DATABASE_URL of a database of this test's own. */
  url: string;
  /** A temp folder of this test's own (the SQLite file lives here); removed by dispose(). */
  dir: string;
  /** Drops the database and removes the folder. Close every connection to it first. */
  dispose(): Promise<void>;
}

/**
 * A fresh database on the dialect under test: a SQLite file in a temp folder, or a PostgreSQL database copied from
 * the migrated template (`migrated: false`: an empty one, for migration tests).
 */
export async function testDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-test-'));
  if (TEST_DIALECT === 'sqlite') {
    return {
      url: `file:${join(dir, 'loopkeeper.sqlite')}`,
      dir,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `test_${process.pid}_${randomBytes(5).toString('hex')}`;
  // FILE_COPY: with fsync off, copying the template's files beats WAL-logging them several times over.
  const from = options.migrated === false ? '' : ` template ${MIGRATED_TEMPLATE} strategy file_copy`;
  await admin(adminUrl, `create database ${name}${from}`);
  return {
    url: withDatabase(adminUrl, name),
    dir,
    async dispose() {
      await admin(adminUrl, `drop database if exists ${name} with (force)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
