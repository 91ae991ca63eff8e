import type { Generated } from 'kysely';

export interface MqaSettingsTable {
  team_id: string;
  review_channel_id: string | null;
  /** JSON array of Slack user ids. */
  reviewer_ids: string;
  director_id: string | null;
  default_channel_id: string | null;
  escalation_channel_id: string | null;
  escalation_user_id: string | null;
  sla_business_days: number;
  stall_days: number;
  updated_at: string;
}

export interface MqaRoutesTable {
  id: Generated<number>;
  team_id: string;
  position: number;
  segment: string | null;
  region: string | null;
  tier: string | null;
  source: string | null;
  intent_topic: string | null;
  channel_id: string;
  /** JSON array of Slack user ids (round robin). */
  owner_ids: string;
  routed_count: Generated<number>;
  created_at: string;
}

export interface MqaItemsTable {
  id: Generated<number>;
  team_id: string;
  account_name: string;
  domain: string;
  segment: string | null;
  tier: string | null;
  region: string | null;
  /** JSON array of strings. */
  intent_topics: string;
  evidence: string | null;
  source: string;
  priority: string;
  owner_id: string | null;
  external_id: string | null;
  status: string;
  rejection_reason: string | null;
  /** JSON of the presales check, null until validated. */
  presales: string | null;
  route_rule_id: number | null;
  sales_channel_id: string | null;
  review_channel_id: string | null;
  review_ts: string | null;
  card_channel_id: string | null;
  card_ts: string | null;
  acknowledged_by: string | null;
  created_by: string;
  created_at: string;
  last_activity_at: string;
  shared_at: string | null;
  reminded_at: string | null;
  escalated_at: string | null;
}

export interface MqaEventsTable {
  id: Generated<number>;
  item_id: number;
  team_id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  at: string;
  note: string | null;
  dedupe_key: string | null;
}

export interface MqaDeliveriesTable {
  id: Generated<number>;
  team_id: string;
  item_id: number;
  kind: string;
  unique_key: string;
  channel_id: string;
  thread_ts: string | null;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  posted_ts: string | null;
  created_at: string;
}
