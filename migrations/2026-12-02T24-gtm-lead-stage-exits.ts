import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// The funnel's "days in stage" reads the leads that left a stage in the period: when a lead left a stage is the
// first later stage it reached. Indexed per stage, the digest reads those leads instead of every lead of the team.
// The expressions must stay those of exitExpression in src/features/kpis/queries.ts.
const EXITS = [
  ['gtm_leads_subscriber_exit', 'subscriber_at', 'coalesce(lead_at, engaged_lead_at, mql_at, sql_at)'],
  ['gtm_leads_lead_exit', 'lead_at', 'coalesce(engaged_lead_at, mql_at, sql_at)'],
  ['gtm_leads_engaged_exit', 'engaged_lead_at', 'coalesce(mql_at, sql_at)'],
  ['gtm_leads_mql_exit', 'mql_at', 'sql_at'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, stage, exit] of EXITS) {
    await db.schema
      .createIndex(name)
      .on('gtm_leads')
      .columns(['team_id'])
      .expression(sql.raw(`(${exit})`))
      .where(sql.ref(stage), 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of EXITS) await db.schema.dropIndex(name).execute();
}
