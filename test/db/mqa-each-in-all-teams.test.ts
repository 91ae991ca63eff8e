import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markTeamUninstalled } from '../../src/db/active-teams.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { LOOPKEEPER_ACTOR, type MqaItemInput } from '../../src/features/mqa/domain/index.js';
import { createMqaItemsRepository } from '../../src/features/mqa/repository.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';

const input = (n: number): MqaItemInput => ({
  accountName: `Account ${n}`,
  domain: `account-${n}.io`,
  segment: null,
  tier: null,
  region: null,
  intentTopics: [],
  evidence: null,
  source: 'engagement',
  priority: 'normal',
  ownerId: null,
  externalId: null,
});

describe('MQA items of every team, page by page', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await testDatabase({ migrated: false });
    db = await openDatabase(database.url);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.dispose();
  });

  it('yields each matching item of the installed teams once, in id order, while the caller moves them', async () => {
    const items = createMqaItemsRepository(db);
    const at = new Date('2026-12-01T10:00:00Z');
    const a = await items.upsertMany('T1', [1, 2, 3, 4, 5, 6, 7].map(input), LOOPKEEPER_ACTOR, at);
    const b = await items.upsertMany('T2', [8, 9].map(input), LOOPKEEPER_ACTOR, at);
    await items.upsertMany('T3', [10].map(input), LOOPKEEPER_ACTOR, at);
    await markTeamUninstalled(db, 'T3', at);
    // One of T1's items has left review: it is not yielded.
    const left = a[3]!.id;
    await items.recordTransition('T1', left, {
      from: 'in_review',
      to: 'rejected',
      actor: LOOPKEEPER_ACTOR,
      at,
      note: null,
    });

    const seen: number[] = [];
    for await (const item of items.eachInAllTeams(['in_review'], 3)) {
      seen.push(item.id);
      // Moved out of the statuses read, as the stall catch-up does: the pages after it still come.
      await items.recordTransition(item.teamId, item.id, {
        from: 'in_review',
        to: 'rejected',
        actor: LOOPKEEPER_ACTOR,
        at,
        note: null,
      });
    }
    const expected = [...a, ...b].map((o) => o.id).filter((id) => id !== left);
    expect(seen).toEqual(expected.sort((x, y) => x - y));
    expect(await items.eachInAllTeams(['in_review'], 3).next()).toEqual({ done: true, value: undefined });
  });
});
