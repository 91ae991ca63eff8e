import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/data-scale/random.js';
import { gtmDeals, gtmLeadsWithTouches, gtmSpend } from '../../bench/generators/gtm-data.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import {
  type DealRecord,
  dealMetrics,
  funnelMetrics,
  inPeriod,
  type LeadRecord,
  localDaysPeriod,
  olsCsAttribution,
  type Period,
  type TouchpointRecord,
  timeDecayAttribution,
} from '../../src/features/kpis/domain/index.js';
import { createKpiQueries } from '../../src/features/kpis/queries.js';
import { createGtmDataRepository } from '../../src/features/kpis/repository.js';
import { rebuildRollups } from '../../src/features/kpis/rollups/maintain.js';
import { TEST_DIALECT, type TestDatabase, testDatabase } from '../helpers/test-database.js';
import { conversionsIn as conversionsOf, expectClose, expectRollupFiguresMatch, rollupRows } from './kpi-helpers.js';

const TEAM = 'T0KPI';
const OTHER = 'T0OTHER';
const volumes = { leads: 4000, touchpoints: 20_000, deals: 2000 };
const leads: LeadRecord[] = [];
const touches: TouchpointRecord[] = [];
const deals: DealRecord[] = [];
let db: Db;
let database: TestDatabase;

const conversionsIn = (period: Period) => conversionsOf(leads, touches, period);

