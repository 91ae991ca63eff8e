import { afterEach, describe, expect, it } from 'vitest';
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

async function repository() {
  const database = await testDatabase();
  const db = await openDatabase(database.url);
  opened.push({ db, database });
  await migrateToLatest(db);
  return { db, assessments: createAssessmentsRepository(db) };
}

const submission = {
  teamId: 'T1',
  userId: 'U1',
  segment: 'pure_plg',
  scores: { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 3, feedback_loop: 4 },
  notes: { pqls: 'PQL model drafted' },
  redFlags: ['pqls.no_pql_definition', 'activation.no_activation_metric', 'pqls.no_pql_definition'],
  originChannelId: 'C1',
  targetChannelId: 'C2',
  sourceViewId: 'V1',
  createdAt: new Date('2026-11-23T10:00:00Z'),
};

describe('assessments repository', () => {
  it('returns what a later read returns, without reading it back', async () => {
    const { assessments } = await repository();
    const { assessment, created } = await assessments.insert(submission);
    expect(created).toBe(true);
    expect(await assessments.findById('T1', assessment.id)).toEqual(assessment);
  });

  it('stores a redelivered submission (same view id) once and returns the first row', async () => {
    const { db, assessments } = await repository();
    const first = await assessments.insert(submission);
    const again = await assessments.insert({
      ...submission,
      scores: { ...submission.scores, pqls: 5 },
      createdAt: new Date('2026-11-23T10:00:05Z'),
    });
    expect(again.created).toBe(false);
    expect(again.assessment).toEqual(first.assessment);
    expect(await db.selectFrom('assessments').select('id').execute()).toHaveLength(1);
    expect(await db.selectFrom('assessment_scores').select('score').where('dimension', '=', 'pqls').execute()).toEqual([
      { score: 3 },
    ]);
  });

  it('keeps submissions without a view id apart', async () => {
    const { assessments } = await repository();
    const a = await assessments.insert({ ...submission, sourceViewId: null });
    const b = await assessments.insert({ ...submission, sourceViewId: null });
    expect([a.created, b.created]).toEqual([true, true]);
    expect(b.assessment.id).toBeGreaterThan(a.assessment.id);
  });
});
