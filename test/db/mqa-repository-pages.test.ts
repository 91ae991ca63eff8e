import { describe, expect, it } from 'vitest';
import { markTeamUninstalled } from '../../src/db/active-teams.js';
import { LOOPKEEPER_ACTOR, type MqaItemInput } from '../../src/features/mqa/domain/index.js';
import { createMqaItemsRepository, STATUS_EVENTS_CHUNK } from '../../src/features/mqa/repository.js';
import { useMigratedDatabase } from '../helpers/migrated-database.js';

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

describe('MQA repository reads that go page by page', () => {
  const database = useMigratedDatabase();

  it('yields each matching item of the installed teams once, in id order, while the caller moves them', async () => {
    const db = database();
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

  it("reads the period's status events of more items than one query takes, each once, in the order they happened", async () => {
    const db = database();
    const items = createMqaItemsRepository(db);
    const before = new Date('2026-10-01T10:00:00Z');
    const inPeriod = new Date('2026-11-10T10:00:00Z');
    const count = STATUS_EVENTS_CHUNK * 2 + 7;
    const created = await items.upsertMany(
      'T9',
      Array.from({ length: count + 1 }, (_, i) => input(1000 + i)),
      LOOPKEEPER_ACTOR,
      before,
    );
    const move = (id: number, from: 'in_review' | 'validated', to: 'validated' | 'shared', at: Date) =>
      items.recordTransition('T9', id, { from, to, actor: LOOPKEEPER_ACTOR, at, note: null });
    // Every item but the last was validated before the period and shared in it; the last only before it.
    for (const o of created) await move(o.id, 'in_review', 'validated', before);
    for (const o of created.slice(0, count)) await move(o.id, 'validated', 'shared', inPeriod);

    const events = await items.statusEvents('T9', new Date('2026-11-01T00:00:00Z'), new Date('2026-11-20T00:00:00Z'));
    const active = created.slice(0, count).map((o) => o.id);
    expect(new Set(events.map((e) => e.itemId))).toEqual(new Set(active));
    expect(events).toHaveLength(count * 2);
    // Each item's validation comes before its share, as the events were recorded.
    for (const id of active)
      expect(events.filter((e) => e.itemId === id).map((e) => e.toStatus)).toEqual(['validated', 'shared']);
    expect(events.slice(0, count).every((e) => e.toStatus === 'validated')).toBe(true);
  });
});
