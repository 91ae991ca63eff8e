import { type CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { OPEN_STATUSES } from '../../src/features/mqa/domain/index.js';
import { createMqaItemsRepository } from '../../src/features/mqa/repository.js';
import { TEST_DIALECT, type TestDatabase, testDatabase } from '../helpers/test-database.js';

const PEOPLE_COLUMNS = ['owner_id', 'acknowledged_by', 'created_by'];

describe("App Home's query of a person's MQA items", () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await testDatabase({ migrated: false });
    db = await openDatabase(database.url);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.dispose();
  });

  it('reads one (team, person) index per column, not every open item of the team', async () => {
    if (TEST_DIALECT === 'postgres') {
      // PostgreSQL picks its plan from its statistics of the data; that the indexes exist is what can be promised.
      const { rows } = await sql<{ indexname: string; indexdef: string }>`
        select indexname, indexdef from pg_indexes where tablename = 'mqa_items'`.execute(db);
      for (const column of PEOPLE_COLUMNS)
        expect(rows.find((r) => r.indexname === `mqa_items_team_${column}`)?.indexdef).toContain(
          `(team_id, ${column})`,
        );
      return;
    }
    // The repository's own query, as App Home runs it, captured and explained.
    const seen: CompiledQuery[] = [];
    const capture: KyselyPlugin = {
      transformQuery: (args) => {
        seen.push(db.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    await createMqaItemsRepository(db.withPlugin(capture)).list('T1', {
      statuses: OPEN_STATUSES,
      ownerOrCreator: 'U1',
      limit: 50,
    });
    const query = seen.at(-1) as CompiledQuery;
    const { rows } = await db.executeQuery<{ detail: string }>({
      ...query,
      sql: `explain query plan ${query.sql}`,
    });
    const plan = rows.map((r) => r.detail).join(' | ');
    for (const column of PEOPLE_COLUMNS)
      expect(plan).toContain(`INDEX mqa_items_team_${column} (team_id=? AND ${column}=?)`);
  });
});
