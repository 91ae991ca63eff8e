import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // MQA settings live apart from the team settings so the MQA feature owns its own form.
  await db.schema
    .createTable('mqa_settings')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('review_channel_id', 'text')
    .addColumn('reviewer_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('director_id', 'text')
    .addColumn('default_channel_id', 'text')
    .addColumn('escalation_channel_id', 'text')
    .addColumn('escalation_user_id', 'text')
    .addColumn('sla_business_days', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('stall_days', 'integer', (c) => c.notNull().defaultTo(21))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mqa_routes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('segment', 'text')
    .addColumn('region', 'text')
    .addColumn('tier', 'text')
    .addColumn('source', 'text')
    .addColumn('intent_topic', 'text')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('owner_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('routed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mqa_routes_team_position').on('mqa_routes').columns(['team_id', 'position']).execute();

  await db.schema
    .createTable('mqa_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('segment', 'text')
    .addColumn('tier', 'text')
    .addColumn('region', 'text')
    .addColumn('intent_topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('evidence', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('external_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rejection_reason', 'text')
    .addColumn('presales', 'text')
    .addColumn('route_rule_id', 'integer')
    .addColumn('sales_channel_id', 'text')
    .addColumn('review_channel_id', 'text')
    .addColumn('review_ts', 'text')
    .addColumn('card_channel_id', 'text')
    .addColumn('card_ts', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Last status change or thread activity: the stall clock.
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    // Start of the current SLA clock (the latest share) and whether its reminder / escalation went out.
    .addColumn('shared_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('escalated_at', 'text')
    .addUniqueConstraint('mqa_items_domain_unique', ['team_id', 'domain'])
    .addUniqueConstraint('mqa_items_external_unique', ['team_id', 'external_id'])
    .execute();
  await db.schema.createIndex('mqa_items_team_status').on('mqa_items').columns(['team_id', 'status']).execute();
  await db.schema.createIndex('mqa_items_card').on('mqa_items').columns(['card_channel_id', 'card_ts']).execute();

  // Append-only journey: rows are inserted, never updated or deleted.
  await db.schema
    .createTable('mqa_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('mqa_items.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // Slack event id or (channel, ts) of a reply: a redelivered event appends nothing.
    .addColumn('dedupe_key', 'text')
    .addUniqueConstraint('mqa_events_dedupe_unique', ['team_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('mqa_events_item').on('mqa_events').columns(['item_id', 'id']).execute();
  await db.schema.createIndex('mqa_events_team_at').on('mqa_events').columns(['team_id', 'at']).execute();

  // Outbox for review posts, cards, reminders and escalations: claimed with a lease, retried with backoff.
  await db.schema
    .createTable('mqa_deliveries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('mqa_items.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unique_key', 'text', (c) => c.notNull().unique())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_ts', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('posted_ts', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mqa_deliveries_due').on('mqa_deliveries').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['mqa_deliveries', 'mqa_events', 'mqa_items', 'mqa_routes', 'mqa_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
