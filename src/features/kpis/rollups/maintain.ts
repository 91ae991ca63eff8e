import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../../../db/dialect.js';
import {
  type DealRecord,
  dayRanges,
  type GtmKind,
  type GtmRecordOf,
  LEAD_STAGES,
  type LeadRecord,
  type Period,
  utcDay,
} from '../domain/index.js';
import {
  attributionEntries,
  dealEntries,
  leadEntries,
  type Ranges,
  STAGE_COLUMN,
  sourceEntries,
} from './contributions.js';

// biome-ignore lint/suspicious/noExplicitAny: a transaction or the database, typed or not (migrations, the bench).
type Executor = Kysely<any>;

/** The UTC days whose rollups a write changes: 'all' when the whole team's rollups are rebuilt. */
export interface TouchedDays {
  leads: Set<string> | 'all';
  deals: Set<string> | 'all';
  /** Days of MQL conversions whose time-decay credit may change. */
  conversions: Set<string> | 'all';
}

/** The four rollup tables; the rows of a team are deleted with the team's data (src/features/data/tables.ts). */
export const ROLLUP_TABLES = [
  'gtm_kpi_lead_days',
  'gtm_kpi_deal_days',
  'gtm_kpi_source_days',
  'gtm_kpi_channel_days',
] as const;

// Runs of consecutive days recomputed per statement: each is a select of its own, and SQLite allows 500 in one
// compound select (five per range for the lead stages, four for the OLS/CS halves).
const RANGES_PER_STATEMENT = 40;

export const noDaysTouched = (): TouchedDays => ({ leads: new Set(), deals: new Set(), conversions: new Set() });

/** The lead ids and accounts whose conversions a touchpoint write reaches (read before and after it). */
export interface TouchedLeads {
  ids: Set<string>;
  accounts: Set<string>;
}

const add = (days: Set<string> | 'all', at: Date | string | null | undefined) => {
  if (days === 'all' || at == null) return;
  days.add(typeof at === 'string' ? at.slice(0, 10) : utcDay(at));
};

/** The days the incoming records fall on (their new dates). */
export function touchedByRecords<K extends GtmKind>(touched: TouchedDays, kind: K, records: Array<GtmRecordOf[K]>) {
  if (kind === 'leads')
    for (const lead of records as LeadRecord[]) {
      for (const stage of LEAD_STAGES) add(touched.leads, lead.stages[stage]);
      add(touched.conversions, lead.stages.mql);
    }
  if (kind === 'deals')
    for (const deal of records as DealRecord[]) {
      add(touched.deals, deal.createdAt);
      add(touched.deals, deal.closedAt);
    }
}

/** The days the stored rows these ids replace fall on (their old dates), read before they are overwritten. */
export async function touchedByStored(
  trx: Executor,
  touched: TouchedDays,
  teamId: string,
  kind: GtmKind,
  ids: string[],
) {
  if (ids.length === 0 || (kind !== 'leads' && kind !== 'deals')) return;
  if (kind === 'leads') {
    const rows = await trx
      .selectFrom('gtm_leads')
      .select(LEAD_STAGES.map((s) => STAGE_COLUMN[s]))
      .where('team_id', '=', teamId)
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) {
      for (const stage of LEAD_STAGES) add(touched.leads, row[STAGE_COLUMN[stage]]);
      add(touched.conversions, row.mql_at);
    }
  } else {
    const rows = await trx
      .selectFrom('gtm_deals')
      .select(['created_at', 'closed_at'])
      .where('team_id', '=', teamId)
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) {
      add(touched.deals, row.created_at);
      add(touched.deals, row.closed_at);
    }
  }
}

/** A touch on a lead reaches that lead's conversion; a touch on an account (no lead) every lead of the account's. */
export function touchedLeadsOf(leads: TouchedLeads, touches: Array<{ leadId: string | null; account: string | null }>) {
  for (const t of touches) {
    if (t.leadId) leads.ids.add(t.leadId);
    else if (t.account) leads.accounts.add(t.account);
  }
}

/** The stored touchpoints these ids replace: whom they touched before. */
export async function touchedLeadsStored(trx: Executor, leads: TouchedLeads, teamId: string, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await trx
    .selectFrom('gtm_touchpoints')
    .select(['lead_id', 'account'])
    .where('team_id', '=', teamId)
    .where('id', 'in', ids)
    .execute();
  touchedLeadsOf(
    leads,
    rows.map((r) => ({ leadId: r.lead_id, account: r.account })),
  );
}

