import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('risks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    // likelihood x impact, stored so lists sort in SQL.
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('mitigation', 'text', (c) => c.notNull())
    .addColumn('kpis', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    // YYYY-MM-DD in the team's time zone.
    .addColumn('review_date', 'text', (c) => c.notNull())
    // 'open' -> 'closed'.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('resolution', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The add modal's view id: a redelivered submission stores one risk.
    .addColumn('source_view_id', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('risks_team_status_score').on('risks').columns(['team_id', 'status', 'score']).execute();
  await db.schema.createIndex('risks_review').on('risks').columns(['status', 'review_date']).execute();

  // Every change, never rewritten: the score over time and who changed what.
  await db.schema
    .createTable('risk_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('risk_id', 'integer', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    // 'created' | 'edited' | 'rescored' | 'closed'
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    // JSON: { field: [before, after] } for edits.
    .addColumn('changes', 'text')
    .addColumn('note', 'text')
    // The modal's view id: a redelivered submission records one event.
    .addColumn('source_view_id', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('risk_events_risk').on('risk_events').columns(['risk_id', 'id']).execute();

  // One reminder per risk and review date; inserting the row is the claim, only the inserter's job run posts.
  await db.schema
    .createTable('risk_review_reminders')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('risk_id', 'integer', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('review_date', 'text', (c) => c.notNull())
    // 'pending' -> 'sent' | 'failed' (gave up after many attempts).
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('risk_review_reminders_once', ['risk_id', 'review_date'])
    .execute();
  await db.schema.createIndex('risk_review_reminders_due').on('risk_review_reminders').columns(['status', 'next_attempt_at']).execute();

  // Who opened App Home, so "refresh the team's Home" re-publishes a bounded set of views.
  await db.schema
    .createTable('home_viewers')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('last_opened_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('home_viewers_pk', ['team_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('home_viewers').execute();
  await db.schema.dropTable('risk_review_reminders').execute();
  await db.schema.dropTable('risk_events').execute();
  await db.schema.dropTable('risks').execute();
}
