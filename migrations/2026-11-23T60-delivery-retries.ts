import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Whether the ritual's creator was told about this post's channel problem (once, whichever attempt hit it first).
  await db.schema.alterTable('ritual_posts').addColumn('problem_told', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Follow-up due-date DMs: attempts with backoff, and a lease while one is being sent (reminded_at is set only once Slack took it).
  await db.schema.alterTable('follow_ups').addColumn('remind_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('follow_ups').addColumn('remind_next_at', 'text').execute();
  await db.schema.alterTable('follow_ups').addColumn('remind_lease_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['remind_lease_until', 'remind_next_at', 'remind_attempts']) await db.schema.alterTable('follow_ups').dropColumn(column).execute();
  await db.schema.alterTable('ritual_posts').dropColumn('problem_told').execute();
}