/** The conversion days of the leads a touchpoint write reached. */
export async function conversionDaysOf(trx: Executor, touched: TouchedDays, teamId: string, leads: TouchedLeads) {
  const lists: Array<['id' | 'account', string[]]> = [
    ['id', [...leads.ids]],
    ['account', [...leads.accounts]],
  ];
  for (const [column, values] of lists)
    for (let i = 0; i < values.length; i += 500) {
      const rows = await trx
        .selectFrom('gtm_leads')
        .select('mql_at')
        .where('team_id', '=', teamId)
        .where('mql_at', 'is not', null)
        .where(column, 'in', values.slice(i, i + 500))
        .execute();
      for (const row of rows) add(touched.conversions, row.mql_at);
    }
}

/** The touched days in chunks of ranges, one statement each; 'all' once. */
const chunksOf = (days: Set<string> | 'all'): Ranges[] => {
  if (days === 'all') return ['all'];
  const ranges = dayRanges(days);
  const chunks: Ranges[] = [];
  for (let i = 0; i < ranges.length; i += RANGES_PER_STATEMENT) chunks.push(ranges.slice(i, i + RANGES_PER_STATEMENT));
  return chunks;
};

/** Deletes the team's rollup rows of those days ('all': every day). */
async function deleteDays(trx: Executor, table: (typeof ROLLUP_TABLES)[number], teamId: string, ranges: Ranges) {
  let query = trx.deleteFrom(table).where('team_id', '=', teamId);
  if (ranges !== 'all')
    query = query.where((eb) =>
      eb.or(ranges.map((r: Period) => eb.and([eb('day', '>=', utcDay(r.from)), eb('day', '<', utcDay(r.to))]))),
    );
  await query.execute();
}

/**
 * Recomputes the team's rollup rows of the touched days from the stored rows, in the caller's transaction: a
 * failed import rolls them back with the rows. Recomputing a day (rather than adding and subtracting what changed)
 * keeps the rollups exactly what the rows give, whatever an import replaced.
 */
export async function refreshRollups(trx: Executor, teamId: string, touched: TouchedDays): Promise<void> {
  const dialect = dialectOf(trx);
  for (const leads of chunksOf(touched.leads)) {
    await deleteDays(trx, 'gtm_kpi_lead_days', teamId, leads);
    const rows = leadEntries(teamId, leads);
    if (rows)
      await sql`insert into gtm_kpi_lead_days (team_id, day, stage, entered)
                select team_id, day, stage, count(*) from (${rows}) as e group by team_id, day, stage`.execute(trx);
  }
  for (const conversions of chunksOf(touched.conversions)) {
    await deleteDays(trx, 'gtm_kpi_channel_days', teamId, conversions);
    const rows = attributionEntries(dialect, teamId, conversions);
    if (rows)
      await sql`insert into gtm_kpi_channel_days (team_id, day, channel, credit, attributed)
                select team_id, day, channel, credit, attributed from (${rows}) as e`.execute(trx);
  }
  for (const deals of chunksOf(touched.deals)) {
    await deleteDays(trx, 'gtm_kpi_deal_days', teamId, deals);
    await deleteDays(trx, 'gtm_kpi_source_days', teamId, deals);
    const dealRows = dealEntries(dialect, teamId, deals, deals);
    if (dealRows)
      await sql`insert into gtm_kpi_deal_days (team_id, day, currency, pipeline_count, pipeline_amount_minor,
                  won_count, won_amount_minor, lost_count, won_cycle_ms)
                select team_id, day, currency, sum(pipeline_count), sum(pipeline_amount_minor), sum(won_count),
                  sum(won_amount_minor), sum(lost_count), sum(won_cycle_ms)
                from (${dealRows}) as e group by team_id, day, currency`.execute(trx);
    const sourceRows = sourceEntries(teamId, deals, deals);
    if (sourceRows)
      await sql`insert into gtm_kpi_source_days (team_id, day, kind, source, currency, halves, amount_minor)
                select team_id, day, kind, source, currency, sum(halves), sum(amount_minor)
                from (${sourceRows}) as e group by team_id, day, kind, source, currency`.execute(trx);
  }
}

/** Rebuilds every rollup of these teams (default: every team with GTM data) from the stored rows. */
export async function rebuildRollups(db: Executor, teamIds?: string[]): Promise<void> {
  const teams =
    teamIds ??
    (
      await sql<{ team_id: string }>`select team_id from gtm_leads union select team_id from gtm_deals`.execute(db)
    ).rows.map((r) => r.team_id);
  for (const teamId of teams) await refreshRollups(db, teamId, { leads: 'all', deals: 'all', conversions: 'all' });
}
