import type { Expression } from 'kysely';
import type { Db } from './open-database.js';

/** Tables of work sent to Slack at most once at a time: each row has status, next_attempt_at and lease_until. */
export type LeasedTable = 'mqa_deliveries' | 'ritual_posts' | 'assessment_summary_posts';

/**
 * The update that takes a pending, due row for `leaseMs`, not yet run: it changes the row only when no live lease
 * holds it, so two ticks or two instances never send one row at the same time; an expired lease (a crashed sender)
 * can be taken again. A caller may add `returningAll()` to get the row it took; `id` may be a subquery that finds it.
 */
export function leaseClaim(db: Db, table: LeasedTable, id: number | Expression<number>, now: Date, leaseMs: number) {
  const at = now.toISOString();
  return db
    .updateTable(table)
    .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]));
}

/** Takes the row (see leaseClaim); only the caller that gets true may send it. */
export async function claimLease(db: Db, table: LeasedTable, id: number, now: Date, leaseMs: number): Promise<boolean> {
  const result = await leaseClaim(db, table, id, now, leaseMs).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
