import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// Ingest tokens per workspace: admins create and revoke them in `/loop settings`; a CRM push with one is for its
// team only. The token itself is never stored: `token_hash` is its SHA-256 (hex), which is enough for random,
// high-entropy tokens; `token_prefix` (e.g. "lk_ing_ab12") is what people recognise it by.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ingest_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('ingest_tokens_hash').unique().on('ingest_tokens').column('token_hash').execute();
  await db.schema.createIndex('ingest_tokens_team').on('ingest_tokens').column('team_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ingest_tokens').execute();
}
