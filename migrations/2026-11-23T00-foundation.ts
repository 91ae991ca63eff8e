import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('segment', 'text')
    .addColumn('assessments_channel_id', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('team_admins')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.team_id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_admins_pk', ['team_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('origin_channel_id', 'text')
    .addColumn('target_channel_id', 'text', (c) => c.notNull())
    // The modal's view id: Slack may deliver one submission twice; the second insert is a no-op.
    .addColumn('source_view_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('posted_channel_id', 'text')
    .addColumn('posted_ts', 'text')
    .addColumn('post_error', 'text')
    .addUniqueConstraint('assessments_source_view_unique', ['team_id', 'source_view_id'])
    .execute();
  await db.schema.createIndex('assessments_team_created').on('assessments').columns(['team_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('assessment_scores')
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('assessment_scores_pk', ['assessment_id', 'dimension'])
    .execute();

  await db.schema
    .createTable('assessment_red_flags')
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('flag_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_red_flags_pk', ['assessment_id', 'flag_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['assessment_red_flags', 'assessment_scores', 'assessments', 'team_admins', 'teams']) {
    await db.schema.dropTable(table).execute();
  }
}
