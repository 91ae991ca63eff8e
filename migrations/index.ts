// Every migration, by name; names sort in the order they apply. Listed statically so tsx, vitest and a bundler all see them.
import * as foundation from './2026-11-23T00-foundation.js';
import * as rounds from './2026-11-23T10-rounds.js';
import * as rituals from './2026-11-23T20-rituals.js';
import * as mqa from './2026-11-23T30-mqa.js';
import * as risks from './2026-11-23T40-risks.js';
import * as gtmData from './2026-11-23T50-gtm-data.js';
import * as deliveryRetries from './2026-11-23T60-delivery-retries.js';
import * as assessmentSummaryPosts from './2026-12-02T00-assessment-summary-posts.js';
import * as mqaNotAFit from './2026-12-02T20-mqa-not-a-fit.js';
import * as installations from './2026-12-02T21-installations.js';
import * as workspaceRetention from './2026-12-02T22-workspace-retention.js';
import * as ingestTokens from './2026-12-02T23-ingest-tokens.js';
import * as gtmLeadStageExits from './2026-12-02T24-gtm-lead-stage-exits.js';
import * as kpiDailyRollups from './2026-12-02T25-kpi-daily-rollups.js';
import * as controlPlane from './2026-12-02T26-control-plane.js';
import * as mqaItemsPeople from './2026-12-03T27-mqa-items-people.js';
import * as mqaItemsSharedAt from './2026-12-03T28-mqa-items-shared-at.js';

export const migrations = {
  '2026-11-23T00-foundation': foundation,
  '2026-11-23T10-rounds': rounds,
  '2026-11-23T20-rituals': rituals,
  '2026-11-23T30-mqa': mqa,
  '2026-11-23T40-risks': risks,
  '2026-11-23T50-gtm-data': gtmData,
  '2026-11-23T60-delivery-retries': deliveryRetries,
  '2026-12-02T00-assessment-summary-posts': assessmentSummaryPosts,
  '2026-12-02T20-mqa-not-a-fit': mqaNotAFit,
  '2026-12-02T21-installations': installations,
  '2026-12-02T22-workspace-retention': workspaceRetention,
  '2026-12-02T23-ingest-tokens': ingestTokens,
  '2026-12-02T24-gtm-lead-stage-exits': gtmLeadStageExits,
  '2026-12-02T25-kpi-daily-rollups': kpiDailyRollups,
  '2026-12-02T26-control-plane': controlPlane,
  '2026-12-03T27-mqa-items-people': mqaItemsPeople,
  '2026-12-03T28-mqa-items-shared-at': mqaItemsSharedAt,
};
