import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// When Slack told us the workspace uninstalled Loopkeeper (app_uninstalled, or its bot token revoked): its scheduled
// work stops, and the purge job deletes its data once DATA_RETENTION_DAYS have passed. A reinstall clears it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('teams').addColumn('uninstalled_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('teams').dropColumn('uninstalled_at').execute();
}
