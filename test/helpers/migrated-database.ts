import { afterAll, beforeAll } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { type TestDatabase, testDatabase } from './test-database.js';

/**
 * One migrated database of the dialect under test for the tests of a file: made and opened before them, closed and
 * removed after. Call at the top of a `describe`; the returned function gives the open database inside the tests.
 */
export function useMigratedDatabase(): () => Db {
  let database: TestDatabase;
  let db: Db | undefined;
  beforeAll(async () => {
    database = await testDatabase({ migrated: false });
    db = await openDatabase(database.url);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.dispose();
  });
  return () => {
    if (!db) throw new Error('the database is opened before the tests of the file');
    return db;
  };
}
