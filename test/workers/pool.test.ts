import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderDimensionChart } from '../../src/charts/dimension-chart.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { createAssessmentsRepository } from '../../src/features/assessment/repository.js';
import { createWorkerPool, type WorkerPool } from '../../src/workers/pool.js';

const current = { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 1, feedback_loop: 5 };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A migrated SQLite file in a temp folder, its main connection, and a pool of one real worker on it. */
async function setUp(size = 1): Promise<{ url: string; db: Db; pool: WorkerPool }> {
  const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-pool-'));
  const url = `file:${join(dir, 'loopkeeper.sqlite')}`;
  const db = await openDatabase(url);
  await migrateToLatest(db);
  const pool = createWorkerPool({ databaseUrl: url, db, size });
  cleanups.push(async () => {
    await pool.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  return { url, db, pool };
}

describe('the worker pool', () => {
  it('renders the chart in a worker thread, byte for byte as on the main thread', async () => {
    const { pool } = await setUp();
    expect(pool.where('renderChart')).toBe('worker');
    const png = await pool.run('renderChart', { current, previous: { ...current, pqls: 3 } });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(Buffer.from(png).equals(renderDimensionChart({ current, previous: { ...current, pqls: 3 } }))).toBe(true);
  });

  it("reads what the main connection wrote from the worker's own read-only connection of the SQLite file", async () => {
    const { db, pool } = await setUp();
    expect(pool.where('exportTeam')).toBe('worker');
    const assessments = createAssessmentsRepository(db);
    for (const view of ['V1', 'V2'])
      await assessments.insert({
        teamId: 'T0POOL',
        userId: 'U0POOL',
        segment: 'pure_plg',
        scores: current,
        notes: {},
        redFlags: [],
        targetChannelId: 'C0POOL',
        originChannelId: null,
        sourceViewId: view,
        createdAt: new Date('2026-11-23T10:00:00Z'),
      });
    const exported = await pool.run('exportTeam', { teamId: 'T0POOL', at: new Date('2026-11-24T09:00:00Z') });
    const rows = Object.fromEntries(exported.counts.map((c) => [c.table, c.rows]));
    expect(rows.assessments).toBe(2);
    expect(rows.assessment_scores).toBe(10);
    expect(rows.assessment_summary_posts).toBe(2);
    // A zip: local file header signature.
    expect([...exported.zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it('hands an error thrown in the worker to the caller, and the worker serves the next task', async () => {
    const { pool } = await setUp();
    const broken = { current: { ...current, pqls: undefined } } as unknown as Parameters<
      typeof renderDimensionChart
    >[0];
    await expect(pool.run('renderChart', broken)).rejects.toThrow(/toFixed/);
    const png = await pool.run('renderChart', { current });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('refuses tasks once closed, after the running ones finished', async () => {
    const { pool } = await setUp();
    const running = pool.run('renderChart', { current });
    await pool.close();
    expect([...(await running).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    await expect(pool.run('renderChart', { current })).rejects.toThrow('The worker pool is closed');
  });

  it('runs everything on the calling thread with size 0, with the same results', async () => {
    const { pool } = await setUp(0);
    expect(pool.where('renderChart')).toBe('inline');
    expect(pool.where('exportTeam')).toBe('inline');
    const png = await pool.run('renderChart', { current });
    expect(Buffer.from(png).equals(renderDimensionChart({ current }))).toBe(true);
  });
});

describe('a read-only connection', () => {
  it('reads the file and refuses writes', async () => {
    const { url } = await setUp();
    const reader = await openDatabase(url, { readOnly: true });
    cleanups.push(() => reader.destroy());
    await expect(reader.selectFrom('assessments').select('id').execute()).resolves.toEqual([]);
    await expect(
      reader
        .insertInto('assessments')
        .values({
          team_id: 'T0RO',
          user_id: 'U0RO',
          segment: 'pure_plg',
          origin_channel_id: null,
          target_channel_id: 'C0RO',
          source_view_id: null,
          created_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow(/readonly/i);
  });
});
