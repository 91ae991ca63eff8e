import { type CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open-database.js';
import { AWAITING_ACK, OPEN_STATUSES } from '../../src/features/mqa/domain/index.js';
import { createMqaItemsRepository } from '../../src/features/mqa/repository.js';
import { useMigratedDatabase } from '../helpers/migrated-database.js';
import { TEST_DIALECT } from '../helpers/test-database.js';

const PEOPLE_COLUMNS = ['owner_id', 'acknowledged_by', 'created_by'];

/** The plan SQLite picks for the query the repository compiles in `run`. */
async function planOf(db: Db, run: (repository: ReturnType<typeof createMqaItemsRepository>) => Promise<unknown>) {
  const seen: CompiledQuery[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      seen.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await run(createMqaItemsRepository(db.withPlugin(capture)));
  const query = seen.at(-1) as CompiledQuery;
  const { rows } = await db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` });
  return rows.map((r) => r.detail).join(' | ');
}

const pgIndexes = async (db: Db) =>
  (
    await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where tablename = 'mqa_items'`.execute(db)
  ).rows;

describe("the MQA items' indexes", () => {
  const database = useMigratedDatabase();

  it('reads one (team, person) index per column, not every open item of the team', async () => {
    const db = database();
    if (TEST_DIALECT === 'postgres') {
      // PostgreSQL picks its plan from its statistics of the data; that the indexes exist is what can be promised.
      const rows = await pgIndexes(db);
      for (const column of PEOPLE_COLUMNS)
        expect(rows.find((r) => r.indexname === `mqa_items_team_${column}`)?.indexdef).toContain(
          `(team_id, ${column})`,
        );
      return;
    }
    // The repository's own query, as App Home runs it, captured and explained.
    const plan = await planOf(db, (items) =>
      items.list('T1', { statuses: OPEN_STATUSES, ownerOrCreator: 'U1', limit: 50 }),
    );
    for (const column of PEOPLE_COLUMNS)
      expect(plan).toContain(`INDEX mqa_items_team_${column} (team_id=? AND ${column}=?)`);
  });

  it('counts the accounts shared before the SLA cut-off from the index alone', async () => {
    const db = database();
    if (TEST_DIALECT === 'postgres') {
      const rows = await pgIndexes(db);
      expect(rows.find((r) => r.indexname === 'mqa_items_team_status_shared')?.indexdef).toContain(
        '(team_id, status, shared_at)',
      );
      expect(rows.map((r) => r.indexname)).not.toContain('mqa_items_team_status');
      return;
    }
    const plan = await planOf(db, (items) =>
      items.count('T1', { statuses: AWAITING_ACK, sharedAtOrBefore: new Date('2026-12-01T00:00:00Z') }),
    );
    expect(plan).toContain(
      'USING COVERING INDEX mqa_items_team_status_shared (team_id=? AND status=? AND shared_at<?)',
    );
  });
});