const PERIODS: Array<[string, Period]> = [
  ['three weeks in 2025', { from: new Date('2025-06-02T00:00:00Z'), to: new Date('2025-06-23T00:00:00Z') }],
  ['the three weeks before', { from: new Date('2025-05-12T00:00:00Z'), to: new Date('2025-06-02T00:00:00Z') }],
  ['a quarter', { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2024-04-01T00:00:00Z') }],
  ['an empty period', { from: new Date('2019-01-01T00:00:00Z'), to: new Date('2019-01-22T00:00:00Z') }],
  // What `/loop kpis` and the digest ask for: whole local days, here across Rome's spring DST change.
  [
    'three weeks of whole days in Rome across DST',
    localDaysPeriod({ firstDay: '2025-03-17', days: 21, timeZone: 'Europe/Rome' }),
  ],
];

beforeAll(async () => {
  database = await testDatabase();
  db = await openDatabase(database.url);
  await migrateToLatest(db);
  const random = seededRandom(7);
  for (const { lead, touches: t } of gtmLeadsWithTouches(volumes, random)) {
    leads.push(lead);
    touches.push(...t);
  }
  deals.push(...gtmDeals(volumes, random));
  const repo = createGtmDataRepository(db);
  const now = new Date('2026-11-23T10:00:00Z');
  await repo.upsert(TEAM, 'leads', leads, now);
  await repo.upsert(TEAM, 'touchpoints', touches, now);
  await repo.upsert(TEAM, 'deals', deals, now);
  await repo.upsert(TEAM, 'spend', [...gtmSpend(random)], now);
  // Another team's copy with different amounts: every query must filter by team.
  await repo.upsert(
    OTHER,
    'deals',
    deals.map((d) => ({
      ...d,
      amountMinor: d.amountMinor + 1,
      outcome: 'won' as const,
      closedAt: d.closedAt ?? d.createdAt,
    })),
    now,
  );
  await repo.upsert(
    OTHER,
    'touchpoints',
    touches.map((t) => ({ ...t, channel: 'other-team' })),
    now,
  );
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await database.dispose();
});

describe('KPI queries in SQL agree with the pure functions (20k touchpoints)', () => {
  it('the seeded data is what the test expects', () => {
    expect(touches).toHaveLength(20_000);
    expect(conversionsIn(PERIODS[0]![1]).length).toBeGreaterThan(5);
  });

  it.each(PERIODS)('funnel, %s', async (_, period) => {
    expectClose(await createKpiQueries(db).funnel(TEAM, period), funnelMetrics(leads, period));
  });

  it.each(PERIODS)('deals, %s', async (_, period) => {
    expectClose(await createKpiQueries(db).deals(TEAM, period), dealMetrics(deals, period));
  });

  it.each(PERIODS)('time-decay attribution, %s', async (_, period) => {
    const sql = await createKpiQueries(db).timeDecay(TEAM, period);
    expectClose(sql, timeDecayAttribution(conversionsIn(period)));
  });

  it.each(PERIODS)('OLS/CS for won and pipeline, %s', async (_, period) => {
    const queries = createKpiQueries(db);
    const won = deals.filter((d) => d.outcome === 'won' && inPeriod(d.closedAt, period));
    const pipeline = deals.filter((d) => inPeriod(d.createdAt, period));
    expectClose(await queries.olsCs(TEAM, period, 'won'), olsCsAttribution(won));
    expectClose(await queries.olsCs(TEAM, period, 'pipeline'), olsCsAttribution(pipeline));
  });

  // Rollups per UTC day with the partial days at both ends read from the rows: whole local days in zones with odd
  // offsets and DST, arbitrary instants, periods inside one day, periods on UTC midnights.
  const ZONES = [
    'UTC',
    'Europe/Berlin',
    'America/Los_Angeles',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Australia/Lord_Howe',
  ];
  const pick = seededRandom(11);
  const DATA_FROM = Date.UTC(2023, 10, 23);
  const DATA_SPAN = 3 * 365 * 86_400_000;
  const randomPeriods: Array<[string, Period]> = [
    ...Array.from({ length: 12 }, (_, i): [string, Period] => {
      const first = new Date(DATA_FROM + Math.floor(pick.next() * DATA_SPAN)).toISOString().slice(0, 10);
      const days = { firstDay: first, days: pick.int(1, 120), timeZone: ZONES[i % ZONES.length]! };
      return [`${days.days} days from ${first} in ${days.timeZone}`, localDaysPeriod(days)];
    }),
    ...Array.from({ length: 6 }, (_, i): [string, Period] => {
      const from = DATA_FROM + Math.floor(pick.next() * DATA_SPAN);
      const length = i < 3 ? pick.int(1, 86_400_000) : pick.int(1, 90 * 86_400_000);
      return [`arbitrary instants #${i + 1}`, { from: new Date(from), to: new Date(from + length) }];
    }),
    ['UTC midnights only', { from: new Date('2025-02-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00Z') }],
    ['within one UTC day', { from: new Date('2025-06-03T06:00:00Z'), to: new Date('2025-06-03T18:30:00Z') }],
    ['an empty range', { from: new Date('2025-06-03T06:00:00Z'), to: new Date('2025-06-03T06:00:00Z') }],
  ];

  it.each(randomPeriods)('rollup-read funnel, deals, OLS/CS and time decay, %s', async (_, period) => {
    await expectRollupFiguresMatch(db, TEAM, { leads, deals, touches }, period);
  });

  it('the rollups the imports kept are those a rebuild from the rows gives, and have every day', async () => {
    const kept = await rollupRows(db, TEAM);
    expect(kept.gtm_kpi_lead_days!.length).toBeGreaterThan(500);
    expect(kept.gtm_kpi_deal_days!.length).toBeGreaterThan(500);
    expect(kept.gtm_kpi_channel_days!.length).toBeGreaterThan(500);
    await rebuildRollups(db, [TEAM]);
    expect(await rollupRows(db, TEAM)).toEqual(kept);
    // The other team's deals are its own: all won, so its rollups differ from this team's.
    expect((await rollupRows(db, OTHER)).gtm_kpi_deal_days).not.toEqual(kept.gtm_kpi_deal_days);
  });

  it('the queries use the indexes for the period lookups', async () => {
    const { sql } = await import('kysely');
    const planOf = async (query: ReturnType<typeof sql>) => {
      if (TEST_DIALECT === 'sqlite') {
        const { rows } = await sql<{ detail: string }>`explain query plan ${query}`.execute(db);
        return rows.map((r) => r.detail).join(' ');
      }
      // 20k rows is small enough that PostgreSQL may scan anyway; forbidding the scan shows which index serves.
      return db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
        return rows.map((r) => r['QUERY PLAN']).join(' ');
      });
    };
    expect(
      await planOf(
        sql`select count(*) from gtm_deals where team_id = ${TEAM} and created_at >= '2025-01-01' and created_at < '2025-02-01'`,
      ),
    ).toContain('gtm_deals_created');
    expect(
      await planOf(
        sql`select channel from gtm_touchpoints where team_id = ${TEAM} and lead_id = 'L1' and at <= '2025-01-01'`,
      ),
    ).toContain('gtm_touchpoints_lead');
  });
});
