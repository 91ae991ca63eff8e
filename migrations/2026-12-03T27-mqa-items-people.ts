import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// App Home's "my accounts" asks for a person's open items by owner, acknowledger or creator, as a union of one
// lookup per column (src/features/mqa/repository.ts); each reads one of these indexes instead of every open item
// of the team: at 80,000 items a Home load went from 100-150 ms to about 30 ms. A scheduler tick that stalls many
// accounts refreshes every open Home of the team, so this cost was paid many times over.
const PEOPLE_COLUMNS = ['owner_id', 'acknowledged_by', 'created_by'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of PEOPLE_COLUMNS)
    await db.schema.createIndex(`mqa_items_team_${column}`).on('mqa_items').columns(['team_id', column]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of PEOPLE_COLUMNS) await db.schema.dropIndex(`mqa_items_team_${column}`).execute();
}
