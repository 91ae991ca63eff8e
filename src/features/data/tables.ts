import type { Database } from '../../db/database.js';

/** A table that holds workspaces' rows, and how one of its rows belongs to a workspace. */
export interface TeamTable {
  name: string;
  /** The primary key: rows are read in its order, a batch at a time. */
  key: readonly string[];
  /**
   * Rows without a team_id of their own reach the team through a parent: `column` holds the id of a `table` row,
   * which has the team_id (see the `references(...)` in migrations/).
   */
  parent?: { table: string; column: string };
  /** Columns never exported: what would let someone act as the workspace. */
  secret?: readonly string[];
}

/**
 * Every table with workspace data, parents before children, in db:copy's order (src/cli/db-copy.ts): each foreign
 * key points at a table listed earlier, so deleting in reverse order removes children first. The parents:
 * team_admins -> teams; assessment_scores, assessment_red_flags, assessment_summary_posts -> assessments;
 * assessment_round_* -> assessment_rounds; ritual_posts -> rituals; follow_ups -> rituals, ritual_posts;
 * mqa_events, mqa_deliveries -> mqa_items; risk_events, risk_review_reminders -> risks. Only four tables have no
 * team_id and are reached through their parent.
 *
 * `installations` is not here: it holds the workspace's Slack tokens, is never exported, and goes through the
 * installation store (at uninstall) or with the purge of an uninstalled workspace.
 */
export const TEAM_TABLES = [
  { name: 'teams', key: ['team_id'] },
  { name: 'team_admins', key: ['team_id', 'user_id'] },
  { name: 'assessments', key: ['id'] },
  {
    name: 'assessment_scores',
    key: ['assessment_id', 'dimension'],
    parent: { table: 'assessments', column: 'assessment_id' },
  },
  {
    name: 'assessment_red_flags',
    key: ['assessment_id', 'flag_key'],
    parent: { table: 'assessments', column: 'assessment_id' },
  },
  { name: 'assessment_summary_posts', key: ['id'] },
  { name: 'assessment_rounds', key: ['id'] },
  {
    name: 'assessment_round_invitees',
    key: ['round_id', 'user_id'],
    parent: { table: 'assessment_rounds', column: 'round_id' },
  },
  {
    name: 'assessment_round_responses',
    key: ['round_id', 'user_id'],
    parent: { table: 'assessment_rounds', column: 'round_id' },
  },
  { name: 'rituals', key: ['id'] },
  { name: 'ritual_posts', key: ['id'] },
  { name: 'follow_ups', key: ['id'] },
  { name: 'mqa_settings', key: ['team_id'] },
  { name: 'mqa_routes', key: ['id'] },
  { name: 'mqa_items', key: ['id'] },
  { name: 'mqa_events', key: ['id'] },
  { name: 'mqa_deliveries', key: ['id'] },
  { name: 'risks', key: ['id'] },
  { name: 'risk_events', key: ['id'] },
  { name: 'risk_review_reminders', key: ['id'] },
  { name: 'home_viewers', key: ['team_id', 'user_id'] },
  { name: 'gtm_leads', key: ['team_id', 'id'] },
  { name: 'gtm_touchpoints', key: ['team_id', 'id'] },
  { name: 'gtm_deals', key: ['team_id', 'id'] },
  { name: 'gtm_spend', key: ['team_id', 'month', 'channel'] },
  // The KPI rollups of the four above: deleted with them, in the same transaction.
  { name: 'gtm_kpi_lead_days', key: ['team_id', 'day', 'stage'] },
  { name: 'gtm_kpi_deal_days', key: ['team_id', 'day', 'currency'] },
  { name: 'gtm_kpi_source_days', key: ['team_id', 'kind', 'day', 'source', 'currency'] },
  { name: 'gtm_kpi_channel_days', key: ['team_id', 'day', 'channel'] },
  // The token's hash is what a CRM push is checked against: the export names the tokens, never the hash.
  { name: 'ingest_tokens', key: ['id'], secret: ['token_hash'] },
  { name: 'control_plane_canvases', key: ['team_id'] },
] as const satisfies readonly TeamTable[];

/** The Slack installations (sealed bot tokens): never exported, and left alone by `/loop data delete`. */
export const INSTALLATIONS_TABLE = 'installations';

// A table added to Database but not listed here does not compile: its rows would escape the export and the deletion.
type Unlisted = Exclude<keyof Database, (typeof TEAM_TABLES)[number]['name'] | typeof INSTALLATIONS_TABLE>;
const everyTableIsListed: Record<Unlisted, never> = {};
void everyTableIsListed;
