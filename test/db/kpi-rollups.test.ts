import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Migration, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/data-scale/random.js';
import { gtmDeals, gtmLeadsWithTouches } from '../../bench/generators/gtm-data.js';
import { migrations } from '../../migrations/index.js';
import { runDataImport } from '../../src/cli/data-import.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { createDataRepository } from '../../src/features/data/repository.js';
import {
  DAY_MS,
  type DealRecord,
  LEAD_STAGES,
  type LeadRecord,
  localDaysPeriod,
  type Period,
  type TouchpointRecord,
} from '../../src/features/kpis/domain/index.js';
import { createGtmDataRepository } from '../../src/features/kpis/repository.js';
import { rebuildRollups } from '../../src/features/kpis/rollups/maintain.js';
import { failInserts } from '../helpers/fail-inserts.js';
import { useLoopkeeper } from '../helpers/loopkeeper.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';
import { expectRollupFiguresMatch, rollupRows } from './kpi-helpers.js';

const TEAM = 'T0TEST';
const OTHER = 'T0OTHER';
const NOW = new Date('2026-11-23T10:00:00Z');
const TOKEN = 'ingest-token-0123456789abcdef';

const opened: Array<{ db: Db; database: TestDatabase }> = [];
afterEach(async () => {
  for (const { db, database } of opened.splice(0)) {
    await db.destroy();
    await database.dispose();
  }
});

/** A few hundred generated leads and deals (three years of them), seeded. */
function generated(seed: number) {
  const random = seededRandom(seed);
  const volumes = { leads: 600, touchpoints: 3000, deals: 400 };
  const withTouches = [...gtmLeadsWithTouches(volumes, random)];
  return {
    leads: withTouches.map((x) => x.lead),
    touches: withTouches.flatMap((x) => x.touches),
    deals: [...gtmDeals(volumes, random)],
  };
}

/** Whole local days of the kind the digest asks for, and periods whose ends are not on UTC midnight. */
const PERIODS: Period[] = [
  localDaysPeriod({ firstDay: '2025-03-17', days: 21, timeZone: 'Europe/Rome' }),
  localDaysPeriod({ firstDay: '2024-10-01', days: 90, timeZone: 'America/Los_Angeles' }),
  localDaysPeriod({ firstDay: '2025-09-01', days: 30, timeZone: 'Asia/Kathmandu' }),
  { from: new Date('2024-05-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') },
  { from: new Date('2025-06-03T06:00:00Z'), to: new Date('2025-06-03T18:30:00Z') },
];

type Data = { leads: LeadRecord[]; deals: DealRecord[]; touches: TouchpointRecord[] };

async function expectAllMatch(db: Db, data: Data) {
  for (const period of PERIODS) await expectRollupFiguresMatch(db, TEAM, data, period);
}

