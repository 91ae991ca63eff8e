import { type RawBuilder, sql } from 'kysely';
import { daysBetween, dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open-database.js';
import {
  byCreditThenName,
  type ChannelCredit,
  DAY_MS,
  type DealMetrics,
  type FunnelMetrics,
  LEAD_STAGES,
  type LeadStage,
  type Period,
  ratio,
  type SourceCredit,
  type SpendRecord,
  type StageConversion,
  splitPeriod,
  type TimeDecayResult,
} from './domain/index.js';
import { attributionEntries, dealEntries, leadEntries, sourceEntries } from './rollups/contributions.js';

/**
 * The KPI figures computed in the database (aggregates and window functions), so a digest never loads the team's
 * rows into memory. The SQL is one text for SQLite and PostgreSQL: conditions are counted with `case`, never summed as
 * booleans, and date arithmetic goes through `daysBetween`. Each query returns the same shape as the pure function in
 * domain/ that defines it; test/db/kpi-queries.test.ts checks they agree on the same data.
 *
 * What adds up per day (stage entries, deal counts and amounts, OLS/CS halves) is read from the daily rollups for the
 * period's whole UTC days and from the rows for the partial days at its ends (domain/rollup-days.ts says why that
 * grain). What does not add up stays an exact query over the period's own rows, found through indexes: the medians
 * and conversions of the leads that left a stage in the period. Time-decay credit is rolled up per conversion day
 * (normalised per conversion first, so it adds up); a touchpoint import recomputes the days of the conversions it
 * reaches.
 */
export interface KpiQueries {
  funnel(teamId: string, period: Period): Promise<FunnelMetrics>;
  deals(teamId: string, period: Period): Promise<DealMetrics>;
  /** Conversions are the leads that became MQL in the period. */
  timeDecay(teamId: string, period: Period): Promise<TimeDecayResult>;
  /** OLS/CS credit of the deals won in the period ('won') or created in it ('pipeline'). */
  olsCs(teamId: string, period: Period, which: 'won' | 'pipeline'): Promise<SourceCredit[]>;
  /** Spend rows of the months the period touches (a handful of rows). */
  spend(teamId: string, period: Period): Promise<SpendRecord[]>;
}

const COLUMN: Record<LeadStage, string> = {
  subscriber: 'subscriber_at',
  lead: 'lead_at',
  engaged_lead: 'engaged_lead_at',
  mql: 'mql_at',
  sql: 'sql_at',
};
/** When the lead left `stage`: the first later stage it reached. */
const exitExpression = (index: number) => {
  const later = LEAD_STAGES.slice(index + 1).map((s) => COLUMN[s]);
  return later.length === 1 ? later[0]! : `coalesce(${later.join(', ')})`;
};
const num = (v: unknown) => Number(v ?? 0);

export function createKpiQueries(db: Db): KpiQueries {
  const dialect = dialectOf(db);
  const days = (from: RawBuilder<unknown>, to: RawBuilder<unknown>) => daysBetween(dialect, from, to);
  return {
    async funnel(teamId, period) {
      const from = period.from.toISOString();
      const to = period.to.toISOString();
      const { days: whole, edges } = splitPeriod(period);
      // Entries per stage: the period's whole UTC days from the rollup, the partial days at its ends from the leads.
      const parts: RawBuilder<unknown>[] = [];
      if (whole)
        parts.push(sql`select stage, entered from gtm_kpi_lead_days
                       where team_id = ${teamId} and day >= ${whole.first} and day < ${whole.end}`);
      const edgeRows = leadEntries(teamId, edges);
      if (edgeRows) parts.push(sql`select stage, entered from (${edgeRows}) as e`);
      const entries =
        parts.length === 0
          ? []
          : (
              await sql<{ stage: LeadStage; entered: number }>`
                select stage, sum(entered) as entered from (${sql.join(parts, sql` union all `)}) as p
                group by stage`.execute(db)
            ).rows;

      // The leads that left each stage in the period (the stage-exit indexes find them): their days in the stage
      // give the median, and those that also entered it in the period are its conversions. A lead entering a stage
      // in the period and leaving it before the period ends is exactly such a lead, because stage dates never go
      // backwards (the import refuses them). The median via row_number over the sorted days.
      const durations = LEAD_STAGES.slice(0, -1).map((stage, i) => {
        const exit = sql.raw(exitExpression(i));
        const at = sql.raw(COLUMN[stage]);
        return sql`select cast(${stage} as text) as stage, ${days(at, exit)} as days,
                     case when ${at} >= ${from} and ${at} < ${to} then 1 else 0 end as entered_in
                   from gtm_leads where team_id = ${teamId} and ${at} is not null and ${exit} >= ${from} and ${exit} < ${to}`;
      });
      const exits = await sql<{ stage: LeadStage; converted: number; median: number | null }>`
        with durations as (${sql.join(durations, sql` union all `)}),
        ranked as (select stage, days, entered_in, row_number() over (partition by stage order by days) as rn, count(*) over (partition by stage) as n from durations)
        select stage, sum(entered_in) as converted, avg(case when rn in ((n + 1) / 2, (n + 2) / 2) then days end) as median
        from ranked group by stage`.execute(db);
      const exitOf = (stage: LeadStage) => exits.rows.find((r) => r.stage === stage);
      const medianOf = (stage: LeadStage) => {
        const median = exitOf(stage)?.median;
        return median == null ? null : Number(median);
      };

      const entered = Object.fromEntries(
        LEAD_STAGES.map((s) => [s, num(entries.find((r) => r.stage === s)?.entered)]),
      ) as Record<LeadStage, number>;
      const conversions = LEAD_STAGES.slice(0, -1).map((stage, i): StageConversion => {
        const converted = num(exitOf(stage)?.converted);
        return {
          from: stage,
          to: LEAD_STAGES[i + 1] as LeadStage,
          entered: entered[stage],
          converted,
          rate: ratio(converted, entered[stage]),
        };
      });
      return {
        entered,
        conversions,
        medianDaysInStage: {
          subscriber: medianOf('subscriber'),
          lead: medianOf('lead'),
          engaged_lead: medianOf('engaged_lead'),
          mql: medianOf('mql'),
        },
        mqlToSql: conversions[3] as StageConversion,
      };
    },

    async deals(teamId, period) {
      const { days: whole, edges } = splitPeriod(period);
      const parts: RawBuilder<unknown>[] = [];
      if (whole)
        parts.push(sql`select currency, pipeline_count, pipeline_amount_minor, won_count, won_amount_minor, lost_count,
                         won_cycle_ms
                       from gtm_kpi_deal_days where team_id = ${teamId} and day >= ${whole.first} and day < ${whole.end}`);
      const edgeRows = dealEntries(dialect, teamId, edges, edges);
      if (edgeRows)
        parts.push(sql`select currency, pipeline_count, pipeline_amount_minor, won_count, won_amount_minor, lost_count,
                         won_cycle_ms from (${edgeRows}) as e`);
      const rows =
        parts.length === 0
          ? []
          : (
              await sql<{
                currency: string;
                pipeline_count: number;
                pipeline_amount: number;
                won_count: number;
                won_amount: number;
                lost_count: number;
                cycle_ms: number;
              }>`
                select currency, sum(pipeline_count) as pipeline_count, sum(pipeline_amount_minor) as pipeline_amount,
                       sum(won_count) as won_count, sum(won_amount_minor) as won_amount, sum(lost_count) as lost_count,
                       sum(won_cycle_ms) as cycle_ms
                from (${sql.join(parts, sql` union all `)}) as p group by currency order by currency`.execute(db)
            ).rows;
      const won = rows.reduce((s, r) => s + num(r.won_count), 0);
      const lost = rows.reduce((s, r) => s + num(r.lost_count), 0);
      const cycleDays = rows.reduce((s, r) => s + num(r.cycle_ms), 0) / DAY_MS;
      return {
        pipelineCreated: rows.reduce((s, r) => s + num(r.pipeline_count), 0),
        won,
        lost,
        winRate: ratio(won, won + lost),
        salesCycleDays: ratio(cycleDays, won),
        byCurrency: rows
          .filter((r) => num(r.pipeline_count) > 0 || num(r.won_count) > 0)
          .map((r) => ({
            currency: r.currency,
            pipelineCount: num(r.pipeline_count),
            pipelineAmountMinor: num(r.pipeline_amount),
            wonCount: num(r.won_count),
            wonAmountMinor: num(r.won_amount),
            averageDealSizeMinor: ratio(num(r.won_amount), num(r.won_count)),
          })),
      };
    },

    async timeDecay(teamId, period) {
      const { days: whole, edges } = splitPeriod(period);
      const parts: RawBuilder<unknown>[] = [];
      if (whole)
        parts.push(sql`select channel, credit, attributed from gtm_kpi_channel_days
                       where team_id = ${teamId} and day >= ${whole.first} and day < ${whole.end}`);
      const edgeRows = attributionEntries(dialect, teamId, edges);
      if (edgeRows) parts.push(sql`select channel, credit, attributed from (${edgeRows}) as e`);
      const credits =
        parts.length === 0
          ? []
          : (
              await sql<{ channel: string; credit: number; attributed: number }>`
                select channel, sum(credit) as credit, sum(attributed) as attributed
                from (${sql.join(parts, sql` union all `)}) as p group by channel`.execute(db)
            ).rows;
      // Conversions without a touch have no credit rows: counted from the MQL dates (an index range).
      const conversions = await db
        .selectFrom('gtm_leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('team_id', '=', teamId)
        .where('mql_at', '>=', period.from.toISOString())
        .where('mql_at', '<', period.to.toISOString())
        .executeTakeFirstOrThrow();
      const total = credits.reduce((s, r) => s + num(r.credit), 0);
      const channels: ChannelCredit[] = credits
        .map((r) => ({ channel: r.channel, credit: num(r.credit), share: total === 0 ? 0 : num(r.credit) / total }))
        .sort(byCreditThenName((c) => c.channel));
      return {
        conversions: num(conversions.n),
        attributed: credits.reduce((s, r) => s + num(r.attributed), 0),
        channels,
      };
    },

    async olsCs(teamId, period, which) {
      const { days: whole, edges } = splitPeriod(period);
      const parts: RawBuilder<unknown>[] = [];
      if (whole)
        parts.push(sql`select source, currency, halves, amount_minor from gtm_kpi_source_days
                       where team_id = ${teamId} and kind = ${which} and day >= ${whole.first} and day < ${whole.end}`);
      const edgeRows = which === 'won' ? sourceEntries(teamId, [], edges) : sourceEntries(teamId, edges, []);
      if (edgeRows) parts.push(sql`select source, currency, halves, amount_minor from (${edgeRows}) as e`);
      const rows =
        parts.length === 0
          ? []
          : (
              await sql<{ source: string; currency: string; halves: number; amount: number }>`
                select source, currency, sum(halves) as halves, sum(amount_minor) as amount
                from (${sql.join(parts, sql` union all `)}) as p group by source, currency`.execute(db)
            ).rows;
      const bySource = new Map<string, SourceCredit>();
      for (const r of rows) {
        const c = bySource.get(r.source) ?? { source: r.source, credit: 0, amountMinor: {} };
        c.credit += num(r.halves) * 0.5;
        c.amountMinor[r.currency] = num(r.amount) * 0.5;
        bySource.set(r.source, c);
      }
      return [...bySource.values()].sort(byCreditThenName((c) => c.source));
    },

    async spend(teamId, period) {
      const firstMonth = period.from.toISOString().slice(0, 7);
      const lastMonth = new Date(period.to.getTime() - 1).toISOString().slice(0, 7);
      const rows = await db
        .selectFrom('gtm_spend')
        .select(['month', 'channel', 'amount_minor', 'currency'])
        .where('team_id', '=', teamId)
        .where('month', '>=', firstMonth)
        .where('month', '<=', lastMonth)
        .execute();
      return rows.map((r) => ({
        month: r.month,
        channel: r.channel,
        amountMinor: r.amount_minor,
        currency: r.currency,
      }));
    },
  };
}
