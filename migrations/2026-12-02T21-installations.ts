import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// One row per Slack installation (a workspace, or an Enterprise Grid org for org-wide installs). What Slack handed
// over at install time, tokens included, is kept sealed (AES-256-GCM) in `sealed_installation`; the plain columns
// are what lookups and listings need.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installations')
    // 'T:<team id>' for a workspace install, 'E:<enterprise id>' for an org-wide one.
    .addColumn('installation_key', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text')
    .addColumn('enterprise_id', 'text')
    .addColumn('is_enterprise_install', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('app_id', 'text')
    .addColumn('bot_user_id', 'text')
    .addColumn('installer_user_id', 'text', (c) => c.notNull())
    .addColumn('sealed_installation', 'text', (c) => c.notNull())
    .addColumn('bot_token_expires_at', 'text')
    .addColumn('installed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('installations_team').on('installations').column('team_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installations').execute();
}
