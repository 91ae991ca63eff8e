import { type RawBuilder, sql } from 'kysely';
import { daysBetween, dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open-database.js';
import {
  byCreditThenName,
  type ChannelCredit,
  type DealMetrics,
  type FunnelMetrics,
  HALF_LIFE_DAYS,
  LEAD_STAGES,
  type LeadStage,
  type Period,
  ratio,
  type SourceCredit,
  type SpendRecord,
  type StageConversion,
  type TimeDecayResult,
  UNKNOWN_SOURCE,
} from './domain/index.js';

/**
 * The KPI figures computed in the database (aggregates and window functions), so a digest never loads the team's
 * rows into memory. The SQL is one text for SQLite and PostgreSQL: conditions are counted with `case`, never summed as
 * booleans, and date arithmetic goes through `daysBetween`. Each query returns the same shape as the pure function in src/domain/metrics/ that defines it;
 * test/db/kpi-queries.test.ts checks they agree on the same data.
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
/** Rows where `condition` holds; SQLite could sum the condition itself, PostgreSQL cannot sum a boolean. */
const countWhere = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;

export function createKpiQueries(db: Db): KpiQueries {
  const dialect = dialectOf(db);
  const days = (from: RawBuilder<unknown>, to: RawBuilder<unknown>) => daysBetween(dialect, from, to);
  return {
    async funnel(teamId, period) {
      const from = period.from.toISOString();
      const to = period.to.toISOString();
      // Column names are our constants (sql.raw); every value is bound.
      const selections = LEAD_STAGES.flatMap((stage, i) => {
        const at = sql.raw(COLUMN[stage]);
        const entered = sql`${at} >= ${from} and ${at} < ${to}`;
        const parts = [sql`${countWhere(entered)} as ${sql.ref(`${stage}_entered`)}`];
        if (i < LEAD_STAGES.length - 1)
          parts.push(
            sql`${countWhere(sql`${entered} and ${sql.raw(exitExpression(i))} < ${to}`)} as ${sql.ref(`${stage}_converted`)}`,
          );
        return parts;
      });
      const counts =
        (
          await sql<
            Record<string, number | null>
          >`select ${sql.join(selections)} from gtm_leads where team_id = ${teamId}`.execute(db)
        ).rows[0] ?? {};

      // Days in each stage of the leads that left it in the period; the median via row_number over the sorted days.
      const durations = LEAD_STAGES.slice(0, -1).map((stage, i) => {
        const exit = sql.raw(exitExpression(i));
        const at = sql.raw(COLUMN[stage]);
        return sql`select cast(${stage} as text) as stage, ${days(at, exit)} as days
                   from gtm_leads where team_id = ${teamId} and ${at} is not null and ${exit} >= ${from} and ${exit} < ${to}`;
      });
      const medians = await sql<{ stage: LeadStage; median: number }>`
        with durations as (${sql.join(durations, sql` union all `)}),
        ranked as (select stage, days, row_number() over (partition by stage order by days) as rn, count(*) over (partition by stage) as n from durations)
        select stage, avg(days) as median from ranked where rn in ((n + 1) / 2, (n + 2) / 2) group by stage`.execute(
        db,
      );
      const medianOf = (stage: LeadStage) => medians.rows.find((r) => r.stage === stage)?.median ?? null;

      const entered = Object.fromEntries(LEAD_STAGES.map((s) => [s, num(counts[`${s}_entered`])])) as Record<
        LeadStage,
        number
      >;
      const conversions = LEAD_STAGES.slice(0, -1).map((stage, i): StageConversion => {
        const converted = num(counts[`${stage}_converted`]);
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
      const from = period.from.toISOString();
      const to = period.to.toISOString();
      const rows = (
        await sql<{
          currency: string;
          pipeline_count: number;
          pipeline_amount: number;
          won_count: number;
          won_amount: number;
          lost_count: number;
          cycle_days: number;
        }>`
        with d as (
          select currency, amount_minor, created_at, closed_at,
                 (created_at >= ${from} and created_at < ${to}) as created_in,
                 (closed_at >= ${from} and closed_at < ${to}) as closed_in,
                 outcome
          from gtm_deals
          where team_id = ${teamId} and ((created_at >= ${from} and created_at < ${to}) or (closed_at >= ${from} and closed_at < ${to}))
        )
        select currency,
               coalesce(${countWhere(sql`created_in`)}, 0) as pipeline_count,
               coalesce(sum(case when created_in then amount_minor else 0 end), 0) as pipeline_amount,
               coalesce(${countWhere(sql`closed_in and outcome = 'won'`)}, 0) as won_count,
               coalesce(sum(case when closed_in and outcome = 'won' then amount_minor else 0 end), 0) as won_amount,
               coalesce(${countWhere(sql`closed_in and outcome = 'lost'`)}, 0) as lost_count,
               coalesce(sum(case when closed_in and outcome = 'won' then ${days(sql`created_at`, sql`closed_at`)} else 0 end), 0) as cycle_days
        from d group by currency order by currency`.execute(db)
      ).rows;
      const won = rows.reduce((s, r) => s + num(r.won_count), 0);
      const lost = rows.reduce((s, r) => s + num(r.lost_count), 0);
      const cycle = rows.reduce((s, r) => s + num(r.cycle_days), 0);
      return {
        pipelineCreated: rows.reduce((s, r) => s + num(r.pipeline_count), 0),
        won,
        lost,
        winRate: ratio(won, won + lost),
        salesCycleDays: ratio(cycle, won),
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
      const from = period.from.toISOString();
      const to = period.to.toISOString();
      // y = 2^(-x/7) = exp(-ln 2 * x / 7); SQLite's math functions (exp, ln) are compiled into better-sqlite3, and
      // PostgreSQL has them built in.
      const result = await sql<{
        channel: string | null;
        credit: number | null;
        conversions: number;
        attributed: number;
      }>`
        with conv as (
          select id, account, mql_at from gtm_leads where team_id = ${teamId} and mql_at >= ${from} and mql_at < ${to}
        ),
        touches as (
          select c.id as conv_id, t.channel, ${days(sql`t.at`, sql`c.mql_at`)} as days
          from conv c join gtm_touchpoints t on t.team_id = ${teamId} and t.lead_id = c.id and t.at <= c.mql_at
          union all
          select c.id, t.channel, ${days(sql`t.at`, sql`c.mql_at`)}
          from conv c join gtm_touchpoints t on t.team_id = ${teamId} and t.lead_id is null and t.account = c.account and t.at <= c.mql_at
        ),
        weighted as (select conv_id, channel, exp(-ln(2) * days / ${HALF_LIFE_DAYS}) as w from touches),
        normalised as (select conv_id, channel, w / sum(w) over (partition by conv_id) as credit from weighted),
        per_channel as (select channel, sum(credit) as credit from normalised group by channel)
        select p.channel, p.credit,
               (select count(*) from conv) as conversions,
               (select count(distinct conv_id) from weighted) as attributed
        from (select 1 as one) as one left join per_channel p on 1 = 1`.execute(db);
      const first = result.rows[0];
      const credits = result.rows.filter((r) => r.channel !== null) as Array<{ channel: string; credit: number }>;
      const total = credits.reduce((s, r) => s + r.credit, 0);
      const channels: ChannelCredit[] = credits
        .map((r) => ({ channel: r.channel, credit: r.credit, share: total === 0 ? 0 : r.credit / total }))
        .sort(byCreditThenName((c) => c.channel));
      return { conversions: num(first?.conversions), attributed: num(first?.attributed), channels };
    },

    async olsCs(teamId, period, which) {
      const from = period.from.toISOString();
      const to = period.to.toISOString();
      const filter =
        which === 'won'
          ? sql`outcome = 'won' and closed_at >= ${from} and closed_at < ${to}`
          : sql`created_at >= ${from} and created_at < ${to}`;
      const rows = (
        await sql<{ source: string; currency: string; credit: number; amount: number }>`
        with d as (
          select coalesce(ols, cs, ${UNKNOWN_SOURCE}) as o, coalesce(cs, ols, ${UNKNOWN_SOURCE}) as c, amount_minor, currency
          from gtm_deals where team_id = ${teamId} and ${filter}
        ),
        halves as (select o as source, amount_minor, currency from d union all select c, amount_minor, currency from d)
        select source, currency, count(*) * 0.5 as credit, sum(amount_minor) * 0.5 as amount from halves group by source, currency`.execute(
          db,
        )
      ).rows;
      const bySource = new Map<string, SourceCredit>();
      for (const r of rows) {
        const c = bySource.get(r.source) ?? { source: r.source, credit: 0, amountMinor: {} };
        c.credit += num(r.credit);
        c.amountMinor[r.currency] = num(r.amount);
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
