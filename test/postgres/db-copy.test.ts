import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { COPIED_TABLES, runDbCopy } from '../../src/cli/db-copy.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { createAssessmentsRepository } from '../../src/features/assessment/repository.js';
import { rebuildRollups } from '../../src/features/kpis/rollups/maintain.js';
import { createRisksRepository } from '../../src/features/risks/repository.js';
import { createTeamsRepository } from '../../src/features/settings/repository.js';
import { failInserts } from '../helpers/fail-inserts.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';

// sqlite -> postgres, the documented path: a SQLite file filled through the product's repositories and the
// migrations' tables, copied into a fresh, empty PostgreSQL database.

const PASSWORD = 'Sup3r-Secret_pw';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
const TABLES = COPIED_TABLES.map((t) => t.name);
const IDENTITY_TABLES = COPIED_TABLES.filter((t) => 'identity' in t).map((t) => t.name);

const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.dispose();
});

/** An empty PostgreSQL target (its URL carrying a password the trust-auth server ignores) and a SQLite source path. */
async function setup(options: { migrated?: boolean } = {}) {
  const database = await testDatabase({ migrated: options.migrated ?? false });
  databases.push(database);
  const target = new URL(database.url);
  target.password = PASSWORD;
  const out: string[] = [];
  const err: string[] = [];
  const run = (argv: string[], batchSize = 2) =>
    runDbCopy(argv, { out: (l) => out.push(l), err: (l) => err.push(l), batchSize });
  return {
    sourceUrl: `file:${join(database.dir, 'loopkeeper.sqlite')}`,
    sourcePath: join(database.dir, 'loopkeeper.sqlite'),
    targetUrl: target.toString(),
    dir: database.dir,
    out,
    err,
    run,
    output: () => [...out, ...err].join('\n'),
  };
}

async function withDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(url, { poolSize: 1 });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

const anyDb = (db: Db) => db as unknown as Kysely<Record<string, Record<string, unknown>>>;

