import { type Migration, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { createAssessmentsRepository } from '../../src/features/assessment/repository.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';

const opened: Array<{ db: Db; database: TestDatabase }> = [];
afterEach(async () => {
  for (const { db, database } of opened.splice(0)) {
    await db.destroy();
    await database.dispose();
  }
});

async function database() {
  const empty = await testDatabase({ migrated: false });
  const db = await openDatabase(empty.url);
  opened.push({ db, database: empty });
  return db;
}

const MINUTE = 60_000;

/** One single assessment of team T1 for channel C1, stored as a submission of view `viewId` stores it. */
async function storeAssessment(repository: ReturnType<typeof createAssessmentsRepository>, viewId: string, at: Date) {
  const { assessment } = await repository.insert({
    teamId: 'T1',
    userId: 'U1',
    segment: 'pure_plg',
    scores: { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 3, feedback_loop: 4 },
    notes: {},
    redFlags: [],
    originChannelId: null,
    targetChannelId: 'C1',
    sourceViewId: viewId,
    createdAt: at,
  });
  return assessment;
}

describe('assessment summary posts', () => {
  it('are created for assessments stored before the outbox existed: posted ones done, failed ones waiting, lost ones due', async () => {
    const db = await database();
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations as Record<string, Migration> },
    });
    await migrator.migrateTo('2026-11-23T60-delivery-retries');
    const base = {
      team_id: 'T1',
      user_id: 'U1',
      segment: 'pure_plg',
      origin_channel_id: null,
      target_channel_id: 'C1',
      source_view_id: null,
    };
    await db
      .insertInto('assessments')
      .values([
        {
          ...base,
          created_at: '2026-11-20T10:00:00.000Z',
          posted_channel_id: 'C1',
          posted_ts: '1.1',
          post_error: null,
        },
        {
          ...base,
          created_at: '2026-11-21T10:00:00.000Z',
          posted_channel_id: null,
          posted_ts: null,
          post_error: 'not_in_channel: not_in_channel',
        },
        { ...base, created_at: '2026-11-22T10:00:00.000Z', posted_channel_id: null, posted_ts: null, post_error: null },
      ])
      .execute();
    await migrateToLatest(db);

    const rows = await db
      .selectFrom('assessment_summary_posts')
      .select(['assessment_id', 'status', 'next_attempt_at'])
      .orderBy('assessment_id')
      .execute();
    expect(rows).toEqual([
      { assessment_id: 1, status: 'posted', next_attempt_at: '2026-11-20T10:00:00.000Z' },
      { assessment_id: 2, status: 'refused', next_attempt_at: '2026-11-21T10:00:00.000Z' },
      { assessment_id: 3, status: 'pending', next_attempt_at: '2026-11-22T10:00:00.000Z' },
    ]);
    const due = await createAssessmentsRepository(db).dueSummaryPosts(new Date('2026-12-02T00:00:00Z'));
    expect(due.map((p) => p.assessmentId)).toEqual([3]);
  });

  it('are claimed by one caller at a time; an expired lease can be claimed again; a posted one never', async () => {
    const db = await database();
    await migrateToLatest(db);
    const repository = createAssessmentsRepository(db);
    const now = new Date('2026-11-23T10:00:00Z');
    const assessment = await storeAssessment(repository, 'V1', now);
    const post = (await repository.summaryPost(assessment.id))!;
    expect(post).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, notice: null });

    // The claim hands back the row as it stands under the new lease, so the caller needs no second read.
    expect(await repository.claimSummaryPost(post.id, now, 40 * MINUTE)).toEqual({
      ...post,
      leaseUntil: new Date(now.getTime() + 40 * MINUTE),
    });
    expect(await repository.claimSummaryPost(post.id, now, 40 * MINUTE)).toBeUndefined();
    expect(await repository.dueSummaryPosts(new Date(now.getTime() + 39 * MINUTE))).toEqual([]);
    const later = new Date(now.getTime() + 40 * MINUTE);
    expect((await repository.dueSummaryPosts(later)).map((p) => p.id)).toEqual([post.id]);
    expect((await repository.claimSummaryPost(post.id, later, 40 * MINUTE))?.id).toBe(post.id);

    expect(await repository.recordSummaryNotice(post.id, { channelId: 'D1', ts: '5.5' })).toBe(true);
    expect(await repository.recordSummaryNotice(post.id, { channelId: 'D1', ts: '6.6' })).toBe(false);
    await repository.markSummaryPosted(post, 'C1', '7.7');
    expect(await repository.summaryPost(assessment.id)).toMatchObject({
      status: 'posted',
      attempts: 1,
      leaseUntil: null,
      notice: { channelId: 'D1', ts: '5.5' },
    });
    expect(await repository.findById('T1', assessment.id)).toMatchObject({
      postedChannelId: 'C1',
      postedTs: '7.7',
      postError: null,
    });
    const muchLater = new Date(now.getTime() + 24 * 60 * MINUTE);
    expect(await repository.claimSummaryPost(post.id, muchLater, 40 * MINUTE)).toBeUndefined();
    // "Post again" on a posted summary changes nothing.
    expect((await repository.requeueSummaryPost(assessment, muchLater)).status).toBe('posted');
  });
});

describe('claiming the summary post of an assessment', () => {
  it('takes that assessment’s post only, once, marked in flight, and not while another lease holds it', async () => {
    const db = await database();
    await migrateToLatest(db);
    const repository = createAssessmentsRepository(db);
    const now = new Date('2026-12-01T09:00:00Z');
    const first = await storeAssessment(repository, 'V1', now);
    const second = await storeAssessment(repository, 'V2', now);
    const secondPost = (await repository.summaryPost(second.id))!;

    const claimed = await repository.claimFreshSummaryPostOf(second.id, now, 40 * MINUTE);
    expect(claimed).toEqual({ ...secondPost, leaseUntil: new Date(now.getTime() + 40 * MINUTE), inFlightSince: now });
    expect(await repository.summaryPost(second.id)).toEqual(claimed);
    expect(await repository.claimFreshSummaryPostOf(second.id, now, 40 * MINUTE)).toBeUndefined();
    // The other assessment's post was not touched by the claim.
    expect((await repository.summaryPost(first.id))?.leaseUntil).toBeNull();
    expect(await repository.claimFreshSummaryPostOf(9999, now, 40 * MINUTE)).toBeUndefined();
  });

  it('leaves a post an earlier attempt had in flight to the claim that checks Slack first', async () => {
    const db = await database();
    await migrateToLatest(db);
    const repository = createAssessmentsRepository(db);
    const now = new Date('2026-12-01T09:00:00Z');
    const assessment = await storeAssessment(repository, 'V1', now);
    const post = (await repository.summaryPost(assessment.id))!;
    await repository.markSummaryInFlight(post.id, now);

    // Its lease long gone, the post is due again, but only the claim by post id (which checks Slack) may take it.
    const later = new Date(now.getTime() + 60 * MINUTE);
    expect(await repository.claimFreshSummaryPostOf(assessment.id, later, 40 * MINUTE)).toBeUndefined();
    expect(await repository.claimSummaryPost(post.id, later, 40 * MINUTE)).toMatchObject({ inFlightSince: now });
  });
});
