import { type Kysely, sql } from 'kysely';
import type { Db } from '../../src/db/open-database.js';
import { TEAM_TABLES } from '../../src/features/data/tables.js';
import { rebuildRollups } from '../../src/features/kpis/rollups/maintain.js';

/** The other workspace in a shared database: nothing done for T0TEST may read or touch its rows. */
export const OTHER_TEAM = 'T0OTHER';

const AT = '2026-11-20T09:00:00.000Z';

/** Text a spreadsheet would run as a formula, and text that needs CSV quoting. */
export const FORMULA = '=HYPERLINK("https://evil.example","click")';
export const QUOTED = 'Churn, "soon", and\nmore';

/**
 * Rows of `teamId` in every table, straight through the database as the features would write them: one per
 * table, two in `assessment_scores` (a child reached through its parent). Returns the count per table (the tables
 * this schema has).
 * Ids are the database's, so two teams' rows interleave. Everything is finished work (deleted ritual, closed risk,
 * sent reminder, rejected account...), so a scheduler tick has nothing to send for it.
 */
export async function seedTeamData(db: Db, teamId: string, user = 'U0SEED'): Promise<Record<string, number>> {
  const tag = teamId.toLowerCase();
  await db
    .insertInto('teams')
    .values({
      team_id: teamId,
      segment: null,
      assessments_channel_id: null,
      time_zone: 'Europe/Berlin',
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await db.insertInto('team_admins').values({ team_id: teamId, user_id: user, added_by: user, added_at: AT }).execute();
  const assessment = await db
    .insertInto('assessments')
    .values({
      team_id: teamId,
      user_id: user,
      segment: 'pure_plg',
      origin_channel_id: null,
      target_channel_id: 'C0GENERAL',
      source_view_id: `V-${tag}`,
      created_at: AT,
      posted_channel_id: null,
      posted_ts: null,
      post_error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('assessment_scores')
    .values([
      { assessment_id: assessment.id, dimension: 'activation', score: 3, note: FORMULA },
      { assessment_id: assessment.id, dimension: 'pqls', score: 4, note: QUOTED },
    ])
    .execute();
  await db.insertInto('assessment_red_flags').values({ assessment_id: assessment.id, flag_key: 'no_owner' }).execute();
  await db
    .insertInto('assessment_summary_posts')
    .values({ team_id: teamId, assessment_id: assessment.id, status: 'posted', next_attempt_at: AT, created_at: AT })
    .execute();
  const round = await db
    .insertInto('assessment_rounds')
    .values({
      team_id: teamId,
      channel_id: 'C0GENERAL',
      started_by: user,
      segment: null,
      anonymous: 0,
      created_at: AT,
      deadline_at: AT,
      invitation_ts: null,
      status: 'closed',
      closed_at: AT,
      closed_by: 'deadline',
      summary_ts: null,
      summary_error: null,
      summary_next_attempt_at: null,
      nudged_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('assessment_round_invitees').values({ round_id: round.id, user_id: user }).execute();
  await db
    .insertInto('assessment_round_responses')
    .values({
      round_id: round.id,
      user_id: user,
      function: 'product',
      scores: '{"activation":3}',
      red_flags: '[]',
      notes: '{}',
      invited: 1,
      created_at: AT,
      updated_at: AT,
      source_view_id: null,
    })
    .execute();
  const ritual = await db
    .insertInto('rituals')
    .values({
      team_id: teamId,
      kind: 'gtm_review',
      channel_id: 'C0GENERAL',
      cadence: '{"kind":"weekly","weekday":1}',
      local_time: '09:00',
      time_zone: 'Europe/Berlin',
      paused: 1,
      heads_up_hours: null,
      schedule_from: AT,
      created_by: user,
      created_at: AT,
      updated_at: AT,
      deleted_at: AT,
      source_view_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const post = await db
    .insertInto('ritual_posts')
    .values({
      team_id: teamId,
      ritual_id: ritual.id,
      occurrence_at: AT,
      kind: 'post',
      status: 'posted',
      next_attempt_at: AT,
      lease_until: null,
      in_flight_since: null,
      last_error: null,
      channel_id: 'C0GENERAL',
      posted_ts: '1.000100',
      posted_at: AT,
      created_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('follow_ups')
    .values({
      team_id: teamId,
      ritual_id: ritual.id,
      post_id: post.id,
      what: `Follow up ${tag}`,
      owner_id: user,
      due_date: '2026-11-30',
      time_zone: 'Europe/Berlin',
      status: 'done',
      created_by: user,
      created_at: AT,
      done_at: null,
      done_by: null,
      reminded_at: null,
      thread_channel_id: null,
      thread_message_ts: null,
      source_view_id: null,
      remind_next_at: null,
      remind_lease_until: null,
    })
    .execute();
  await db
    .insertInto('mqa_settings')
    .values({
      team_id: teamId,
      review_channel_id: null,
      reviewer_ids: '[]',
      director_id: null,
      default_channel_id: null,
      escalation_channel_id: null,
      escalation_user_id: null,
      sla_business_days: 1,
      stall_days: 21,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('mqa_routes')
    .values({
      team_id: teamId,
      position: 1,
      segment: null,
      region: 'EMEA',
      tier: null,
      source: null,
      intent_topic: null,
      channel_id: 'C0GENERAL',
      owner_ids: '[]',
      created_at: AT,
    })
    .execute();
  const item = await db
    .insertInto('mqa_items')
    .values({
      team_id: teamId,
      account_name: `Account ${tag}`,
      domain: `${tag}.example`,
      segment: null,
      tier: null,
      region: null,
      intent_topics: '[]',
      evidence: null,
      source: 'engagement',
      priority: 'normal',
      owner_id: null,
      external_id: null,
      status: 'rejected',
      rejection_reason: 'no fit',
      presales: null,
      route_rule_id: null,
      sales_channel_id: null,
      review_channel_id: null,
      review_ts: null,
      card_channel_id: null,
      card_ts: null,
      acknowledged_by: null,
      created_by: user,
      created_at: AT,
      last_activity_at: AT,
      shared_at: null,
      reminded_at: null,
      escalated_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('mqa_events')
    .values({
      item_id: item.id,
      team_id: teamId,
      type: 'created',
      from_status: null,
      to_status: 'in_review',
      actor: user,
      at: AT,
      note: null,
      dedupe_key: null,
    })
    .execute();
  await db
    .insertInto('mqa_deliveries')
    .values({
      team_id: teamId,
      item_id: item.id,
      kind: 'review',
      unique_key: `review:${tag}:${item.id}`,
      channel_id: 'C0GENERAL',
      thread_ts: null,
      status: 'posted',
      next_attempt_at: AT,
      lease_until: null,
      last_error: null,
      posted_ts: '1.000200',
      created_at: AT,
    })
    .execute();
  const risk = await db
    .insertInto('risks')
    .values({
      team_id: teamId,
      category: 'market',
      title: FORMULA,
      description: QUOTED,
      likelihood: 3,
      impact: 4,
      score: 12,
      mitigation: '-',
      kpis: '@pipeline',
      owner_id: user,
      review_date: '2026-12-01',
      status: 'closed',
      resolution: 'accepted',
      closed_by: user,
      closed_at: AT,
      created_by: user,
      created_at: AT,
      updated_at: AT,
      source_view_id: `V-risk-${tag}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('risk_events')
    .values({
      risk_id: risk.id,
      team_id: teamId,
      type: 'created',
      actor: user,
      at: AT,
      likelihood: 3,
      impact: 4,
      score: 12,
      changes: null,
      note: null,
      source_view_id: `V-risk-event-${tag}`,
    })
    .execute();
  await db
    .insertInto('risk_review_reminders')
    .values({
      team_id: teamId,
      risk_id: risk.id,
      review_date: '2026-12-01',
      status: 'sent',
      next_attempt_at: AT,
      lease_until: null,
      last_error: null,
      sent_at: null,
      created_at: AT,
    })
    .execute();
  await db.insertInto('home_viewers').values({ team_id: teamId, user_id: user, last_opened_at: AT }).execute();
  await db
    .insertInto('gtm_leads')
    .values({
      team_id: teamId,
      id: 'L1',
      account: `Account ${tag}`,
      source: 'paid',
      subscriber_at: null,
      lead_at: AT,
      engaged_lead_at: null,
      mql_at: null,
      sql_at: null,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('gtm_touchpoints')
    .values({ team_id: teamId, id: 'T1', lead_id: 'L1', account: null, channel: 'paid', at: AT, updated_at: AT })
    .execute();
  await db
    .insertInto('gtm_deals')
    .values({
      team_id: teamId,
      id: 'D1',
      account: `Account ${tag}`,
      amount_minor: -125_000,
      currency: 'EUR',
      created_at: AT,
      closed_at: null,
      outcome: 'open',
      ols: null,
      ols_at: null,
      cs: null,
      cs_at: null,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('gtm_spend')
    .values({
      team_id: teamId,
      month: '2026-11',
      channel: 'paid',
      amount_minor: 50_000,
      currency: 'EUR',
      updated_at: AT,
    })
    .execute();
  // Newer than this checkout's schema may be: seeded only where the table exists.
  if (await hasTable(db, 'ingest_tokens')) {
    await sql`insert into ingest_tokens (team_id, name, token_hash, token_prefix, created_by, created_at)
      values (${teamId}, ${'HubSpot'}, ${`secret-hash-${tag}`}, ${'lk_ing_ab12'}, ${user}, ${AT})`.execute(db);
  }
  if (await hasTable(db, 'control_plane_canvases')) {
    await sql`insert into control_plane_canvases (team_id, channel_id, canvas_id, kind, status, created_by, next_run_at, created_at)
      values (${teamId}, ${'C0SEED'}, ${`F0${tag}`}, ${'channel'}, ${'active'}, ${user}, ${AT}, ${AT})`.execute(db);
  }
  // The KPI rollups of the rows above, as an import keeps them: one row in each table but the time-decay one (the
  // seeded lead never became MQL), which gets one of its own.
  if (await hasTable(db, 'gtm_kpi_lead_days')) {
    await rebuildRollups(db, [teamId]);
    await db
      .insertInto('gtm_kpi_channel_days')
      .values({ team_id: teamId, day: AT.slice(0, 10), channel: 'paid', credit: 1, attributed: 1 })
      .execute();
  }
  const counts: Record<string, number> = {};
  for (const table of TEAM_TABLES) if (await hasTable(db, table.name)) counts[table.name] = 1;
  counts.assessment_scores = 2;
  return counts;
}

/** The sealed installation row of a workspace, as the installation store writes it (the tokens sealed). */
export async function seedInstallation(db: Db, teamId: string, at = AT): Promise<void> {
  await db
    .insertInto('installations')
    .values({
      installation_key: `T:${teamId}`,
      team_id: teamId,
      enterprise_id: null,
      is_enterprise_install: 0,
      app_id: 'A0LOOP',
      bot_user_id: 'U0BOT',
      installer_user_id: 'U0SEED',
      sealed_installation: 'v1:sealed-xoxb-secret',
      bot_token_expires_at: null,
      installed_at: at,
      updated_at: at,
    })
    .execute();
}

/** Rows of `teamId` per table (through the parent for tables without team_id), every table with workspace data. */
export async function countTeamRows(db: Db, teamId: string): Promise<Record<string, number>> {
  const anyDb = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const counts: Record<string, number> = {};
  for (const table of TEAM_TABLES) {
    if (!(await hasTable(db, table.name))) continue;
    let query = anyDb.selectFrom(table.name).select((eb) => eb.fn.countAll().as('n'));
    const parent = 'parent' in table ? table.parent : undefined;
    query = parent
      ? query.where(parent.column, 'in', anyDb.selectFrom(parent.table).select('id').where('team_id', '=', teamId))
      : query.where('team_id', '=', teamId);
    const row = await query.executeTakeFirstOrThrow();
    counts[table.name] = Number(row.n);
  }
  return counts;
}

const tables = new WeakMap<Db, Promise<Set<string>>>();

async function hasTable(db: Db, name: string): Promise<boolean> {
  let known = tables.get(db);
  if (!known) {
    known = db.introspection.getTables().then((all) => new Set(all.map((t) => t.name)));
    tables.set(db, known);
  }
  return (await known).has(name);
}
