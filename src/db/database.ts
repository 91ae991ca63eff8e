import type {
  AssessmentRedFlagsTable,
  AssessmentScoresTable,
  AssessmentSummaryPostsTable,
  AssessmentsTable,
} from './tables/assessments.js';
import type { ControlPlaneCanvasesTable } from './tables/control-plane.js';
import type { GtmDealsTable, GtmLeadsTable, GtmSpendTable, GtmTouchpointsTable } from './tables/gtm-data.js';
import type { IngestTokensTable } from './tables/ingest-tokens.js';
import type { InstallationsTable } from './tables/installations.js';
import type {
  GtmKpiChannelDaysTable,
  GtmKpiDealDaysTable,
  GtmKpiLeadDaysTable,
  GtmKpiSourceDaysTable,
} from './tables/kpi-rollups.js';
import type {
  MqaDeliveriesTable,
  MqaEventsTable,
  MqaItemsTable,
  MqaRoutesTable,
  MqaSettingsTable,
} from './tables/mqa.js';
import type { HomeViewersTable, RiskEventsTable, RiskReviewRemindersTable, RisksTable } from './tables/risks.js';
import type { FollowUpsTable, RitualPostsTable, RitualsTable } from './tables/rituals.js';
import type {
  AssessmentRoundInviteesTable,
  AssessmentRoundResponsesTable,
  AssessmentRoundsTable,
} from './tables/rounds.js';
import type { TeamAdminsTable, TeamsTable } from './tables/teams.js';

/** Every table, keyed by name. Every row carries the Slack team id, directly or through its parent. */
export interface Database {
  teams: TeamsTable;
  team_admins: TeamAdminsTable;
  assessments: AssessmentsTable;
  assessment_scores: AssessmentScoresTable;
  assessment_red_flags: AssessmentRedFlagsTable;
  assessment_summary_posts: AssessmentSummaryPostsTable;
  assessment_rounds: AssessmentRoundsTable;
  assessment_round_invitees: AssessmentRoundInviteesTable;
  assessment_round_responses: AssessmentRoundResponsesTable;
  rituals: RitualsTable;
  ritual_posts: RitualPostsTable;
  follow_ups: FollowUpsTable;
  mqa_settings: MqaSettingsTable;
  mqa_routes: MqaRoutesTable;
  mqa_items: MqaItemsTable;
  mqa_events: MqaEventsTable;
  mqa_deliveries: MqaDeliveriesTable;
  risks: RisksTable;
  risk_events: RiskEventsTable;
  risk_review_reminders: RiskReviewRemindersTable;
  home_viewers: HomeViewersTable;
  gtm_leads: GtmLeadsTable;
  gtm_touchpoints: GtmTouchpointsTable;
  gtm_deals: GtmDealsTable;
  gtm_spend: GtmSpendTable;
  gtm_kpi_lead_days: GtmKpiLeadDaysTable;
  gtm_kpi_deal_days: GtmKpiDealDaysTable;
  gtm_kpi_source_days: GtmKpiSourceDaysTable;
  gtm_kpi_channel_days: GtmKpiChannelDaysTable;
  installations: InstallationsTable;
  ingest_tokens: IngestTokensTable;
  control_plane_canvases: ControlPlaneCanvasesTable;
}
