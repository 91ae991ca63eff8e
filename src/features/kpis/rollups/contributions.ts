import { type RawBuilder, sql } from 'kysely';
import { type DialectName, daysBetween } from '../../../db/dialect.js';
import { HALF_LIFE_DAYS, LEAD_STAGES, type LeadStage, type Period, UNKNOWN_SOURCE, utcDay } from '../domain/index.js';

/**
 * What each stored row adds to the daily rollups, as row-level selects with the rollup tables' columns. The same
 * text fills the rollups (grouped per day, src/features/kpis/rollups/maintain.ts) and reads the partial days at a
 * period's ends straight from the rows (queries.ts), so the two can never count differently.
 *
 * `where` is the time ranges a select is limited to: `'all'` for every row, else [from, to) ranges on the column the
 * day comes from (the indexes on those columns serve them).
 */
export type Ranges = 'all' | Period[];

export const STAGE_COLUMN: Record<LeadStage, string> = {
  subscriber: 'subscriber_at',
  lead: 'lead_at',
  engaged_lead: 'engaged_lead_at',
  mql: 'mql_at',
  sql: 'sql_at',
};

/** The UTC day of a stored time: times are ISO-8601 UTC text, so it is their first ten characters. */
const dayOf = (column: string) => sql`substr(${sql.ref(column)}, 1, 10)`;

/**
 * One condition per range (each its own select in a `union all`, so every one is an index range: an `or` of ranges
 * makes SQLite fall back to scanning the team's rows). Empty when there are no ranges.
 */
export function inRanges(column: string, ranges: Ranges): RawBuilder<unknown>[] {
  const ref = sql.ref(column);
  if (ranges === 'all') return [sql`${ref} is not null`];
  return ranges.map((r) => sql`${ref} >= ${r.from.toISOString()} and ${ref} < ${r.to.toISOString()}`);
}

/**
 * For lead stages, the same ranges also bounded by UTC day, which the (team_id, day of the stage) indexes serve. A
 * plain index on the stage time would also match the `is not null` of the stage-exit queries in queries.ts and
 * could be picked over their own indexes when the planner has no statistics.
 */
function inDayRanges(column: string, ranges: Ranges): RawBuilder<unknown>[] {
  if (ranges === 'all') return [sql`${sql.ref(column)} is not null`];
  const day = dayOf(column);
  return ranges.map(
    (r) => sql`${day} >= ${utcDay(r.from)} and ${day} <= ${utcDay(new Date(r.to.getTime() - 1))}
               and ${sql.ref(column)} >= ${r.from.toISOString()} and ${sql.ref(column)} < ${r.to.toISOString()}`,
  );
}

/** Whole milliseconds from one stored time to another (times have millisecond precision, so this is exact). */
function millisBetween(dialect: DialectName, from: string, to: string) {
  return dialect === 'postgres'
    ? sql`cast(round(extract(epoch from (${sql.ref(to)}::timestamptz - ${sql.ref(from)}::timestamptz)) * 1000) as bigint)`
    : sql`cast(round((julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 86400000) as integer)`;
}

const unionAll = (parts: RawBuilder<unknown>[]) => (parts.length === 0 ? undefined : sql.join(parts, sql` union all `));

/** Rows (team_id, day, stage, entered): one per stage a lead entered in the ranges. */
export function leadEntries(teamId: string, ranges: Ranges): RawBuilder<unknown> | undefined {
  return unionAll(
    LEAD_STAGES.flatMap((stage) => {
      const column = STAGE_COLUMN[stage];
      return inDayRanges(column, ranges).map(
        (where) => sql`select team_id, ${dayOf(column)} as day, cast(${stage} as text) as stage, 1 as entered
                       from gtm_leads where team_id = ${teamId} and ${where}`,
      );
    }),
  );
}

/**
 * Rows (team_id, day, currency, pipeline_count, pipeline_amount_minor, won_count, won_amount_minor, lost_count,
 * won_cycle_ms): a deal counts as pipeline on the day it was created and as won or lost on the day it closed.
 * `created` and `closed` limit each side separately.
 */
