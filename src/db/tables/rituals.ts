import type { Generated } from 'kysely';

export interface RitualsTable {
  id: Generated<number>;
  team_id: string;
  kind: string;
  name: Generated<string>;
  channel_id: string;
  cadence: string;
  local_time: string;
  time_zone: string;
  skip_dates: Generated<string>;
  paused: Generated<number>;
  heads_up_hours: number | null;
  grace_hours: Generated<number>;
  schedule_from: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  source_view_id: string | null;
}

export interface RitualPostsTable {
  id: Generated<number>;
  team_id: string;
  ritual_id: number;
  occurrence_at: string;
  kind: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  in_flight_since: string | null;
  last_error: string | null;
  channel_id: string;
  posted_ts: string | null;
  posted_at: string | null;
  late: Generated<number>;
  mentioned: Generated<number>;
  created_at: string;
  problem_told: Generated<number>;
}

export interface FollowUpsTable {
  id: Generated<number>;
  team_id: string;
  ritual_id: number | null;
  post_id: number | null;
  what: string;
  owner_id: string;
  due_date: string;
  time_zone: string;
  status: string;
  created_by: string;
  created_at: string;
  done_at: string | null;
  done_by: string | null;
  reminded_at: string | null;
  thread_channel_id: string | null;
  thread_message_ts: string | null;
  source_view_id: string | null;
  remind_attempts: Generated<number>;
  remind_next_at: string | null;
  remind_lease_until: string | null;
}
