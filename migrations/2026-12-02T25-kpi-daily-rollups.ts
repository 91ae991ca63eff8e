import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// Daily KPI rollups per team and UTC day, so the GTM review's KPI section reads a few hundred rows instead of a
// team's 200,000 leads and their million touchpoints. The grain is the UTC day: a period of whole local days in any
// time zone is its whole UTC days (from here) plus under a day at each end (from the rows, through the stage
// indexes below and the existing ones on MQL and deal dates), which keeps every figure
// exact across time zones, DST and half-hour offsets. Only what adds up per day is rolled up (counts, integer
// amounts, integer milliseconds, time-decay credit once normalised per conversion); the medians of days in stage
// stay exact queries over the period's own leads.
// The backfill below must give what src/features/kpis/rollups/contributions.ts gives (tested).

const STAGES = [
  ['subscriber', 'subscriber_at'],
  ['lead', 'lead_at'],
  ['engaged_lead', 'engaged_lead_at'],
  ['mql', 'mql_at'],
  ['sql', 'sql_at'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('gtm_kpi_lead_days')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('entered', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('gtm_kpi_lead_days_pk', ['team_id', 'day', 'stage'])
    .execute();
  await db.schema
    .createTable('gtm_kpi_deal_days')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('pipeline_count', 'integer', (c) => c.notNull())
    .addColumn('pipeline_amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('won_count', 'integer', (c) => c.notNull())
    .addColumn('won_amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('won_cycle_ms', 'bigint', (c) => c.notNull())
    .addColumn('lost_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('gtm_kpi_deal_days_pk', ['team_id', 'day', 'currency'])
    .execute();
  await db.schema
    .createTable('gtm_kpi_source_days')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('halves', 'integer', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('gtm_kpi_source_days_pk', ['team_id', 'kind', 'day', 'source', 'currency'])
    .execute();
  await db.schema
    .createTable('gtm_kpi_channel_days')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('credit', 'double precision', (c) => c.notNull())
    .addColumn('attributed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('gtm_kpi_channel_days_pk', ['team_id', 'day', 'channel'])
    .execute();
  // The partial days at a period's ends, and the days an import recomputes, are read from the leads by the UTC day
  // of each stage. On the day rather than the time: a plain index on the time would also serve the stage-exit
  // queries' `is not null` and could be picked over their own indexes. The expression must stay that of dayOf in
  // src/features/kpis/rollups/contributions.ts.
  for (const [stage, column] of STAGES) {
    await db.schema
      .createIndex(`gtm_leads_${stage}_day`)
      .on('gtm_leads')
      .columns(['team_id'])
      .expression(sql`substr(${sql.ref(column)}, 1, 10)`)
      .execute();
  }

  const leadRows = STAGES.map(
    ([stage, column]) =>
      sql`select team_id, substr(${sql.ref(column)}, 1, 10) as day, cast(${stage} as text) as stage
          from gtm_leads where ${sql.ref(column)} is not null`,
  );
  await sql`insert into gtm_kpi_lead_days (team_id, day, stage, entered)
            select team_id, day, stage, count(*) from (${sql.join(leadRows, sql` union all `)}) as e
            group by team_id, day, stage`.execute(db);

  const cycleMs = postgres
    ? sql`cast(round(extract(epoch from (closed_at::timestamptz - created_at::timestamptz)) * 1000) as bigint)`
    : sql`cast(round((julianday(closed_at) - julianday(created_at)) * 86400000) as integer)`;
  await sql`insert into gtm_kpi_deal_days (team_id, day, currency, pipeline_count, pipeline_amount_minor, won_count,
              won_amount_minor, lost_count, won_cycle_ms)
            select team_id, day, currency, sum(pc), sum(pa), sum(wc), sum(wa), sum(lc), sum(cycle) from (
              select team_id, substr(created_at, 1, 10) as day, currency, 1 as pc, amount_minor as pa, 0 as wc,
                0 as wa, 0 as lc, 0 as cycle
              from gtm_deals
              union all
              select team_id, substr(closed_at, 1, 10), currency, 0, 0,
                case when outcome = 'won' then 1 else 0 end,
                case when outcome = 'won' then amount_minor else 0 end,
                case when outcome = 'lost' then 1 else 0 end,
                case when outcome = 'won' then ${cycleMs} else 0 end
              from gtm_deals where outcome in ('won', 'lost') and closed_at is not null
            ) as e group by team_id, day, currency`.execute(db);

  const halves = [sql`coalesce(ols, cs, 'unknown')`, sql`coalesce(cs, ols, 'unknown')`];
  const sourceRows = halves.flatMap((source) => [
    sql`select team_id, substr(closed_at, 1, 10) as day, cast('won' as text) as kind, ${source} as source, currency,
          amount_minor from gtm_deals where outcome = 'won' and closed_at is not null`,
    sql`select team_id, substr(created_at, 1, 10), cast('pipeline' as text), ${source}, currency, amount_minor
          from gtm_deals`,
  ]);
  await sql`insert into gtm_kpi_source_days (team_id, day, kind, source, currency, halves, amount_minor)
            select team_id, day, kind, source, currency, count(*), sum(amount_minor)
            from (${sql.join(sourceRows, sql` union all `)}) as e
            group by team_id, day, kind, source, currency`.execute(db);

  // Time-decay credit per conversion day: each MQL conversion's touch weights 2^(-days/7), normalised to 1 per
  // conversion, summed per day and channel; each attributed conversion counted once, on its first channel by name.
  const days = postgres
    ? sql`(extract(epoch from c.mql_at::timestamptz - t.at::timestamptz) / 86400.0)`
    : sql`(julianday(c.mql_at) - julianday(t.at))`;
  await sql`insert into gtm_kpi_channel_days (team_id, day, channel, credit, attributed)
    select team_id, day, channel, credit, attributed from (
    with conv as (select team_id, id, account, mql_at from gtm_leads where mql_at is not null),
    touches as (
      select c.team_id, c.id as conv_id, c.mql_at, t.channel, ${days} as days
      from conv c join gtm_touchpoints t on t.team_id = c.team_id and t.lead_id = c.id and t.at <= c.mql_at
      union all
      select c.team_id, c.id, c.mql_at, t.channel, ${days}
      from conv c join gtm_touchpoints t
        on t.team_id = c.team_id and t.lead_id is null and t.account = c.account and t.at <= c.mql_at
    ),
    weighted as (select team_id, conv_id, mql_at, channel, exp(-ln(2) * days / 7) as w from touches),
    normalised as (
      select team_id, conv_id, mql_at, channel, w / sum(w) over (partition by team_id, conv_id) as credit,
             min(channel) over (partition by team_id, conv_id) as first_channel
      from weighted
    )
    select team_id, substr(mql_at, 1, 10) as day, channel, sum(credit) as credit,
           count(distinct case when channel = first_channel then conv_id end) as attributed
    from normalised group by team_id, substr(mql_at, 1, 10), channel) as e`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [stage] of STAGES) await db.schema.dropIndex(`gtm_leads_${stage}_day`).execute();
  await db.schema.dropTable('gtm_kpi_channel_days').execute();
  await db.schema.dropTable('gtm_kpi_source_days').execute();
  await db.schema.dropTable('gtm_kpi_deal_days').execute();
  await db.schema.dropTable('gtm_kpi_lead_days').execute();
}
