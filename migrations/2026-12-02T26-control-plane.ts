import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// The GTM Control Plane canvas of a team: one row per team, which is also the writers' claim (lease_until), so only
// one instance rewrites the canvas at a time. `section_hashes` holds a hash per canvas section (JSON), so a run
// rewrites only the sections whose content changed. `status` 'off' (deleted canvas, revoked scope) stops the job
// until an admin sets it up again; `notice_state` makes the admin's DM about it go out once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('control_plane_canvases')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('canvas_id', 'text')
    .addColumn('kind', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('section_hashes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('off_reason', 'text')
    .addColumn('notice_state', 'text')
    .addColumn('written_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('control_plane_canvases_due')
    .on('control_plane_canvases')
    .columns(['status', 'next_run_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('control_plane_canvases').execute();
}
