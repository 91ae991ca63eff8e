import type { AssessmentRedFlagsTable, AssessmentScoresTable, AssessmentsTable } from './tables/assessments.js';
import type { TeamAdminsTable, TeamsTable } from './tables/teams.js';

/** Every table, keyed by name. Every row carries the Slack team id, directly or through its parent. */
export interface Database {
  teams: TeamsTable;
  team_admins: TeamAdminsTable;
  assessments: AssessmentsTable;
  assessment_scores: AssessmentScoresTable;
  assessment_red_flags: AssessmentRedFlagsTable;
}
