import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per assessment, written in the submission's transaction: the summary post is work the scheduler owns,
  // so a process that dies after the ack leaves it pending instead of losing it.
  await db.schema
    .createTable('assessment_summary_posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('assessment_id', 'integer', (c) => c.notNull().unique().references('assessments.id').onDelete('cascade'))
    // 'pending' -> 'posted'; 'refused' (the channel said no) waits for the person's "Post again".
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    // Set while a post is on its way to Slack; still set after the lease means the outcome is unknown.
    .addColumn('in_flight_since', 'text')
    // The private "on its way" note to the person, updated when the post lands or is refused.
    .addColumn('notice_channel_id', 'text')
    .addColumn('notice_ts', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_summary_posts_due')
    .on('assessment_summary_posts')
    .columns(['status', 'next_attempt_at'])
    .execute();

  // Assessments stored before this migration: posted ones are done, failed ones already told their person with
  // "Post again", and the rest are the summaries a crash lost after the ack: the next tick posts them.
  await sql`
    insert into assessment_summary_posts (team_id, assessment_id, status, next_attempt_at, created_at)
    select team_id, id,
      case when posted_ts is not null then 'posted' when post_error is not null then 'refused' else 'pending' end,
      created_at, created_at
    from assessments
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assessment_summary_posts').execute();
}
