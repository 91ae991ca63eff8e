export interface TeamsTable {
  team_id: string;
  segment: string | null;
  assessments_channel_id: string | null;
  time_zone: string | null;
  created_at: string;
  updated_at: string;
  /** ISO time Slack said the workspace uninstalled Loopkeeper; null while installed. The purge job counts from it. */
  uninstalled_at: string | null;
}

export interface TeamAdminsTable {
  team_id: string;
  user_id: string;
  added_by: string;
  added_at: string;
}
