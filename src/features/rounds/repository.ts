import type { Selectable } from 'kysely';
import { z } from 'zod';
import { activeTeamCondition } from '../../db/active-teams.js';
import type { Db } from '../../db/open-database.js';
import type { AssessmentRoundResponsesTable, AssessmentRoundsTable } from '../../db/tables/rounds.js';
import type { NewRound, RoundAnswer, StoredRound, StoredRoundResponse } from './domain/round.js';

const scoresJson = z.record(z.string(), z.number());
const flagsJson = z.array(z.string());
const notesJson = z.record(z.string(), z.string());

const date = (value: string | null) => (value === null ? null : new Date(value));

export function createRoundsRepository(db: Db) {
  async function invitees(roundId: number): Promise<string[]> {
    const rows = await db
      .selectFrom('assessment_round_invitees')
      .select('user_id')
      .where('round_id', '=', roundId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  async function toRound(row: Selectable<AssessmentRoundsTable>): Promise<StoredRound> {
    return {
      id: row.id,
      teamId: row.team_id,
      channelId: row.channel_id,
      startedBy: row.started_by,
      segment: row.segment,
      anonymous: row.anonymous === 1,
      invitees: await invitees(row.id),
      createdAt: new Date(row.created_at),
      deadlineAt: new Date(row.deadline_at),
      invitationTs: row.invitation_ts,
      status: row.status === 'closed' ? 'closed' : 'open',
      closedAt: date(row.closed_at),
      closedBy: row.closed_by,
      summaryTs: row.summary_ts,
      summaryError: row.summary_error,
      summaryAttempts: row.summary_attempts,
      nudgedAt: date(row.nudged_at),
    };
  }

  const toResponse = (row: Selectable<AssessmentRoundResponsesTable>): StoredRoundResponse => ({
    roundId: row.round_id,
    userId: row.user_id,
    function: row.function,
    scores: scoresJson.parse(JSON.parse(row.scores)),
    redFlags: flagsJson.parse(JSON.parse(row.red_flags)),
    notes: notesJson.parse(JSON.parse(row.notes)),
    invited: row.invited === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    edits: row.edits,
  });

  async function findById(teamId: string, id: number): Promise<StoredRound | undefined> {
    const row = await db
      .selectFrom('assessment_rounds')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  return {
    /** The round and its invitees in one transaction. */
    async insert(input: NewRound): Promise<StoredRound> {
      const id = await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('assessment_rounds')
          .values({
            team_id: input.teamId,
            channel_id: input.channelId,
            started_by: input.startedBy,
            segment: input.segment,
            anonymous: input.anonymous ? 1 : 0,
            created_at: input.createdAt.toISOString(),
            deadline_at: input.deadlineAt.toISOString(),
            status: 'open',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const unique = [...new Set(input.invitees)];
        if (unique.length > 0) {
          await trx
            .insertInto('assessment_round_invitees')
            .values(unique.map((user_id) => ({ round_id: id, user_id })))
            .execute();
        }
        return id;
      });
      const round = await findById(input.teamId, id);
      if (!round) throw new Error(`Round ${id} vanished right after it was stored`);
      return round;
    },

    /** For a round whose invitation could not be posted: it never existed for anyone. */
    async delete(teamId: string, id: number): Promise<void> {
      await db.deleteFrom('assessment_rounds').where('team_id', '=', teamId).where('id', '=', id).execute();
    },

    findById,

    async setInvitationTs(id: number, ts: string): Promise<void> {
      await db.updateTable('assessment_rounds').set({ invitation_ts: ts }).where('id', '=', id).execute();
    },

    /** Open rounds whose deadline is at or before `now`, any team. */
    async findDue(now: Date): Promise<StoredRound[]> {
      const rows = await db
        .selectFrom('assessment_rounds')
        .where(activeTeamCondition('assessment_rounds.team_id'))
        .selectAll()
        .where('status', '=', 'open')
        .where('deadline_at', '<=', now.toISOString())
        .orderBy('id')
        .execute();
      return Promise.all(rows.map(toRound));
    },

    /** Open rounds, not yet nudged, whose deadline falls within `window` ms after `now`. */
    async findToNudge(now: Date, windowMs: number): Promise<StoredRound[]> {
      const rows = await db
        .selectFrom('assessment_rounds')
        .where(activeTeamCondition('assessment_rounds.team_id'))
        .selectAll()
        .where('status', '=', 'open')
        .where('nudged_at', 'is', null)
        .where('deadline_at', '>', now.toISOString())
        .where('deadline_at', '<=', new Date(now.getTime() + windowMs).toISOString())
        .orderBy('id')
        .execute();
      return Promise.all(rows.map(toRound));
    },

    /** Closed rounds without a summary whose next attempt (or the lease of an attempt that never finished) is due. */
    async findSummaryRetries(now: Date): Promise<StoredRound[]> {
      const rows = await db
        .selectFrom('assessment_rounds')
        .where(activeTeamCondition('assessment_rounds.team_id'))
        .selectAll()
        .where('status', '=', 'closed')
        .where('summary_ts', 'is', null)
        // Null: closed but no attempt ever claimed (the process died right after the close); the claim's
        // compare-and-set on the attempt count keeps a concurrent "Close round" and this job from both posting.
        .where((eb) =>
          eb.or([eb('summary_next_attempt_at', 'is', null), eb('summary_next_attempt_at', '<=', now.toISOString())]),
        )
        .orderBy('id')
        .execute();
      return Promise.all(rows.map(toRound));
    },

    /** The claim: true for exactly one caller, whichever process or click gets there first. */
    async claimClose(id: number, closedBy: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('assessment_rounds')
        .set({ status: 'closed', closed_at: now.toISOString(), closed_by: closedBy, summary_attempts: 0 })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Claims one summary attempt (compare-and-set on the attempt count); true for exactly one caller. The next attempt
     * time is set to `leaseUntil` meanwhile, so nobody else tries while this attempt (and the client's retries) runs.
     */
    async claimSummaryAttempt(id: number, attempts: number, now: Date, leaseUntil: Date): Promise<boolean> {
      const result = await db
        .updateTable('assessment_rounds')
        .set({ summary_attempts: attempts + 1, summary_next_attempt_at: leaseUntil.toISOString() })
        .where('id', '=', id)
        .where('summary_attempts', '=', attempts)
        .where('summary_ts', 'is', null)
        .where((eb) =>
          eb.or([eb('summary_next_attempt_at', 'is', null), eb('summary_next_attempt_at', '<=', now.toISOString())]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async markSummaryPosted(id: number, ts: string): Promise<void> {
      await db
        .updateTable('assessment_rounds')
        .set({ summary_ts: ts, summary_error: null, summary_next_attempt_at: null })
        .where('id', '=', id)
        .execute();
    },

    /** The attempt failed: the lease gives way to the backoff, and the job tries again at `nextAttemptAt`. */
    async markSummaryFailed(id: number, error: string, nextAttemptAt: Date): Promise<void> {
      await db
        .updateTable('assessment_rounds')
        .set({ summary_error: error, summary_next_attempt_at: nextAttemptAt.toISOString() })
        .where('id', '=', id)
        .execute();
    },

    /** Claims the one nudge of a round. */
    async claimNudge(id: number, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('assessment_rounds')
        .set({ nudged_at: now.toISOString() })
        .where('id', '=', id)
        .where('nudged_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Stores or replaces a respondent's answer (the latest counts). The same view delivered twice is a no-op.
     * Returns 'created', 'edited' or 'duplicate'.
     */
    async upsertResponse(
      roundId: number,
      userId: string,
      answer: RoundAnswer,
      meta: { invited: boolean; now: Date; sourceViewId: string | null },
    ): Promise<'created' | 'edited' | 'duplicate'> {
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('assessment_round_responses')
          .select(['source_view_id', 'edits'])
          .where('round_id', '=', roundId)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        const values = {
          function: answer.function,
          scores: JSON.stringify(answer.scores),
          red_flags: JSON.stringify([...new Set(answer.redFlags)].sort()),
          notes: JSON.stringify(answer.notes),
          invited: meta.invited ? 1 : 0,
          updated_at: meta.now.toISOString(),
          source_view_id: meta.sourceViewId,
        };
        if (!existing) {
          await trx
            .insertInto('assessment_round_responses')
            .values({ round_id: roundId, user_id: userId, created_at: meta.now.toISOString(), edits: 0, ...values })
            .execute();
          return 'created';
        }
        if (meta.sourceViewId !== null && existing.source_view_id === meta.sourceViewId) return 'duplicate';
        await trx
          .updateTable('assessment_round_responses')
          .set({ ...values, edits: existing.edits + 1 })
          .where('round_id', '=', roundId)
          .where('user_id', '=', userId)
          .execute();
        return 'edited';
      });
    },

    async findResponse(roundId: number, userId: string): Promise<StoredRoundResponse | undefined> {
      const row = await db
        .selectFrom('assessment_round_responses')
        .selectAll()
        .where('round_id', '=', roundId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toResponse(row) : undefined;
    },

    /** Latest answer of each respondent, in the order they first answered. */
    async responses(roundId: number): Promise<StoredRoundResponse[]> {
      const rows = await db
        .selectFrom('assessment_round_responses')
        .selectAll()
        .where('round_id', '=', roundId)
        .orderBy('created_at')
        .orderBy('user_id')
        .execute();
      return rows.map(toResponse);
    },

    async countResponses(roundId: number): Promise<number> {
      const row = await db
        .selectFrom('assessment_round_responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('round_id', '=', roundId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The team's rounds closed at or before `at`, newest first, a page at a time. */
    async closedRoundsUpTo(teamId: string, at: Date, limit: number, offset = 0): Promise<StoredRound[]> {
      const rows = await db
        .selectFrom('assessment_rounds')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('status', '=', 'closed')
        .where('closed_at', '<=', at.toISOString())
        .orderBy('closed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return Promise.all(rows.map(toRound));
    },

    /** The team's closed rounds, newest first. */
    async closedRounds(teamId: string, limit = 1000): Promise<StoredRound[]> {
      const rows = await db
        .selectFrom('assessment_rounds')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('status', '=', 'closed')
        .orderBy('closed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return Promise.all(rows.map(toRound));
    },
  };
}

export type RoundsRepository = ReturnType<typeof createRoundsRepository>;
