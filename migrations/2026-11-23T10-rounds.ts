import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_rounds')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    // The team's segment when the round started; null: no segment verdict.
    .addColumn('segment', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('invitation_ts', 'text')
    // 'open' -> 'closed'. The update that flips it is the claim: only that caller posts the summary.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_at', 'text')
    // A user id, or 'deadline'.
    .addColumn('closed_by', 'text')
    .addColumn('summary_ts', 'text')
    .addColumn('summary_error', 'text')
    .addColumn('summary_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary_next_attempt_at', 'text')
    .addColumn('nudged_at', 'text')
    .execute();
  await db.schema.createIndex('assessment_rounds_due').on('assessment_rounds').columns(['status', 'deadline_at']).execute();
  await db.schema.createIndex('assessment_rounds_team').on('assessment_rounds').columns(['team_id', 'id']).execute();

  await db.schema
    .createTable('assessment_round_invitees')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('assessment_rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_round_invitees_pk', ['round_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('assessment_round_responses')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('assessment_rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('function', 'text', (c) => c.notNull())
    // JSON: { dimension: score }, [flag keys], { dimension: note }. Read through zod in the repository.
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('red_flags', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('invited', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Edits: the latest answer counts; a redelivered submission of the same view changes nothing.
    .addColumn('edits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_view_id', 'text')
    .addPrimaryKeyConstraint('assessment_round_responses_pk', ['round_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['assessment_round_responses', 'assessment_round_invitees', 'assessment_rounds']) {
    await db.schema.dropTable(table).execute();
  }
}
