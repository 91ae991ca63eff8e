import { type Migration, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';

const opened: Array<{ db: Db; database: TestDatabase }> = [];
afterEach(async () => {
  for (const { db, database } of opened.splice(0)) {
    await db.destroy();
    await database.dispose();
  }
});

describe('the not-a-fit migration', () => {
  it("gives accounts Sales turned down their own status, and leaves Marketing's rejections alone", async () => {
    const database = await testDatabase({ migrated: false });
    const db = await openDatabase(database.url);
    opened.push({ db, database });
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations as Record<string, Migration> },
    });
    await migrator.migrateTo('2026-12-02T00-assessment-summary-posts');
    const at = '2026-11-20T10:00:00.000Z';
    const item = {
      team_id: 'T1',
      intent_topics: '[]',
      source: 'inbound',
      priority: 'normal',
      created_by: 'U1',
      created_at: at,
      last_activity_at: at,
    };
    await db
      .insertInto('mqa_items')
      .values([
        { ...item, account_name: 'Refused in review', domain: 'a.com', status: 'rejected', shared_at: null },
        { ...item, account_name: 'Not a fit for Sales', domain: 'b.com', status: 'rejected', shared_at: at },
        { ...item, account_name: 'Still shared', domain: 'c.com', status: 'shared', shared_at: at },
      ])
      .execute();
    const event = { team_id: 'T1', type: 'status', actor: 'U1', at };
    await db
      .insertInto('mqa_events')
      .values([
        { ...event, item_id: 1, from_status: 'validated', to_status: 'rejected' },
        { ...event, item_id: 2, from_status: 'acknowledged', to_status: 'rejected' },
      ])
      .execute();

    await migrateToLatest(db);

    const items = await db.selectFrom('mqa_items').select(['id', 'status']).orderBy('id').execute();
    expect(items.map((i) => i.status)).toEqual(['rejected', 'not_a_fit', 'shared']);
    const events = await db.selectFrom('mqa_events').select(['item_id', 'to_status']).orderBy('id').execute();
    expect(events).toEqual([
      { item_id: 1, to_status: 'rejected' },
      { item_id: 2, to_status: 'not_a_fit' },
    ]);
  });
});