async function countsOf(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await anyDb(db)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Every row of every table, sorted by primary key in JS (the dialects' collations differ). */
async function contentsOf(db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  const contents: Record<string, Record<string, unknown>[]> = {};
  for (const table of COPIED_TABLES) {
    const rows = await anyDb(db).selectFrom(table.name).selectAll().execute();
    const keyOf = (r: Record<string, unknown>) => JSON.stringify(table.key.map((k) => r[k]));
    contents[table.name] = rows.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  }
  return contents;
}

async function tableNames(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.map((r) => r.name).sort();
}

/**
 * A SQLite Loopkeeper database with rows in every table: teams, admins and assessments (with scores, red flags and
 * summary posts) and risks (with events and a reminder) through the repositories, the rest inserted as the features
 * write them. Risk 3 is deleted afterwards, so the highest id given out is above the highest id stored.
 */
async function seedSource(url: string, extra: (db: Db) => Promise<void> = async () => undefined) {
  await withDb(url, async (db) => {
    await migrateToLatest(db);
    const teams = createTeamsRepository(db, { timeZone: 'UTC' });
    await teams.saveSettings(
      'T1',
      { segment: 'pure_plg', assessmentsChannelId: 'C1', timeZone: 'Europe/Berlin', admins: ['U1', 'U2', 'U3'] },
      'U1',
      NOW,
    );
    await teams.saveSettings(
      'T2',
      { segment: null, assessmentsChannelId: null, timeZone: 'UTC', admins: ['U9'] },
      'U9',
      NOW,
    );

    const assessments = createAssessmentsRepository(db);
    for (let i = 1; i <= 3; i++) {
      await assessments.insert({
        teamId: 'T1',
        userId: `U${i}`,
        segment: 'pure_plg',
        scores: { data_integration: i, activation: 2, usage_campaigns: 4, pqls: 3, feedback_loop: 5 },
        notes: { pqls: `Note ${i}: "quotes", 'apostrophes', ünïcödé ✓ and a\nnew line` },
        redFlags: ['pqls.no_pql_definition', 'activation.no_activation_metric'],
        originChannelId: i === 2 ? null : 'C1',
        targetChannelId: 'C2',
        sourceViewId: `V${i}`,
        createdAt: new Date(NOW.getTime() + i * 1000),
      });
    }

    const [round] = await db
      .insertInto('assessment_rounds')
      .values({
        team_id: 'T1',
        channel_id: 'C1',
        started_by: 'U1',
        segment: 'pure_plg',
        anonymous: 1,
        created_at: at(0),
        deadline_at: at(60 * 24),
        invitation_ts: '1700000000.000100',
        status: 'open',
        closed_at: null,
        closed_by: null,
        summary_ts: null,
        summary_error: null,
        summary_next_attempt_at: null,
        nudged_at: null,
      })
      .returning('id')
      .execute();
    await db
      .insertInto('assessment_round_invitees')
      .values(['U1', 'U2', 'U3'].map((user_id) => ({ round_id: round!.id, user_id })))
      .execute();
    await db
      .insertInto('assessment_round_responses')
      .values({
        round_id: round!.id,
        user_id: 'U2',
        function: 'marketing',
        scores: JSON.stringify({ activation: 3 }),
        red_flags: JSON.stringify(['pqls.no_pql_definition']),
        notes: JSON.stringify({ activation: 'ok' }),
        invited: 1,
        created_at: at(5),
        updated_at: at(6),
        edits: 1,
        source_view_id: 'VR1',
      })
      .execute();

    const [ritual] = await db
      .insertInto('rituals')
      .values({
        team_id: 'T1',
        kind: 'gtm_review',
        name: 'Weekly GTM review',
        channel_id: 'C3',
        cadence: JSON.stringify({ kind: 'weekly', weekday: 1 }),
        local_time: '09:30',
        time_zone: 'Europe/Berlin',
        heads_up_hours: 24,
        schedule_from: at(0),
        created_by: 'U1',
        created_at: at(0),
        updated_at: at(0),
        deleted_at: null,
        source_view_id: 'VRIT1',
      })
      .returning('id')
      .execute();
    const posts = await db
      .insertInto('ritual_posts')
      .values(
        [0, 1, 2].map((week) => ({
          team_id: 'T1',
          ritual_id: ritual!.id,
          occurrence_at: at(week * 7 * 24 * 60),
          kind: 'post',
          status: week === 2 ? 'pending' : 'posted',
          attempts: 1,
          next_attempt_at: at(week * 7 * 24 * 60),
          lease_until: null,
          in_flight_since: null,
          last_error: week === 1 ? 'channel_not_found' : null,
          channel_id: 'C3',
          posted_ts: week === 2 ? null : `17000000${week}0.000200`,
          posted_at: week === 2 ? null : at(week * 7 * 24 * 60 + 1),
          late: week === 1 ? 1 : 0,
          created_at: at(0),
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('follow_ups')
      .values({
        team_id: 'T1',
        ritual_id: ritual!.id,
        post_id: posts[0]!.id,
        what: 'Send the pipeline deck',
        owner_id: 'U2',
        due_date: '2026-11-30',
        time_zone: 'Europe/Berlin',
        status: 'open',
        created_by: 'U1',
        created_at: at(2),
        done_at: null,
        done_by: null,
        reminded_at: null,
        thread_channel_id: 'C3',
        thread_message_ts: '1700000000.000200',
        source_view_id: 'VF1',
      })
      .execute();

    await db
      .insertInto('mqa_settings')
      .values({
        team_id: 'T1',
        review_channel_id: 'C4',
        reviewer_ids: JSON.stringify(['U1', 'U2']),
        director_id: 'U1',
        default_channel_id: 'C5',
        escalation_channel_id: null,
        escalation_user_id: 'U1',
        sla_business_days: 2,
        stall_days: 21,
        updated_at: at(0),
      })
      .execute();
    const [route] = await db
      .insertInto('mqa_routes')
      .values({
        team_id: 'T1',
        position: 1,
        segment: 'enterprise',
        region: 'EMEA',
        tier: null,
        source: null,
        intent_topic: null,
        channel_id: 'C6',
        owner_ids: JSON.stringify(['U3']),
        routed_count: 2,
        created_at: at(0),
      })
      .returning('id')
      .execute();
    const items = await db
      .insertInto('mqa_items')
      .values(
        ['acme.com', 'beta.io', 'gamma.de'].map((domain, i) => ({
          team_id: 'T1',
          account_name: `${domain.split('.')[0]} GmbH`,
          domain,
          segment: 'enterprise',
          tier: 'A',
          region: 'EMEA',
          intent_topics: JSON.stringify(['pricing', 'security']),
          evidence: 'Visited pricing 4 times',
          source: 'crm',
          priority: 'high',
          owner_id: i === 0 ? 'U3' : null,
          external_id: `CRM-${i}`,
          status: i === 0 ? 'shared' : 'in_review',
          rejection_reason: null,
          presales: i === 0 ? JSON.stringify({ budget: true }) : null,
          route_rule_id: i === 0 ? route!.id : null,
          sales_channel_id: i === 0 ? 'C6' : null,
          review_channel_id: 'C4',
          review_ts: `1700000001.00010${i}`,
          card_channel_id: null,
          card_ts: null,
          acknowledged_by: null,
          created_by: 'U1',
          created_at: at(i),
          last_activity_at: at(i + 10),
          shared_at: i === 0 ? at(10) : null,
          reminded_at: null,
          escalated_at: null,
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('mqa_events')
      .values(
        Array.from({ length: 7 }, (_, i) => ({
          item_id: items[i % 3]!.id,
          team_id: 'T1',
          type: i < 3 ? 'created' : 'comment',
          from_status: null,
          to_status: i < 3 ? 'in_review' : null,
          actor: 'U1',
          at: at(i),
          // The fifth event is the one the all-or-nothing test makes the target refuse.
          note: i === 4 ? 'boom' : `event ${i}`,
          dedupe_key: `E${i}`,
        })),
      )
      .execute();
    await db
      .insertInto('mqa_deliveries')
      .values(
        items.map((item, i) => ({
          team_id: 'T1',
          item_id: item.id,
          kind: 'review_post',
          unique_key: `review:${item.id}`,
          channel_id: 'C4',
          thread_ts: null,
          status: i === 2 ? 'pending' : 'posted',
          attempts: 1,
          next_attempt_at: at(i),
          lease_until: null,
          last_error: null,
          posted_ts: i === 2 ? null : `1700000001.00010${i}`,
          created_at: at(i),
        })),
      )
      .execute();

    const risks = createRisksRepository(db);
    const stored = [];
    for (let i = 1; i <= 3; i++) {
      const { risk } = await risks.insert(
        'T1',
        {
          category: 'pipeline',
          title: `Risk ${i}`,
          description: 'Pipeline coverage below 3x',
          likelihood: i,
          impact: 4,
          score: i * 4,
          mitigation: 'Run the webinar series',
          kpis: 'coverage',
          ownerId: 'U2',
          reviewDate: '2026-12-01',
        },
        { actor: 'U1', at: NOW, sourceViewId: `VRISK${i}` },
      );
      stored.push(risk);
    }
    await risks.addReminder(stored[0]!, NOW);
    await db.deleteFrom('risks').where('id', '=', stored[2]!.id).execute();

    await db
      .insertInto('home_viewers')
      .values([
        { team_id: 'T1', user_id: 'U1', last_opened_at: at(0) },
        { team_id: 'T1', user_id: 'U2', last_opened_at: at(1) },
      ])
      .execute();

    await db
      .insertInto('gtm_leads')
      .values(
        ['L1', 'L2', 'L3'].map((id, i) => ({
          team_id: 'T1',
          id,
          account: `account-${i}.com`,
          source: i === 0 ? null : 'webinar',
          subscriber_at: at(0),
          lead_at: at(1),
          engaged_lead_at: null,
          mql_at: i === 2 ? at(3) : null,
          sql_at: null,
          updated_at: at(0),
        })),
      )
      .execute();
    await db
      .insertInto('gtm_touchpoints')
      .values([
        { team_id: 'T1', id: 'TP1', lead_id: 'L1', account: null, channel: 'webinar', at: at(0), updated_at: at(0) },
        {
          team_id: 'T1',
          id: 'TP2',
          lead_id: null,
          account: 'account-1.com',
          channel: 'ads',
          at: at(1),
          updated_at: at(1),
        },
      ])
      .execute();
    await db
      .insertInto('gtm_deals')
      .values({
        team_id: 'T1',
        id: 'D1',
        account: 'acme.com',
        amount_minor: 2_000_000_000,
        currency: 'EUR',
        created_at: at(0),
        closed_at: at(100),
        outcome: 'won',
        ols: 'webinar',
        ols_at: at(0),
        cs: 'demo',
        cs_at: at(50),
        updated_at: at(100),
      })
      .execute();
    await db
      .insertInto('gtm_spend')
      .values([
        { team_id: 'T1', month: '2026-10', channel: 'ads', amount_minor: 150_000, currency: 'EUR', updated_at: at(0) },
        { team_id: 'T1', month: '2026-11', channel: 'ads', amount_minor: 99, currency: 'EUR', updated_at: at(0) },
      ])
      .execute();

    await db
      .insertInto('installations')
      .values({
        installation_key: 'T:T1',
        team_id: 'T1',
        enterprise_id: null,
        is_enterprise_install: 0,
        app_id: 'A1',
        bot_user_id: 'UBOT',
        installer_user_id: 'U1',
        sealed_installation: 'v1.c2VhbGVk.bm9uY2U.dGFn',
        bot_token_expires_at: null,
        installed_at: at(0),
        updated_at: at(0),
      })
      .execute();
    await db
      .insertInto('ingest_tokens')
      .values({
        team_id: 'T1',
        name: 'HubSpot <!channel>',
        token_hash: 'a'.repeat(64),
        token_prefix: 'lk_ing_ab12',
        created_by: 'U1',
        created_at: at(0),
        last_used_at: at(50),
        revoked_at: null,
      })
      .execute();
    await db
      .insertInto('control_plane_canvases')
      .values({
        team_id: 'T1',
        channel_id: 'C1',
        canvas_id: 'F0CANVAS',
        kind: 'channel',
        status: 'active',
        created_by: 'U1',
        section_hashes: JSON.stringify({ mqa: 'abc123' }),
        next_run_at: at(1),
        lease_until: null,
        attempts: 0,
        last_error: null,
        off_reason: null,
        notice_state: null,
        written_at: at(0),
        created_at: at(0),
      })
      .execute();
    // The KPI rollups of the GTM rows above, as an import keeps them (their only MQL has no touch: one credit row).
    await rebuildRollups(db);
    await db
      .insertInto('gtm_kpi_channel_days')
      .values({ team_id: 'T1', day: at(3).slice(0, 10), channel: 'webinar', credit: 0.25, attributed: 1 })
      .execute();

    await extra(db);
  });
}

describe('npm run db:copy', () => {
  it('copies every table from SQLite into an empty PostgreSQL database, row for row', async () => {
    const t = await setup();
    await seedSource(t.sourceUrl);
    const sourceCounts = await withDb(t.sourceUrl, countsOf);
    // Every table holds rows, so every foreign key is exercised on the way in.
    expect(Object.entries(sourceCounts).filter(([, n]) => n === 0)).toEqual([]);

    expect(await t.run(['--from', t.sourceUrl, '--to', t.targetUrl]), t.output()).toBe(0);

    expect(await withDb(t.targetUrl, countsOf)).toEqual(sourceCounts);
    const sourceRows = await withDb(t.sourceUrl, contentsOf);
    const targetRows = await withDb(t.targetUrl, contentsOf);
    for (const table of TABLES) expect(targetRows[table], table).toEqual(sourceRows[table]);
    // Field by field, including text that needs quoting and an amount near the integer limit.
    expect(targetRows.assessment_scores?.find((r) => r.dimension === 'pqls')?.note).toBe(
      `Note 1: "quotes", 'apostrophes', ünïcödé ✓ and a\nnew line`,
    );
    expect(targetRows.gtm_deals?.[0]).toMatchObject({ amount_minor: 2_000_000_000, closed_at: at(100) });

    // The per-table report: one line per table with both counts, then the total.
    const report = t.out.join('\n');
    for (const table of TABLES) {
      expect(report).toMatch(new RegExp(`^ {2}${table} +${sourceCounts[table]} +${sourceCounts[table]}$`, 'm'));
    }
    const total = Object.values(sourceCounts).reduce((a, b) => a + b, 0);
    expect(t.out.at(-1)).toBe(
      `Copied ${total} rows in ${TABLES.length} tables; every table has the same count on both sides.`,
    );
    expect(t.err).toEqual([]);
    expect(t.output()).not.toContain(PASSWORD);
  });

  it('copies every table the migrations create, and knows which of them have identity columns', async () => {
    const t = await setup({ migrated: true });
    await withDb(t.targetUrl, async (db) => {
      expect(await tableNames(db)).toEqual(['kysely_migration', 'kysely_migration_lock', ...TABLES].sort());
      const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.columns
        where table_schema = current_schema() and is_identity = 'YES'`.execute(db);
      expect(rows.map((r) => r.name).sort()).toEqual([...IDENTITY_TABLES].sort());
    });
  });

  it('sets every identity past the highest id the source gave out, so new rows get fresh ids', async () => {
    const t = await setup();
    await seedSource(t.sourceUrl);
    expect(await t.run(['--from', t.sourceUrl, '--to', t.targetUrl]), t.output()).toBe(0);

    await withDb(t.targetUrl, async (db) => {
      // Through the product's repositories, as the bot will write after the move.
      const { assessment } = await createAssessmentsRepository(db).insert({
        teamId: 'T1',
        userId: 'U4',
        segment: 'pure_plg',
        scores: { data_integration: 1, activation: 1, usage_campaigns: 1, pqls: 1, feedback_loop: 1 },
        notes: {},
        redFlags: [],
        originChannelId: null,
        targetChannelId: 'C2',
        sourceViewId: 'V-after',
        createdAt: NOW,
      });
      expect(assessment.id).toBe(4);
      // Risk 3 was deleted in the source: its id is not handed out again.
      const { risk } = await createRisksRepository(db).insert(
        'T1',
        {
          category: 'pipeline',
          title: 'After the move',
          description: '',
          likelihood: 1,
          impact: 1,
          score: 1,
          mitigation: '',
          kpis: '',
          ownerId: 'U1',
          reviewDate: '2026-12-01',
        },
        { actor: 'U1', at: NOW, sourceViewId: 'VRISK-after' },
      );
      expect(risk.id).toBe(4);
      // Every other identity table's next id is above its highest copied id.
      for (const table of IDENTITY_TABLES) {
        const { rows } = await sql<{ next: number; max: number | null }>`
          select nextval(pg_get_serial_sequence(${table}, 'id'))::int as next,
                 (select max(id) from ${sql.id(table)}) as max`.execute(db);
        expect(rows[0]!.next, table).toBeGreaterThan(rows[0]!.max ?? 0);
      }
    });
  });

  it('refuses a target that already holds Loopkeeper rows, naming the tables, and changes nothing', async () => {
    const t = await setup({ migrated: true });
    await seedSource(t.sourceUrl);
    await withDb(t.targetUrl, (db) =>
      createTeamsRepository(db, { timeZone: 'UTC' }).saveSettings(
        'T9',
        { segment: null, assessmentsChannelId: null, timeZone: 'UTC', admins: ['U9'] },
        'U9',
        NOW,
      ),
    );
    const before = await withDb(t.targetUrl, contentsOf);
    const migrationsBefore = await withDb(t.targetUrl, (db) =>
      anyDb(db).selectFrom('kysely_migration').selectAll().execute(),
    );

    expect(await t.run(['--from', t.sourceUrl, '--to', t.targetUrl])).toBe(2);

    expect(t.err[0]).toContain('already holds Loopkeeper data: teams: 1 row, team_admins: 1 row.');
    expect(t.err[0]).toContain('PostgreSQL 127.0.0.1:');
    expect(t.err[1]).toContain('Nothing was written.');
    expect(await withDb(t.targetUrl, contentsOf)).toEqual(before);
    expect(await withDb(t.targetUrl, (db) => anyDb(db).selectFrom('kysely_migration').selectAll().execute())).toEqual(
      migrationsBefore,
    );
    expect(t.output()).not.toContain(PASSWORD);
  });

  it('writes nothing when an insert fails half-way: one transaction, all or nothing', async () => {
    const t = await setup();
    await seedSource(t.sourceUrl);
    // The target is migrated and empty; it refuses the fifth mqa_events row, after eleven tables were written.
    await withDb(t.targetUrl, async (db) => {
      await migrateToLatest(db);
      await failInserts(db, 'mqa_events', 'note', 'boom');
    });

    expect(await t.run(['--from', t.sourceUrl, '--to', t.targetUrl])).toBe(1);

    expect(t.err.join('\n')).toContain('The copy failed, nothing was written to the target');
    expect(t.err.join('\n')).toContain('writing mqa_events rows 5-6 to the target: disk gone');
    const counts = await withDb(t.targetUrl, countsOf);
    expect(
      Object.values(counts).every((n) => n === 0),
      JSON.stringify(counts),
    ).toBe(true);
    expect(t.output()).not.toContain(PASSWORD);

    // With the fault gone, the same command copies everything.
    await withDb(t.targetUrl, async (db) => {
      await sql`drop trigger fail_inserts on mqa_events`.execute(db);
    });
    t.err.length = 0;
    expect(await t.run(['--from', t.sourceUrl, '--to', t.targetUrl]), t.output()).toBe(0);
    expect(await withDb(t.targetUrl, countsOf)).toEqual(await withDb(t.sourceUrl, countsOf));
  });

  it('rolls back when the target holds fewer rows than were written (a trigger that drops rows)', async () => {
    const t = await setup();
    await seedSource(t.sourceUrl);
    await withDb(t.targetUrl, async (db) => {
      await migrateToLatest(db);
      await sql`create function drop_row() returns trigger language plpgsql as $$ begin return null; end $$`.execute(
        db,
      );
      await sql`create trigger drop_row before insert on mqa_items for each row
                when (new.domain = 'beta.io') execute function drop_row()`.execute(db);
      // Without the item, its events and delivery have no parent: keep the foreign keys out of this test's way.
      await sql`alter table mqa_events drop constraint mqa_events_item_id_fkey`.execute(db);
      await sql`alter table mqa_deliveries drop constraint mqa_deliveries_item_id_fkey`.execute(db);
    });

    expect(await t.run(['--from', t.sourceUrl, '--to', t.targetUrl])).toBe(1);

    expect(t.err.join('\n')).toContain('the target does not hold what was written: mqa_items 2 of 3');
    const counts = await withDb(t.targetUrl, countsOf);
    expect(
      Object.values(counts).every((n) => n === 0),
      JSON.stringify(counts),
    ).toBe(true);
  });

  it('usage errors print the usage, exit 2 and touch neither side', async () => {
    const t = await setup();
    const cases: Array<[string[], string]> = [
      [[], 'Missing --from and --to.'],
      [['--from', t.sourceUrl], 'Missing --to.'],
      [['--to', t.targetUrl], 'Missing --from.'],
      [['--from', '--to', t.targetUrl], '--from needs a DATABASE_URL.'],
      [['--from', t.sourceUrl, '--to', t.sourceUrl], '--from and --to are the same URL'],
      [['--from', t.sourceUrl, '--to', t.sourcePath], '--from and --to name the same database'],
      [['--from', t.sourceUrl, '--to', t.targetUrl, '--force'], 'Unknown option --force.'],
      [['--from', t.sourceUrl, '--from', t.sourceUrl, '--to', t.targetUrl], '--from is given twice.'],
      // The password is hidden even where an argument is echoed back.
      [['--from', t.sourceUrl, t.targetUrl], `Unexpected argument "${t.targetUrl.replace(PASSWORD, '***')}"`],
      [['--from', 'sqlite::memory:', '--to', t.targetUrl], '--from names an in-memory SQLite database'],
      [['--from', 'mysql://localhost/x', '--to', t.targetUrl], '--from: the URL has the unsupported scheme "mysql:"'],
      [['--from', t.sourceUrl, '--to', t.targetUrl], 'which does not exist: point it at your Loopkeeper SQLite file'],
    ];
    for (const [argv, message] of cases) {
      t.out.length = 0;
      t.err.length = 0;
      expect(await t.run(argv), argv.join(' ')).toBe(2);
      expect(t.err.join('\n'), argv.join(' ')).toContain(message);
      expect(t.err.join('\n'), argv.join(' ')).toContain(
        'Usage: npm run db:copy -- --from <DATABASE_URL> --to <DATABASE_URL>',
      );
      expect(t.output()).not.toContain(PASSWORD);
    }
    // The missing source file was not created, and the target was not even migrated.
    expect(existsSync(t.sourcePath)).toBe(false);
    expect(await withDb(t.targetUrl, tableNames)).toEqual([]);

    t.out.length = 0;
    expect(await t.run(['--help'])).toBe(0);
    expect(t.out[0]).toContain('Usage: npm run db:copy');
  });

  it('accepts --from=URL and --to=URL, and copies back from PostgreSQL into a new SQLite file', async () => {
    const t = await setup();
    await seedSource(t.sourceUrl);
    expect(await t.run([`--from=${t.sourceUrl}`, `--to=${t.targetUrl}`]), t.output()).toBe(0);
    const back = `file:${join(t.dir, 'back', 'loopkeeper.sqlite')}`;
    expect(await t.run(['--from', t.targetUrl, '--to', back], 500), t.output()).toBe(0);
    expect(await withDb(back, contentsOf)).toEqual(await withDb(t.sourceUrl, contentsOf));
    // SQLite's AUTOINCREMENT, too, skips the id of the risk deleted before the first copy.
    await withDb(back, async (db) => {
      const [row] = await db
        .insertInto('risks')
        .values({
          team_id: 'T1',
          category: 'pipeline',
          title: 'x',
          description: '',
          likelihood: 1,
          impact: 1,
          score: 1,
          mitigation: '',
          kpis: '',
          owner_id: 'U1',
          review_date: '2026-12-01',
          created_by: 'U1',
          created_at: at(0),
          updated_at: at(0),
          source_view_id: null,
        })
        .returning('id')
        .execute();
      expect(row!.id).toBe(4);
    });
    expect(t.output()).not.toContain(PASSWORD);
  });
});
