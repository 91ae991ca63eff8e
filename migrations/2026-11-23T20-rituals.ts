import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rituals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    // JSON of the domain's Cadence.
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('skip_dates', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('heads_up_hours', 'integer')
    .addColumn('grace_hours', 'integer', (c) => c.notNull().defaultTo(6))
    // Occurrences before this instant are never posted nor reported missed (set at creation, schedule edits and resume).
    .addColumn('schedule_from', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Soft delete: past posts and their follow-ups keep pointing at the ritual.
    .addColumn('deleted_at', 'text')
    .addColumn('source_view_id', 'text')
    .addUniqueConstraint('rituals_source_view_unique', ['team_id', 'source_view_id'])
    .execute();
  await db.schema.createIndex('rituals_team').on('rituals').columns(['team_id', 'deleted_at']).execute();

  // One row per (ritual, occurrence, kind): the unique key is claimed before anything is posted.
  await db.schema
    .createTable('ritual_posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('ritual_id', 'integer', (c) => c.notNull().references('rituals.id'))
    .addColumn('occurrence_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'post' | 'heads_up'
    .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'posted' | 'missed'
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    // Set when a post is sent to Slack and cleared with its outcome: left set, the outcome is unknown (crash mid-post).
    .addColumn('in_flight_since', 'text')
    .addColumn('last_error', 'text')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('posted_ts', 'text')
    .addColumn('posted_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    // For missed rows: whether a later post has mentioned them.
    .addColumn('mentioned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ritual_posts_occurrence_unique', ['team_id', 'ritual_id', 'occurrence_at', 'kind'])
    .execute();
  await db.schema.createIndex('ritual_posts_due').on('ritual_posts').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('ritual_posts_message').on('ritual_posts').columns(['channel_id', 'posted_ts']).execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('ritual_id', 'integer', (c) => c.references('rituals.id'))
    .addColumn('post_id', 'integer', (c) => c.references('ritual_posts.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull()) // local date, YYYY-MM-DD
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'open' | 'done'
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('thread_channel_id', 'text')
    .addColumn('thread_message_ts', 'text')
    .addColumn('source_view_id', 'text')
    .addUniqueConstraint('follow_ups_source_view_unique', ['team_id', 'source_view_id'])
    .execute();
  await db.schema.createIndex('follow_ups_owner').on('follow_ups').columns(['team_id', 'owner_id', 'status']).execute();
  await db.schema.createIndex('follow_ups_due').on('follow_ups').columns(['status', 'due_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['follow_ups', 'ritual_posts', 'rituals']) await db.schema.dropTable(table).execute();
}
