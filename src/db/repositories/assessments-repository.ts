import type { Db } from '../open-database.js';

export interface NewAssessment {
  teamId: string;
  userId: string;
  segment: string;
  scores: Record<string, number>;
  notes: Record<string, string>;
  redFlags: string[];
  originChannelId: string | null;
  targetChannelId: string;
  sourceViewId: string | null;
  createdAt: Date;
}

export interface StoredAssessment extends NewAssessment {
  id: number;
  postedChannelId: string | null;
  postedTs: string | null;
  postError: string | null;
}

export function createAssessmentsRepository(db: Db) {
  async function load(where: { teamId: string; id?: number; sourceViewId?: string }) {
    let query = db.selectFrom('assessments').selectAll().where('team_id', '=', where.teamId);
    if (where.id !== undefined) query = query.where('id', '=', where.id);
    if (where.sourceViewId !== undefined) query = query.where('source_view_id', '=', where.sourceViewId);
    const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!row) return undefined;
    const [scores, flags] = await Promise.all([
      db.selectFrom('assessment_scores').selectAll().where('assessment_id', '=', row.id).execute(),
      db.selectFrom('assessment_red_flags').select('flag_key').where('assessment_id', '=', row.id).orderBy('flag_key').execute(),
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
      const id = await db.transaction().execute(async (trx) => {
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
        return id;
      });
      if (id === undefined) {
        const existing = input.sourceViewId === null ? undefined : await load({ teamId: input.teamId, sourceViewId: input.sourceViewId });
        if (!existing) throw new Error('An assessment insert conflicted but no earlier row was found');
        return { assessment: existing, created: false };
      }
      // Built from what was written rather than read back: this runs before Slack's ack, so fewer queries matter.
      const redFlags = [...new Set(input.redFlags)].sort();
      return { assessment: { ...input, redFlags, id, postedChannelId: null, postedTs: null, postError: null }, created: true };
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
        .select('id')
        .where('team_id', '=', teamId)
        .where((eb) => eb.or([eb('created_at', '<', iso), eb.and([eb('created_at', '=', iso), eb('id', '<', id)])]))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? load({ teamId, id: row.id }) : undefined;
    },

    async markPosted(id: number, channelId: string, ts: string): Promise<void> {
      await db
        .updateTable('assessments')
        .set({ posted_channel_id: channelId, posted_ts: ts, post_error: null })
        .where('id', '=', id)
        .execute();
    },

    async markPostFailed(id: number, error: string): Promise<void> {
      await db.updateTable('assessments').set({ post_error: error }).where('id', '=', id).execute();
    },
  };
}

export type AssessmentsRepository = ReturnType<typeof createAssessmentsRepository>;