/** The rollups equal what a rebuild from the stored rows gives (the rebuild leaves them as they were). */
async function expectRollupsCurrent(db: Db, teamId = TEAM) {
  const kept = await rollupRows(db, teamId);
  await rebuildRollups(db, [teamId]);
  expect(await rollupRows(db, teamId)).toEqual(kept);
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');
const LEAD_COLUMNS = ['id', 'account', 'source', 'subscriber_at', 'lead_at', 'engaged_lead_at', 'mql_at', 'sql_at'];
const DEAL_COLUMNS = ['id', 'account', 'amount', 'currency', 'created_at', 'closed_at', 'outcome', 'ols', 'cs'];
const TOUCH_COLUMNS = ['id', 'channel', 'at', 'lead_id', 'account'];
const touchRow = (t: TouchpointRecord): Record<string, string> => ({
  id: t.id,
  channel: t.channel,
  at: iso(t.at),
  lead_id: t.leadId ?? '',
  account: t.account ?? '',
});
const leadRow = (l: LeadRecord): Record<string, string> => ({
  id: l.id,
  account: l.account,
  source: l.source ?? '',
  ...Object.fromEntries(LEAD_STAGES.map((s) => [`${s}_at`, iso(l.stages[s])])),
});
const dealRow = (d: DealRecord): Record<string, string> => ({
  id: d.id,
  account: d.account,
  amount: (d.amountMinor / 100).toFixed(2),
  currency: d.currency,
  created_at: iso(d.createdAt),
  closed_at: iso(d.closedAt),
  outcome: d.outcome,
  ols: d.ols ?? '',
  cs: d.cs ?? '',
});
const csv = (columns: string[], rows: Array<Record<string, string>>) =>
  [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n');

/**
 * A CRM's next export: some leads moved on (or lost a stage), some deals closed, reopened or changed currency, some
 * touches moved in time, changed channel or went from the lead to its account.
 */
function edited(data: Data): Data {
  const leads = data.leads.map((l, i): LeadRecord => {
    if (i % 3 !== 0) return l;
    const shift = 2 * DAY_MS + 5 * 3_600_000;
    const stages = Object.fromEntries(
      Object.entries(l.stages).map(([s, at]) => [s, new Date(at.getTime() + shift)]),
    ) as LeadRecord['stages'];
    if (i % 2 === 0) delete stages.sql;
    return { ...l, stages };
  });
  const deals = data.deals.map((d, i): DealRecord => {
    if (i % 4 !== 0) return d;
    const createdAt = new Date(d.createdAt.getTime() - 3 * DAY_MS);
    if (d.outcome === 'open')
      return { ...d, createdAt, outcome: 'won', closedAt: new Date(createdAt.getTime() + 10.5 * DAY_MS) };
    if (d.outcome === 'won') return { ...d, createdAt, outcome: 'lost', currency: 'USD' };
    return { ...d, createdAt, outcome: 'open', closedAt: null, ols: null };
  });
  const touches = data.touches.map((t, i): TouchpointRecord => {
    if (i % 5 !== 0) return t;
    if (i % 2 === 0) return { ...t, at: new Date(t.at.getTime() - 1.5 * DAY_MS), channel: 'partner' };
    const lead = data.leads.find((l) => l.id === t.leadId);
    return lead ? { ...t, leadId: null, account: lead.account } : { ...t, channel: 'webinar' };
  });
  return { leads, deals, touches };
}

async function freshDb() {
  const database = await testDatabase();
  const db = await openDatabase(database.url);
  opened.push({ db, database });
  await migrateToLatest(db);
  return { database, db };
}

describe('the KPI rollups stay current with every write of the GTM rows', () => {
  const start = useLoopkeeper();

  it('a CSV import (npm run data:import) and then HTTP pushes of changed rows give the figures of the rows', async () => {
    const { app, databaseUrl } = await start({ env: { INGEST_TOKEN: TOKEN } });
    const data = generated(3);
    const dir = mkdtempSync(join(tmpdir(), 'kpi-rollups-'));
    const err: string[] = [];
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const io = { databaseUrl, out: () => {}, err: (l: string) => err.push(l), now: () => NOW };
    expect(
      await runDataImport(['leads', file('leads.csv', csv(LEAD_COLUMNS, data.leads.map(leadRow))), '--team', TEAM], io),
      err.join('\n'),
    ).toBe(0);
    const touchesCsv = file('touchpoints.csv', csv(TOUCH_COLUMNS, data.touches.map(touchRow)));
    expect(await runDataImport(['touchpoints', touchesCsv, '--team', TEAM], io), err.join('\n')).toBe(0);
    expect(
      await runDataImport(['deals', file('deals.csv', csv(DEAL_COLUMNS, data.deals.map(dealRow))), '--team', TEAM], io),
      err.join('\n'),
    ).toBe(0);
    await expectAllMatch(app.db, data);
    expect((await rollupRows(app.db, TEAM)).gtm_kpi_lead_days!.length).toBeGreaterThan(300);

    const next = edited(data);
    const post = async (kind: string, rows: Array<Record<string, string>>) => {
      const response = await fetch(`http://127.0.0.1:${app.http.port}/api/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        // An empty CSV field is a key left out.
        body: JSON.stringify({
          team_id: TEAM,
          rows: rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ''))),
        }),
      });
      return { status: response.status, json: (await response.json()) as { updated: number } };
    };
    const leads = await post('leads', next.leads.filter((_, i) => i % 3 === 0).map(leadRow));
    expect(leads).toMatchObject({ status: 200, json: { updated: 200 } });
    const deals = await post('deals', next.deals.filter((_, i) => i % 4 === 0).map(dealRow));
    expect(deals).toMatchObject({ status: 200, json: { updated: 100 } });
    const touches = await post('touchpoints', next.touches.filter((_, i) => i % 5 === 0).map(touchRow));
    expect(touches).toMatchObject({ status: 200, json: { updated: 600 } });
    await expectAllMatch(app.db, next);
    await expectRollupsCurrent(app.db);
  });

  it('an import that fails in the database leaves the rows and the rollups as they were', async () => {
    const { db } = await freshDb();
    const repo = createGtmDataRepository(db);
    const data = generated(5);
    await repo.upsert(TEAM, 'leads', data.leads, NOW);
    await repo.upsert(TEAM, 'touchpoints', data.touches, NOW);
    await repo.upsert(TEAM, 'deals', data.deals, NOW);
    const before = await rollupRows(db, TEAM);
    const next = edited(data);

    // The rows are written, then the rollups fail: everything goes.
    const restore = await failInserts(db, 'gtm_kpi_deal_days', 'currency', 'USD');
    await expect(repo.upsert(TEAM, 'deals', next.deals, NOW)).rejects.toThrow(/disk gone/);
    await restore();
    // The first batch of 500 rows is written, the second fails: the rollups were never touched.
    const many = [...next.leads, ...next.leads.map((l) => ({ ...l, id: `${l.id}-copy` }))];
    const restoreLeads = await failInserts(db, 'gtm_leads', 'id', many[550]!.id);
    await expect(repo.upsert(TEAM, 'leads', many, NOW)).rejects.toThrow(/disk gone/);
    await restoreLeads();
    const restoreCredit = await failInserts(db, 'gtm_kpi_channel_days', 'channel', 'partner');
    await expect(repo.upsert(TEAM, 'touchpoints', next.touches, NOW)).rejects.toThrow(/disk gone/);
    await restoreCredit();

    expect(await rollupRows(db, TEAM)).toEqual(before);
    expect(await repo.countRows(TEAM, 'leads')).toBe(600);
    await expectAllMatch(db, data);
  });

  it("deleting a team's data deletes its rollups in the same transaction, and no other team's", async () => {
    const { db } = await freshDb();
    const repo = createGtmDataRepository(db);
    const data = generated(7);
    for (const team of [TEAM, OTHER]) {
      await repo.upsert(team, 'leads', data.leads, NOW);
      await repo.upsert(team, 'touchpoints', data.touches, NOW);
      await repo.upsert(team, 'deals', data.deals, NOW);
    }
    const other = await rollupRows(db, OTHER);
    const counts = await createDataRepository(db).deleteTeam(TEAM);
    expect(counts.filter((c) => c.table.startsWith('gtm_kpi_')).every((c) => c.rows > 0)).toBe(true);
    expect(await rollupRows(db, TEAM)).toEqual({
      gtm_kpi_lead_days: [],
      gtm_kpi_deal_days: [],
      gtm_kpi_source_days: [],
      gtm_kpi_channel_days: [],
    });
    expect(await rollupRows(db, OTHER)).toEqual(other);
    await expectAllMatch(db, { leads: [], deals: [], touches: [] });
  });
});

describe('the rollups migration', () => {
  it('backfills the rollups of rows stored before it, for every team, as the import would keep them', async () => {
    const database = await testDatabase({ migrated: false });
    const db = await openDatabase(database.url);
    opened.push({ db, database });
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations as Record<string, Migration> },
    });
    await migrator.migrateTo('2026-12-02T24-gtm-lead-stage-exits');
    const data = generated(9);
    const at = NOW.toISOString();
    const leadRows = data.leads.map((l) => ({
      id: l.id,
      account: l.account,
      source: l.source,
      subscriber_at: iso(l.stages.subscriber) || null,
      lead_at: iso(l.stages.lead) || null,
      engaged_lead_at: iso(l.stages.engaged_lead) || null,
      mql_at: iso(l.stages.mql) || null,
      sql_at: iso(l.stages.sql) || null,
      updated_at: at,
    }));
    const dealRows = data.deals.map((d) => ({
      id: d.id,
      account: d.account,
      amount_minor: d.amountMinor,
      currency: d.currency,
      created_at: iso(d.createdAt),
      closed_at: iso(d.closedAt) || null,
      outcome: d.outcome,
      ols: d.ols,
      ols_at: null,
      cs: d.cs,
      cs_at: null,
      updated_at: at,
    }));
    for (const team of [TEAM, OTHER]) {
      await db
        .insertInto('gtm_leads')
        .values(leadRows.map((r) => ({ ...r, team_id: team })))
        .execute();
      await db
        .insertInto('gtm_touchpoints')
        .values(
          data.touches.map((t) => ({
            team_id: team,
            id: t.id,
            lead_id: t.leadId,
            account: t.account,
            // The other team's touches on another channel, so a backfill that mixed the teams would show.
            channel: team === TEAM ? t.channel : 'other-team',
            at: iso(t.at),
            updated_at: at,
          })),
        )
        .execute();
      // The other team's deals all won, so a backfill that mixed the teams would show.
      const deals = team === TEAM ? dealRows : dealRows.map((r) => ({ ...r, outcome: 'won', closed_at: r.created_at }));
      await db
        .insertInto('gtm_deals')
        .values(deals.map((r) => ({ ...r, team_id: team })))
        .execute();
    }

    await migrateToLatest(db);

    await expectAllMatch(db, data);
    const backfilled = await rollupRows(db, TEAM);
    expect(backfilled.gtm_kpi_source_days!.length).toBeGreaterThan(100);
    expect(backfilled.gtm_kpi_channel_days!.length).toBeGreaterThan(50);
    await expectRollupsCurrent(db, TEAM);
    await expectRollupsCurrent(db, OTHER);
    expect((await rollupRows(db, OTHER)).gtm_kpi_deal_days).not.toEqual(backfilled.gtm_kpi_deal_days);
  });
});
