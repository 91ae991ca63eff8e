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
