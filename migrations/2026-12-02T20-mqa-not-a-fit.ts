import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// Sales' "not a fit" used to be stored as 'rejected', Marketing's word for refusing an account in review. An account
// Sales turned down had been shared, so those rows (and the events that moved them there) get their own status.
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('mqa_items')
    .set({ status: 'not_a_fit' })
    .where('status', '=', 'rejected')
    .where('shared_at', 'is not', null)
    .execute();
  await db
    .updateTable('mqa_events')
    .set({ to_status: 'not_a_fit' })
    .where('to_status', '=', 'rejected')
    .where('from_status', 'in', ['shared', 'acknowledged'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable('mqa_items').set({ status: 'rejected' }).where('status', '=', 'not_a_fit').execute();
  await db.updateTable('mqa_events').set({ to_status: 'rejected' }).where('to_status', '=', 'not_a_fit').execute();
}
