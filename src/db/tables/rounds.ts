import type { Generated } from 'kysely';

export interface AssessmentRoundsTable {
  id: Generated<number>;
  team_id: string;
  channel_id: string;
  started_by: string;
  segment: string | null;
  anonymous: number;
  created_at: string;
  deadline_at: string;
  invitation_ts: string | null;
  status: string;
  closed_at: string | null;
  closed_by: string | null;
  summary_ts: string | null;
  summary_error: string | null;
  summary_attempts: Generated<number>;
  summary_next_attempt_at: string | null;
  nudged_at: string | null;
}

export interface AssessmentRoundInviteesTable {
  round_id: number;
  user_id: string;
}

export interface AssessmentRoundResponsesTable {
  round_id: number;
  user_id: string;
  function: string;
  scores: string;
  red_flags: string;
  notes: string;
  invited: number;
  created_at: string;
  updated_at: string;
  edits: Generated<number>;
  source_view_id: string | null;
}
