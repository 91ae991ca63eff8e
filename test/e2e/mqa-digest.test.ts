import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { person } from '../../src/features/mqa/domain/index.js';
import { createMqaReadModels } from '../../src/features/mqa/read-models.js';
import { createMqaItemsRepository } from '../../src/features/mqa/repository.js';
import { createMqaSettingsRepository } from '../../src/features/mqa/settings-repository.js';
import { testDatabase } from '../helpers/test-database.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(now: Date) {
  const database = await testDatabase();
  const db = await openDatabase(database.url);
  cleanups.push(async () => {
    await db.destroy();
    await database.dispose();
  });
  await migrateToLatest(db);
  const items = createMqaItemsRepository(db);
  const read = createMqaReadModels({
    items,
    settings: createMqaSettingsRepository(db),
    timeZoneOf: async () => 'UTC',
    clock: () => now,
  });
  return { items, read };
}

const input = (domain: string, ownerId: string | null = null) => ({
  accountName: domain,
  domain,
  segment: null,
  tier: null,
  region: null,
  intentTopics: [],
  evidence: null,
  source: 'engagement' as const,
  priority: 'normal' as const,
  ownerId,
  externalId: null,
});

describe('MQA read models on a real database', () => {
  it("builds the 'mqa' digest section and App Home's items from the journey", async () => {
    const now = new Date('2026-11-27T12:00:00Z');
    const { items, read } = await setup(now);
    const [a, b] = await items.upsertMany(
      'T1',
      [input('a.io', 'U1'), input('b.io')],
      person('U0'),
      new Date('2026-11-23T09:00:00Z'),
    );
    const move = (id: number, from: any, to: any, iso: string, patch = {}) =>
      items.recordTransition('T1', id, { from, to, actor: person('U1'), at: new Date(iso), note: null }, patch);
    for (const id of [a!.id, b!.id]) {
      await move(id, 'in_review', 'validated', '2026-11-23T10:00:00Z');
      await move(id, 'validated', 'shared', '2026-11-23T10:00:00Z', {
        shared_at: '2026-11-23T10:00:00.000Z',
        sales_channel_id: 'C1',
      });
    }
    await move(a!.id, 'shared', 'acknowledged', '2026-11-23T13:00:00Z', { acknowledged_by: 'U1' });

    const section = await read.digestProvider.build({
      teamId: 'T1',
      from: new Date('2026-11-20T00:00:00Z'),
      to: now,
      timeZone: 'UTC',
    });
    expect(section.key).toBe('mqa');
    expect(section.lines.join('\n')).toContain(
      'Shared with Sales: *2* · Acknowledged: *1* · Median time to acknowledge: *3 hours*',
    );
    expect(section.lines.join('\n')).toContain('Overdue (not acknowledged within the SLA): *1*');
    expect(section.lines.join('\n')).not.toMatch(/MQL/);

    const empty = await read.digestProvider.build({
      teamId: 'T2',
      from: new Date('2026-11-20T00:00:00Z'),
      to: now,
      timeZone: 'UTC',
    });
    expect(empty).toEqual({
      key: 'mqa',
      title: 'Marketing Qualified Accounts (MQA)',
      lines: [],
      emptyText: 'No MQA activity in this period.',
    });

    // Home shows only the viewer's own items: U1 acknowledged a.io (not overdue); b.io, overdue, is U0's (who added both).
    const home = await read.itemsFor('T1', 'U1');
    expect(home.mine.map((i) => i.domain)).toEqual(['a.io']);
    expect(home.overdue).toEqual([]);
    const creator = await read.itemsFor('T1', 'U0');
    expect(creator.mine.map((i) => i.domain).sort()).toEqual(['a.io', 'b.io']);
    expect(creator.overdue.map((i) => i.domain)).toEqual(['b.io']);
    expect(creator.total).toBe(2);
    expect(creator.overdueTotal).toBe(1);
    // Asked for one item, it reads that one overdue item and no other row, and still counts them all.
    const short = await read.itemsFor('T1', 'U0', 1);
    expect(short.overdue.map((i) => i.domain)).toEqual(['b.io']);
    expect([short.mine, short.total, short.overdueTotal]).toEqual([[], 2, 1]);
    // Home reads the status as people do.
    expect(creator.mine.map((i) => i.statusLabel).sort()).toEqual(['Acknowledged', 'Shared with Sales']);
    expect((await read.itemsFor('T1', 'U9')).overdue).toEqual([]);
  });
});
