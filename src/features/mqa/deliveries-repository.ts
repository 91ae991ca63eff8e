import { activeTeamCondition } from '../../db/active-teams.js';
import type { Db } from '../../db/open-database.js';
import { claimLease } from '../../db/outbox-lease.js';
import type { MqaDelivery, MqaDeliveryKind } from './domain/index.js';

type Row = {
  id: number;
  team_id: string;
  item_id: number;
  kind: string;
  channel_id: string;
  thread_ts: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  posted_ts: string | null;
};

const toDelivery = (r: Row): MqaDelivery => ({
  id: r.id,
  teamId: r.team_id,
  itemId: r.item_id,
  kind: r.kind as MqaDeliveryKind,
  channelId: r.channel_id,
  threadTs: r.thread_ts,
  status: r.status as MqaDelivery['status'],
  attempts: r.attempts,
  nextAttemptAt: new Date(r.next_attempt_at),
  lastError: r.last_error,
  postedTs: r.posted_ts,
});

/** The MQA outbox: every post that must land is a row first, so a failure or restart retries it instead of losing it. */
export function createMqaDeliveriesRepository(db: Db) {
  return {
    /** Records a post to make; the unique key makes a second enqueue of the same post a no-op. Returns the row id if new. */
    /** `now` is the time the post is due from: a scheduled tick passes its own time, so its due() finds the row. */
    async enqueue(
      d: {
        teamId: string;
        itemId: number;
        kind: MqaDeliveryKind;
        uniqueKey: string;
        channelId: string;
        threadTs?: string | null;
      },
      now: Date,
    ) {
      const row = await db
        .insertInto('mqa_deliveries')
        .values({
          team_id: d.teamId,
          item_id: d.itemId,
          kind: d.kind,
          unique_key: d.uniqueKey,
          channel_id: d.channelId,
          thread_ts: d.threadTs ?? null,
          status: 'pending',
          next_attempt_at: now.toISOString(),
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column('unique_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    /** Pending rows due at `now`, in id order, a page at a time: `afterId` continues after the previous page. */
    async due(now: Date, page: { afterId?: number; limit?: number } = {}): Promise<MqaDelivery[]> {
      const at = now.toISOString();
      const rows = await db
        .selectFrom('mqa_deliveries')
        .where(activeTeamCondition('mqa_deliveries.team_id'))
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', at)
        .where('id', '>', page.afterId ?? 0)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
        .orderBy('id')
        .limit(page.limit ?? 50)
        .execute();
      return rows.map(toDelivery);
    },

    async findById(id: number): Promise<MqaDelivery | undefined> {
      const row = await db.selectFrom('mqa_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toDelivery(row) : undefined;
    },

    async forItem(itemId: number): Promise<MqaDelivery[]> {
      const rows = await db
        .selectFrom('mqa_deliveries')
        .selectAll()
        .where('item_id', '=', itemId)
        .orderBy('id')
        .execute();
      return rows.map(toDelivery);
    },

    /** Takes the row for `leaseMs` (see claimLease); only the caller that gets true may post it. */
    claim: (id: number, now: Date, leaseMs: number) => claimLease(db, 'mqa_deliveries', id, now, leaseMs),

    /**
     * Like claim, and says whether an earlier attempt on the row ended without an outcome: markSent and markFailed
     * clear the lease, so an expired lease found on the row means the process that held it died, or could not record
     * what Slack answered, and Slack may have the post ('unfinished'). The claim is a compare-and-set on the lease
     * it read, so the answer is about the very attempt this claim takes over.
     */
    async claimAttempt(id: number, now: Date, leaseMs: number): Promise<'claimed' | 'unfinished' | undefined> {
      const at = now.toISOString();
      const row = await db
        .selectFrom('mqa_deliveries')
        .select('lease_until')
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
        .executeTakeFirst();
      if (!row) return undefined;
      const previous = row.lease_until;
      const result = await db
        .updateTable('mqa_deliveries')
        .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', at)
        .where((eb) => (previous === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', previous)))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      return previous === null ? 'claimed' : 'unfinished';
    },

    /**
     * Whether Slack has the post is not known yet (it could not be asked): tried again at `nextAttemptAt`, and the
     * lease stays set (expired at `now`), so that attempt checks Slack first too instead of posting blindly.
     */
    async postponeUnfinished(id: number, error: string, now: Date, nextAttemptAt: Date): Promise<void> {
      await db
        .updateTable('mqa_deliveries')
        .set((eb) => ({
          lease_until: now.toISOString(),
          last_error: error,
          next_attempt_at: nextAttemptAt.toISOString(),
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },

    async markSent(id: number, postedTs: string): Promise<void> {
      await db
        .updateTable('mqa_deliveries')
        .set((eb) => ({
          status: 'sent',
          posted_ts: postedTs,
          lease_until: null,
          last_error: null,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },

    async markFailed(id: number, error: string, nextAttemptAt: Date): Promise<void> {
      await db
        .updateTable('mqa_deliveries')
        .set((eb) => ({
          lease_until: null,
          last_error: error,
          next_attempt_at: nextAttemptAt.toISOString(),
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },
  };
}

export type MqaDeliveriesRepository = ReturnType<typeof createMqaDeliveriesRepository>;
