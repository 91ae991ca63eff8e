import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// GTM records imported from the CRM. Times are ISO-8601 UTC strings ('...Z', millisecond precision) so text order
// is time order and range filters use the indexes. Amounts are integers in minor units (cents).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('gtm_leads')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('subscriber_at', 'text')
    .addColumn('lead_at', 'text')
    .addColumn('engaged_lead_at', 'text')
    .addColumn('mql_at', 'text')
    .addColumn('sql_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gtm_leads_pk', ['team_id', 'id'])
    .execute();
  // Conversions for time-decay attribution are the leads that became MQL in a period.
  await db.schema.createIndex('gtm_leads_mql').on('gtm_leads').columns(['team_id', 'mql_at']).execute();

  await db.schema
    .createTable('gtm_touchpoints')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'text')
    .addColumn('account', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gtm_touchpoints_pk', ['team_id', 'id'])
    .execute();
  // A conversion's touches: the lead's own (by lead id) and its account's (lead id empty), each up to the conversion.
  await db.schema.createIndex('gtm_touchpoints_lead').on('gtm_touchpoints').columns(['team_id', 'lead_id', 'at', 'channel']).execute();
  await db.schema
    .createIndex('gtm_touchpoints_account')
    .on('gtm_touchpoints')
    .columns(['team_id', 'account', 'at', 'channel'])
    .where(sql.ref('lead_id'), 'is', null)
    .execute();

  await db.schema
    .createTable('gtm_deals')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    // 'open' | 'won' | 'lost'
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ols', 'text')
    .addColumn('ols_at', 'text')
    .addColumn('cs', 'text')
    .addColumn('cs_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gtm_deals_pk', ['team_id', 'id'])
    .execute();
  await db.schema.createIndex('gtm_deals_created').on('gtm_deals').columns(['team_id', 'created_at']).execute();
  await db.schema.createIndex('gtm_deals_closed').on('gtm_deals').columns(['team_id', 'closed_at']).execute();

  await db.schema
    .createTable('gtm_spend')
    .addColumn('team_id', 'text', (c) => c.notNull())
    // YYYY-MM
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gtm_spend_pk', ['team_id', 'month', 'channel'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('gtm_spend').execute();
  await db.schema.dropTable('gtm_deals').execute();
  await db.schema.dropTable('gtm_touchpoints').execute();
  await db.schema.dropTable('gtm_leads').execute();
}
