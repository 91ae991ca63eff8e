import type { Generated } from 'kysely';

export interface AssessmentsTable {
  id: Generated<number>;
  team_id: string;
  user_id: string;
  segment: string;
  origin_channel_id: string | null;
  target_channel_id: string;
  source_view_id: string | null;
  created_at: string;
  posted_channel_id: string | null;
  posted_ts: string | null;
  post_error: string | null;
}

export interface AssessmentScoresTable {
  assessment_id: number;
  dimension: string;
  score: number;
  note: string | null;
}

export interface AssessmentRedFlagsTable {
  assessment_id: number;
  flag_key: string;
}

/** The summary post of one assessment, as an outbox row: claimed under a lease, posted once, retried with backoff. */
export interface AssessmentSummaryPostsTable {
  id: Generated<number>;
  team_id: string;
  assessment_id: number;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  in_flight_since: string | null;
  notice_channel_id: string | null;
  notice_ts: string | null;
  created_at: string;
}