export function dealEntries(
  dialect: DialectName,
  teamId: string,
  created: Ranges,
  closed: Ranges,
): RawBuilder<unknown> | undefined {
  const parts: RawBuilder<unknown>[] = [];
  for (const createdIn of inRanges('created_at', created))
    parts.push(sql`select team_id, ${dayOf('created_at')} as day, currency, 1 as pipeline_count,
                     amount_minor as pipeline_amount_minor, 0 as won_count, 0 as won_amount_minor, 0 as lost_count,
                     0 as won_cycle_ms
                   from gtm_deals where team_id = ${teamId} and ${createdIn}`);
  for (const closedIn of inRanges('closed_at', closed))
    parts.push(sql`select team_id, ${dayOf('closed_at')} as day, currency, 0, 0,
                     case when outcome = 'won' then 1 else 0 end,
                     case when outcome = 'won' then amount_minor else 0 end,
                     case when outcome = 'lost' then 1 else 0 end,
                     case when outcome = 'won' then ${millisBetween(dialect, 'created_at', 'closed_at')} else 0 end
                   from gtm_deals where team_id = ${teamId} and outcome in ('won', 'lost') and ${closedIn}`);
  return unionAll(parts);
}

/**
 * Rows (team_id, day, kind, source, currency, halves, amount_minor): each deal's two halves of OLS/CS credit, on the
 * day it was won ('won') and the day it was created ('pipeline'). The Original Lead Source's half falls back to the
 * Converting Source, and the other way round, then to "unknown" (olsCsAttribution in domain/attribution.ts).
 */
export function sourceEntries(teamId: string, created: Ranges, closed: Ranges): RawBuilder<unknown> | undefined {
  const halves = [sql`coalesce(ols, cs, ${UNKNOWN_SOURCE})`, sql`coalesce(cs, ols, ${UNKNOWN_SOURCE})`];
  const parts: RawBuilder<unknown>[] = [];
  for (const closedIn of inRanges('closed_at', closed))
    for (const source of halves)
      parts.push(sql`select team_id, ${dayOf('closed_at')} as day, cast('won' as text) as kind, ${source} as source,
                       currency, 1 as halves, amount_minor
                     from gtm_deals where team_id = ${teamId} and outcome = 'won' and ${closedIn}`);
  for (const createdIn of inRanges('created_at', created))
    for (const source of halves)
      parts.push(sql`select team_id, ${dayOf('created_at')} as day, cast('pipeline' as text) as kind,
                       ${source} as source, currency, 1 as halves, amount_minor
                     from gtm_deals where team_id = ${teamId} and ${createdIn}`);
  return unionAll(parts);
}

/**
 * Rows (team_id, day, channel, credit, attributed), grouped per conversion day and channel: time-decay credit of the
 * leads that became MQL in the ranges (domain/attribution.ts). A conversion's credit depends only on its own time
 * and touches (the lead's, and its account's without a lead), so it adds up per conversion day once normalised.
 * `attributed` counts each conversion with a touch once, on the first of its channels by name, so the sum over
 * channels is the number of attributed conversions. y = 2^(-x/7) = exp(-ln 2 * x / 7).
 */
export function attributionEntries(
  dialect: DialectName,
  teamId: string,
  ranges: Ranges,
): RawBuilder<unknown> | undefined {
  const conversions = inRanges('mql_at', ranges).map(
    (where) => sql`select team_id, id, account, mql_at from gtm_leads where team_id = ${teamId} and ${where}`,
  );
  if (conversions.length === 0) return undefined;
  const days = daysBetween(dialect, sql`t.at`, sql`c.mql_at`);
  return sql`
    with conv as (${sql.join(conversions, sql` union all `)}),
    touches as (
      select c.team_id, c.id as conv_id, c.mql_at, t.channel, ${days} as days
      from conv c join gtm_touchpoints t on t.team_id = c.team_id and t.lead_id = c.id and t.at <= c.mql_at
      union all
      select c.team_id, c.id, c.mql_at, t.channel, ${days}
      from conv c join gtm_touchpoints t
        on t.team_id = c.team_id and t.lead_id is null and t.account = c.account and t.at <= c.mql_at
    ),
    weighted as (select team_id, conv_id, mql_at, channel, exp(-ln(2) * days / ${HALF_LIFE_DAYS}) as w from touches),
    normalised as (
      select team_id, conv_id, mql_at, channel, w / sum(w) over (partition by conv_id) as credit,
             min(channel) over (partition by conv_id) as first_channel
      from weighted
    )
    select team_id, ${dayOf('mql_at')} as day, channel, sum(credit) as credit,
           count(distinct case when channel = first_channel then conv_id end) as attributed
    from normalised group by team_id, ${dayOf('mql_at')}, channel`;
}
