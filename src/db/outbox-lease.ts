import type { Db } from './open-database.js';

/** Tables of work sent to Slack at most once at a time: each row has status, next_attempt_at and lease_until. */
export type LeasedTable = 'mqa_deliveries' | 'ritual_posts' | 'assessment_summary_posts';

/**
 * Takes a pending, due row for `leaseMs`. Only the caller that gets true may send it, so two ticks or two
 * instances never send one row at the same time; an expired lease (a crashed sender) can be taken again.
 */
export async function claimLease(db: Db, table: LeasedTable, id: number, now: Date, leaseMs: number): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable(table)
    .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
