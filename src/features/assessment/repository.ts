import type { Selectable } from 'kysely';
import { activeTeamCondition } from '../../db/active-teams.js';
import type { Db } from '../../db/open-database.js';
import { leaseClaim } from '../../db/outbox-lease.js';
import { sqliteHandles } from '../../db/sqlite.js';
import type { AssessmentSummaryPostsTable, AssessmentsTable } from '../../db/tables/assessments.js';
import type { MessageRef, NewAssessment, StoredAssessment, SummaryPost, SummaryPostStatus } from './domain/index.js';

const toSummaryPost = (r: Selectable<AssessmentSummaryPostsTable>): SummaryPost => ({
  id: r.id,
  teamId: r.team_id,
  assessmentId: r.assessment_id,
  status: r.status as SummaryPostStatus,
  attempts: r.attempts,
  nextAttemptAt: new Date(r.next_attempt_at),
  leaseUntil: r.lease_until ? new Date(r.lease_until) : null,
  inFlightSince: r.in_flight_since ? new Date(r.in_flight_since) : null,
  notice: r.notice_channel_id && r.notice_ts ? { channelId: r.notice_channel_id, ts: r.notice_ts } : null,
});

export function createAssessmentsRepository(db: Db) {
  async function load(where: { teamId: string; id?: number; sourceViewId?: string }) {
    let query = db.selectFrom('assessments').selectAll().where('team_id', '=', where.teamId);
    if (where.id !== undefined) query = query.where('id', '=', where.id);
    if (where.sourceViewId !== undefined) query = query.where('source_view_id', '=', where.sourceViewId);
    const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? withDetails(row) : undefined;
  }

  /** The stored assessment of `row`, with its scores, notes and red flags. */
  async function withDetails(row: Selectable<AssessmentsTable>): Promise<StoredAssessment> {
    const [scores, flags] = await Promise.all([
      db.selectFrom('assessment_scores').selectAll().where('assessment_id', '=', row.id).execute(),
      db
        .selectFrom('assessment_red_flags')
        .select('flag_key')
        .where('assessment_id', '=', row.id)
        .orderBy('flag_key')
        .execute(),
    ]);
    const assessment: StoredAssessment = {
      id: row.id,
      teamId: row.team_id,
      userId: row.user_id,
      segment: row.segment,
      scores: Object.fromEntries(scores.map((s) => [s.dimension, s.score])),
      notes: Object.fromEntries(scores.filter((s) => s.note !== null).map((s) => [s.dimension, s.note as string])),
      redFlags: flags.map((f) => f.flag_key),
      originChannelId: row.origin_channel_id,
      targetChannelId: row.target_channel_id,
      sourceViewId: row.source_view_id,
      createdAt: new Date(row.created_at),
      postedChannelId: row.posted_channel_id,
      postedTs: row.posted_ts,
      postError: row.post_error,
    };
    return assessment;
  }

  return {
    /**
     * Stores an assessment with its scores and flags in one transaction. A second delivery of the same
     * modal submission (same view id) returns the first row with created=false and writes nothing.
     */
    async insert(input: NewAssessment): Promise<{ assessment: StoredAssessment; created: boolean }> {
      // SQLite: one synchronous transaction when the connection is free, so no query queued by after-ack work can
      // run before it (a kysely transaction would wait its turn on the connection, one statement per microtask).
      const handle = sqliteHandles.get(db);
      const id =
        handle && !handle.inTransaction
          ? insertNow(handle, input)
          : await db.transaction().execute(async (trx) => {
              const inserted = await trx
                .insertInto('assessments')
                .values({
                  team_id: input.teamId,
                  user_id: input.userId,
                  segment: input.segment,
                  origin_channel_id: input.originChannelId,
                  target_channel_id: input.targetChannelId,
                  source_view_id: input.sourceViewId,
                  created_at: input.createdAt.toISOString(),
                })
                // The unique (team, view id) makes a redelivered submission insert nothing.
                .onConflict((oc) => oc.columns(['team_id', 'source_view_id']).doNothing())
                .returning('id')
                .executeTakeFirst();
              if (inserted === undefined) return undefined;
              const id = inserted.id;
              await trx
                .insertInto('assessment_scores')
                .values(
                  Object.entries(input.scores).map(([dimension, score]) => ({
                    assessment_id: id,
                    dimension,
                    score,
                    note: input.notes[dimension] ?? null,
                  })),
                )
                .execute();
              if (input.redFlags.length > 0) {
                await trx
                  .insertInto('assessment_red_flags')
                  .values([...new Set(input.redFlags)].map((flag_key) => ({ assessment_id: id, flag_key })))
                  .execute();
              }
              // The post is due at once; whoever claims it first (the submission's own work or a tick) posts it.
              const at = input.createdAt.toISOString();
              await trx
                .insertInto('assessment_summary_posts')
                .values({
                  team_id: input.teamId,
                  assessment_id: id,
                  status: 'pending',
                  next_attempt_at: at,
                  created_at: at,
                })
                .execute();
              return id;
            });
      if (id === undefined) {
        const existing =
          input.sourceViewId === null
            ? undefined
            : await load({ teamId: input.teamId, sourceViewId: input.sourceViewId });
        if (!existing) throw new Error('An assessment insert conflicted but no earlier row was found');
        return { assessment: existing, created: false };
      }
      // Built from what was written rather than read back: this runs before Slack's ack, so fewer queries matter.
      const redFlags = [...new Set(input.redFlags)].sort();
      return {
        assessment: { ...input, redFlags, id, postedChannelId: null, postedTs: null, postError: null },
        created: true,
      };
    },

    findById: (teamId: string, id: number) => load({ teamId, id }),

    findLatest: (teamId: string) => load({ teamId }),

    /** Every assessment of the team, oldest first (history and export). */
    async listAll(teamId: string): Promise<StoredAssessment[]> {
      const ids = await db.selectFrom('assessments').select('id').where('team_id', '=', teamId).orderBy('id').execute();
      const loaded = await Promise.all(ids.map(({ id }) => load({ teamId, id })));
      return loaded.filter((a): a is StoredAssessment => a !== undefined);
    },

    /** The team's last `count` assessments taken before `before`, oldest first. */
    async latestBefore(teamId: string, before: Date, count: number): Promise<StoredAssessment[]> {
      const ids = await db
        .selectFrom('assessments')
        .select('id')
        .where('team_id', '=', teamId)
        .where('created_at', '<', before.toISOString())
        .orderBy('id', 'desc')
        .limit(count)
        .execute();
      const loaded = await Promise.all(ids.reverse().map(({ id }) => load({ teamId, id })));
      return loaded.filter((a): a is StoredAssessment => a !== undefined);
    },

    /** The team's latest assessment before (`at`, `id`) in (created_at, id) order: the order results are compared in. */
    async findLatestBefore(teamId: string, at: Date, id: number): Promise<StoredAssessment | undefined> {
      const iso = at.toISOString();
      const row = await db
        .selectFrom('assessments')
        .selectAll()
        .where('team_id', '=', teamId)
        .where((eb) => eb.or([eb('created_at', '<', iso), eb.and([eb('created_at', '=', iso), eb('id', '<', id)])]))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? withDetails(row) : undefined;
    },

    async summaryPost(assessmentId: number): Promise<SummaryPost | undefined> {
      const row = await db
        .selectFrom('assessment_summary_posts')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .executeTakeFirst();
      return row ? toSummaryPost(row) : undefined;
    },

    /** Pending summary posts that are due and not held by a live lease, any team, oldest first. */
    async dueSummaryPosts(now: Date, limit = 50): Promise<SummaryPost[]> {
      const at = now.toISOString();
      const rows = await db
        .selectFrom('assessment_summary_posts')
        .where(activeTeamCondition('assessment_summary_posts.team_id'))
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toSummaryPost);
    },

    /**
     * Takes the row for `leaseMs` (see leaseClaim) and returns it as it stands under the lease; only the caller that
     * gets a row may post it. Returning the row saves a read after the claim on every summary.
     */
    async claimSummaryPost(id: number, now: Date, leaseMs: number): Promise<SummaryPost | undefined> {
      const row = await leaseClaim(db, 'assessment_summary_posts', id, now, leaseMs).returningAll().executeTakeFirst();
      return row ? toSummaryPost(row as Selectable<AssessmentSummaryPostsTable>) : undefined;
    },

    /**
     * claimSummaryPost for the post of an assessment (the submission knows no post id), found in the same statement,
     * and marked in flight by it: only a post no attempt ever had in flight is taken, so nothing need be checked in
     * Slack first. One statement where a claim and its mark would be two awaited turns of a busy loop.
     */
    async claimFreshSummaryPostOf(assessmentId: number, now: Date, leaseMs: number): Promise<SummaryPost | undefined> {
      const postId = db
        .selectFrom('assessment_summary_posts')
        .select('id')
        .where('assessment_id', '=', assessmentId)
        .$asScalar();
      const row = await leaseClaim(db, 'assessment_summary_posts', postId, now, leaseMs)
        .set({ in_flight_since: now.toISOString() })
        .where('in_flight_since', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row ? toSummaryPost(row as Selectable<AssessmentSummaryPostsTable>) : undefined;
    },

    async markSummaryInFlight(id: number, now: Date): Promise<void> {
      await db
        .updateTable('assessment_summary_posts')
        .set({ in_flight_since: now.toISOString() })
        .where('id', '=', id)
        .execute();
    },

    /** Posted: final. The assessment row keeps where, for the summary's readers. */
    async markSummaryPosted(post: SummaryPost, channelId: string, ts: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('assessment_summary_posts')
          .set((eb) => ({
            status: 'posted',
            lease_until: null,
            in_flight_since: null,
            attempts: eb('attempts', '+', 1),
          }))
          .where('id', '=', post.id)
          .execute();
        await trx
          .updateTable('assessments')
          .set({ posted_channel_id: channelId, posted_ts: ts, post_error: null })
          .where('id', '=', post.assessmentId)
          .execute();
      });
    },

    /**
     * The attempt failed. `nextAttemptAt` set: a passing failure, retried then by the scheduler; null: the channel
     * refused, and the post waits for the person's "Post again".
     */
    async markSummaryFailed(post: SummaryPost, error: string, nextAttemptAt: Date | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('assessment_summary_posts')
          .set((eb) => ({
            status: nextAttemptAt ? 'pending' : 'refused',
            ...(nextAttemptAt ? { next_attempt_at: nextAttemptAt.toISOString() } : {}),
            lease_until: null,
            in_flight_since: null,
            attempts: eb('attempts', '+', 1),
          }))
          .where('id', '=', post.id)
          .execute();
        await trx.updateTable('assessments').set({ post_error: error }).where('id', '=', post.assessmentId).execute();
      });
    },

    /** Gives the lease back without an attempt: still pending and still in flight (its outcome is unknown), due at `nextAttemptAt`. */
    async postponeSummaryPost(post: SummaryPost, nextAttemptAt: Date): Promise<void> {
      await db
        .updateTable('assessment_summary_posts')
        .set({ lease_until: null, next_attempt_at: nextAttemptAt.toISOString() })
        .where('id', '=', post.id)
        .execute();
    },

    /**
     * "Post again": a refused or waiting post becomes due now (a live lease still decides who posts). An assessment
     * stored without an outbox row (written by hand or by an older version) gets one. Returns the row.
     */
    async requeueSummaryPost(
      assessment: Pick<StoredAssessment, 'id' | 'teamId' | 'postedTs'>,
      now: Date,
    ): Promise<SummaryPost> {
      const at = now.toISOString();
      await db
        .insertInto('assessment_summary_posts')
        .values({
          team_id: assessment.teamId,
          assessment_id: assessment.id,
          status: assessment.postedTs ? 'posted' : 'pending',
          next_attempt_at: at,
          created_at: at,
        })
        .onConflict((oc) => oc.column('assessment_id').doNothing())
        .execute();
      await db
        .updateTable('assessment_summary_posts')
        .set({ status: 'pending', next_attempt_at: at })
        .where('assessment_id', '=', assessment.id)
        .where('status', 'in', ['pending', 'refused'])
        .execute();
      const post = await db
        .selectFrom('assessment_summary_posts')
        .selectAll()
        .where('assessment_id', '=', assessment.id)
        .executeTakeFirstOrThrow();
      return toSummaryPost(post);
    },

    /** Remembers the person's "on its way" note; only the first one counts, so a person never gets two. */
    async recordSummaryNotice(id: number, notice: MessageRef): Promise<boolean> {
      const result = await db
        .updateTable('assessment_summary_posts')
        .set({ notice_channel_id: notice.channelId, notice_ts: notice.ts })
        .where('id', '=', id)
        .where('notice_ts', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type AssessmentsRepository = ReturnType<typeof createAssessmentsRepository>;

type SqliteHandle = NonNullable<ReturnType<(typeof sqliteHandles)['get']>>;

/** Prepared once per connection: the same four inserts as the kysely transaction in `insert`. */
const preparedInserts = new WeakMap<SqliteHandle, ReturnType<typeof prepareInserts>>();

function prepareInserts(handle: SqliteHandle) {
  const assessment = handle.prepare(
    `insert into assessments (team_id, user_id, segment, origin_channel_id, target_channel_id, source_view_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?) on conflict (team_id, source_view_id) do nothing returning id`,
  );
  const score = handle.prepare(
    'insert into assessment_scores (assessment_id, dimension, score, note) values (?, ?, ?, ?)',
  );
  const flag = handle.prepare('insert into assessment_red_flags (assessment_id, flag_key) values (?, ?)');
  const post = handle.prepare(
    `insert into assessment_summary_posts (team_id, assessment_id, status, next_attempt_at, created_at)
     values (?, ?, 'pending', ?, ?)`,
  );
  const write = handle.transaction((input: NewAssessment): number | undefined => {
    const at = input.createdAt.toISOString();
    const row = assessment.get(
      input.teamId,
      input.userId,
      input.segment,
      input.originChannelId,
      input.targetChannelId,
      input.sourceViewId,
      at,
    ) as { id: number } | undefined;
    if (row === undefined) return undefined;
    for (const [dimension, value] of Object.entries(input.scores))
      score.run(row.id, dimension, value, input.notes[dimension] ?? null);
    for (const key of new Set(input.redFlags)) flag.run(row.id, key);
    post.run(input.teamId, row.id, at, at);
    return row.id;
  });
  return write;
}

/** The new assessment's id, or undefined when this view was stored before; BEGIN IMMEDIATE like every transaction here. */
function insertNow(handle: SqliteHandle, input: NewAssessment): number | undefined {
  let write = preparedInserts.get(handle);
  if (!write) {
    write = prepareInserts(handle);
    preparedInserts.set(handle, write);
  }
  return write.immediate(input);
}
