import type { Selectable } from 'kysely';
import { activeTeamCondition } from '../../db/active-teams.js';
import type { Db } from '../../db/open-database.js';
import type { FollowUpsTable } from '../../db/tables/rituals.js';
import type { FollowUp, NewFollowUp } from './domain/index.js';

type Row = Selectable<FollowUpsTable>;

const toFollowUp = (r: Row): FollowUp => ({
  id: r.id,
  teamId: r.team_id,
  ritualId: r.ritual_id,
  postId: r.post_id,
  what: r.what,
  ownerId: r.owner_id,
  dueDate: r.due_date,
  timeZone: r.time_zone,
  status: r.status as FollowUp['status'],
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  doneAt: r.done_at ? new Date(r.done_at) : null,
  doneBy: r.done_by,
  remindedAt: r.reminded_at ? new Date(r.reminded_at) : null,
  threadChannelId: r.thread_channel_id,
  threadMessageTs: r.thread_message_ts,
  remindAttempts: r.remind_attempts,
});

export function createFollowUpsRepository(db: Db) {
  const team = (teamId: string) => db.selectFrom('follow_ups').selectAll().where('team_id', '=', teamId);

  return {
    /** One row per modal submission (view id): a redelivered submission returns the first row with created=false. */
    async insert(f: NewFollowUp, now: Date): Promise<{ followUp: FollowUp; created: boolean }> {
      const result = await db
        .insertInto('follow_ups')
        .values({
          team_id: f.teamId,
          ritual_id: f.ritualId,
          post_id: f.postId,
          what: f.what,
          owner_id: f.ownerId,
          due_date: f.dueDate,
          time_zone: f.timeZone,
          status: 'open',
          created_by: f.createdBy,
          created_at: now.toISOString(),
          source_view_id: f.sourceViewId,
        })
        .onConflict((oc) => oc.columns(['team_id', 'source_view_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      const created = result !== undefined;
      let query = team(f.teamId);
      query = created ? query.where('id', '=', result.id) : query.where('source_view_id', '=', f.sourceViewId);
      return { followUp: toFollowUp(await query.executeTakeFirstOrThrow()), created };
    },

    async find(teamId: string, id: number): Promise<FollowUp | undefined> {
      const row = await team(teamId).where('id', '=', id).executeTakeFirst();
      return row ? toFollowUp(row) : undefined;
    },

    async openFor(teamId: string, ownerId: string): Promise<FollowUp[]> {
      return (
        await team(teamId)
          .where('owner_id', '=', ownerId)
          .where('status', '=', 'open')
          .orderBy('due_date')
          .orderBy('id')
          .execute()
      ).map(toFollowUp);
    },

    async listForTeam(teamId: string): Promise<FollowUp[]> {
      return (await team(teamId).orderBy('due_date').orderBy('id').execute()).map(toFollowUp);
    },

    /**
     * What a review of [from, to) shows (`followUpLines`): those done in the period and those open by its end. A team
     * keeps years of done actions; the digest reads the period's, not all of them.
     */
    async listForPeriod(teamId: string, from: Date, to: Date): Promise<FollowUp[]> {
      const [start, end] = [from.toISOString(), to.toISOString()];
      const rows = await team(teamId)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'open'), eb('created_at', '<', end)]),
            eb.and([eb('status', '=', 'done'), eb('done_at', '>=', start), eb('done_at', '<', end)]),
          ]),
        )
        .orderBy('due_date')
        .orderBy('id')
        .execute();
      return rows.map(toFollowUp);
    },

    async listForPost(teamId: string, postId: number): Promise<FollowUp[]> {
      return (await team(teamId).where('post_id', '=', postId).orderBy('id').execute()).map(toFollowUp);
    },

    /** True only for the call that closed it, so a double click reports once. */
    async markDone(teamId: string, id: number, actorId: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('follow_ups')
        .set({ status: 'done', done_at: now.toISOString(), done_by: actorId })
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async setThreadMessage(id: number, channelId: string, ts: string): Promise<void> {
      await db
        .updateTable('follow_ups')
        .set({ thread_channel_id: channelId, thread_message_ts: ts })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Open, not yet reminded follow-ups whose due date is on or before the latest date in any zone (filtered by the
     * service), whose next attempt is due and that nobody holds a lease on.
     */
    async unremindedOpen(onOrBefore: string, now: Date): Promise<FollowUp[]> {
      const at = now.toISOString();
      const rows = await db
        .selectFrom('follow_ups')
        .where(activeTeamCondition('follow_ups.team_id'))
        .selectAll()
        .where('status', '=', 'open')
        .where('reminded_at', 'is', null)
        .where('due_date', '<=', onOrBefore)
        .where((eb) => eb.or([eb('remind_next_at', 'is', null), eb('remind_next_at', '<=', at)]))
        .where((eb) => eb.or([eb('remind_lease_until', 'is', null), eb('remind_lease_until', '<=', at)]))
        .orderBy('id')
        .execute();
      return rows.map(toFollowUp);
    },

    /**
     * Leases the reminder for `leaseMs`; true only for the one caller that may send it. A crash mid-send leaves the
     * lease to expire, and the DM is sent again rather than lost.
     */
    async claimReminder(id: number, now: Date, leaseMs: number): Promise<boolean> {
      const at = now.toISOString();
      const result = await db
        .updateTable('follow_ups')
        .set({ remind_lease_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('id', '=', id)
        .where('reminded_at', 'is', null)
        .where((eb) => eb.or([eb('remind_next_at', 'is', null), eb('remind_next_at', '<=', at)]))
        .where((eb) => eb.or([eb('remind_lease_until', 'is', null), eb('remind_lease_until', '<=', at)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Slack took the DM: final. */
    async markReminded(id: number, now: Date): Promise<void> {
      await db
        .updateTable('follow_ups')
        .set({ reminded_at: now.toISOString(), remind_lease_until: null })
        .where('id', '=', id)
        .execute();
    },

    /** Slack did not take the DM: counted, tried again at `nextAttemptAt`. */
    async markReminderFailed(id: number, nextAttemptAt: Date): Promise<void> {
      await db
        .updateTable('follow_ups')
        .set((eb) => ({
          remind_attempts: eb('remind_attempts', '+', 1),
          remind_next_at: nextAttemptAt.toISOString(),
          remind_lease_until: null,
        }))
        .where('id', '=', id)
        .execute();
    },
  };
}

export type FollowUpsRepository = ReturnType<typeof createFollowUpsRepository>;
