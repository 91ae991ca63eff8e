import { activeTeamCondition } from '../../db/active-teams.js';
import type { Db } from '../../db/open-database.js';
import { claimLease } from '../../db/outbox-lease.js';
import type { RitualPost, RitualPostKind, RitualPostStatus } from './domain/index.js';

type Row = {
  id: number;
  team_id: string;
  ritual_id: number;
  occurrence_at: string;
  kind: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  in_flight_since: string | null;
  last_error: string | null;
  channel_id: string;
  posted_ts: string | null;
  posted_at: string | null;
  late: number;
  problem_told: number;
};

const toPost = (r: Row): RitualPost => ({
  id: r.id,
  teamId: r.team_id,
  ritualId: r.ritual_id,
  occurrenceAt: new Date(r.occurrence_at),
  kind: r.kind as RitualPostKind,
  status: r.status as RitualPostStatus,
  attempts: r.attempts,
  nextAttemptAt: new Date(r.next_attempt_at),
  inFlightSince: r.in_flight_since ? new Date(r.in_flight_since) : null,
  lastError: r.last_error,
  channelId: r.channel_id,
  postedTs: r.posted_ts,
  postedAt: r.posted_at ? new Date(r.posted_at) : null,
  late: r.late === 1,
  problemTold: r.problem_told === 1,
});

/**
 * One row per (team, ritual, occurrence, kind). The row is the claim: it is inserted (on conflict nothing) before
 * anything is posted, and a lease on it decides which instance posts. Posted and missed rows are final.
 */
export function createRitualPostsRepository(db: Db) {
  return {
    /** Records an occurrence; true when this call created it (a second instance or tick gets false). */
    async record(
      p: {
        teamId: string;
        ritualId: number;
        occurrenceAt: Date;
        kind: RitualPostKind;
        status: 'pending' | 'missed';
        channelId: string;
      },
      now: Date,
    ): Promise<boolean> {
      const result = await db
        .insertInto('ritual_posts')
        .values({
          team_id: p.teamId,
          ritual_id: p.ritualId,
          occurrence_at: p.occurrenceAt.toISOString(),
          kind: p.kind,
          status: p.status,
          next_attempt_at: now.toISOString(),
          channel_id: p.channelId,
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['team_id', 'ritual_id', 'occurrence_at', 'kind']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    /** The latest recorded occurrence of the ritual (any status), to resume the scan after it. */
    async latestOccurrence(ritualId: number, kind: RitualPostKind): Promise<Date | undefined> {
      const row = await db
        .selectFrom('ritual_posts')
        .select('occurrence_at')
        .where('ritual_id', '=', ritualId)
        .where('kind', '=', kind)
        .orderBy('occurrence_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? new Date(row.occurrence_at) : undefined;
    },

    async due(now: Date, limit = 50): Promise<RitualPost[]> {
      const at = now.toISOString();
      const rows = await db
        .selectFrom('ritual_posts')
        .where(activeTeamCondition('ritual_posts.team_id'))
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
        .orderBy('occurrence_at')
        .limit(limit)
        .execute();
      return rows.map(toPost);
    },

    /** Takes the row for `leaseMs` (see claimLease); only the caller that gets true may post it. */
    claim: (id: number, now: Date, leaseMs: number) => claimLease(db, 'ritual_posts', id, now, leaseMs),

    async markInFlight(id: number, now: Date): Promise<void> {
      await db.updateTable('ritual_posts').set({ in_flight_since: now.toISOString() }).where('id', '=', id).execute();
    },

    async markPosted(id: number, ts: string, now: Date, late: boolean): Promise<void> {
      await db
        .updateTable('ritual_posts')
        .set((eb) => ({
          status: 'posted',
          posted_ts: ts,
          posted_at: now.toISOString(),
          late: late ? 1 : 0,
          lease_until: null,
          in_flight_since: null,
          last_error: null,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },

    async markFailed(id: number, error: string, nextAttemptAt: Date): Promise<void> {
      await db
        .updateTable('ritual_posts')
        .set((eb) => ({
          lease_until: null,
          in_flight_since: null,
          last_error: error,
          next_attempt_at: nextAttemptAt.toISOString(),
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },

    /** The ritual's channel changed since the row was recorded: later attempts go to the new one. */
    async setChannel(id: number, channelId: string): Promise<void> {
      await db.updateTable('ritual_posts').set({ channel_id: channelId }).where('id', '=', id).execute();
    },

    /** True only for the first caller: the creator hears about a post's channel problem once. */
    async markProblemTold(id: number): Promise<boolean> {
      const result = await db
        .updateTable('ritual_posts')
        .set({ problem_told: 1 })
        .where('id', '=', id)
        .where('problem_told', '=', 0)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** A heads-up still unsent when its meeting starts is no pre-read any more: recorded as skipped, never posted. */
    async markSkipped(id: number, error: string | null): Promise<void> {
      await db
        .updateTable('ritual_posts')
        .set({ status: 'skipped', lease_until: null, in_flight_since: null, last_error: error })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    /** A pending post of a ritual deleted or paused since it was recorded is not posted. */
    async markCancelled(id: number): Promise<void> {
      await db
        .updateTable('ritual_posts')
        .set({ status: 'cancelled', lease_until: null })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    /** Missed occurrences of the ritual before `before` that no post has mentioned yet. */
    async unmentionedMissed(ritualId: number, before: Date): Promise<RitualPost[]> {
      const rows = await db
        .selectFrom('ritual_posts')
        .selectAll()
        .where('ritual_id', '=', ritualId)
        .where('kind', '=', 'post')
        .where('status', '=', 'missed')
        .where('mentioned', '=', 0)
        .where('occurrence_at', '<', before.toISOString())
        .orderBy('occurrence_at')
        .execute();
      return rows.map(toPost);
    },

    async markMentioned(ids: number[]): Promise<void> {
      if (ids.length === 0) return;
      await db.updateTable('ritual_posts').set({ mentioned: 1 }).where('id', 'in', ids).execute();
    },

    async find(teamId: string, id: number): Promise<RitualPost | undefined> {
      const row = await db
        .selectFrom('ritual_posts')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toPost(row) : undefined;
    },

    /** The ritual's posted post before `before`, e.g. the previous monthly sync. */
    async previousPosted(ritualId: number, before: Date): Promise<RitualPost | undefined> {
      const row = await db
        .selectFrom('ritual_posts')
        .selectAll()
        .where('ritual_id', '=', ritualId)
        .where('kind', '=', 'post')
        .where('status', '=', 'posted')
        .where('occurrence_at', '<', before.toISOString())
        .orderBy('occurrence_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toPost(row) : undefined;
    },

    async listForRitual(ritualId: number): Promise<RitualPost[]> {
      const rows = await db
        .selectFrom('ritual_posts')
        .selectAll()
        .where('ritual_id', '=', ritualId)
        .orderBy('occurrence_at')
        .execute();
      return rows.map(toPost);
    },
  };
}

export type RitualPostsRepository = ReturnType<typeof createRitualPostsRepository>;
