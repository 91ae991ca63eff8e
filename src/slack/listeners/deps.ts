import type { Logger } from '../../logging/logger.js';
import type { KpiService } from '../../features/kpis/service.js';
import type { InFlight } from '../../kernel/in-flight.js';
import type { AssessmentService } from '../../features/assessment/service.js';
import type { SettingsService } from '../../features/settings/service.js';
import type { HistoryService } from '../../features/rounds/history-service.js';
import type { RoundService } from '../../features/rounds/service.js';
import type { Notifier } from '../notifier.js';
import type { MqaService } from '../../features/mqa/service.js';
import type { HomeService } from '../../features/home/service.js';
import type { RiskService } from '../../features/risks/service.js';
import type { FollowUpsService } from '../../features/rituals/follow-ups-service.js';
import type { RitualsService } from '../../features/rituals/service.js';

/** Everything a listener may use; passed in, never imported as a shared object. */
export interface ListenerDeps {
  settings: SettingsService;
  assessments: AssessmentService;
  notifier: Notifier;
  inFlight: InFlight;
  logger: Logger;
  /** Assessment rounds (issue 3). */
  rounds: RoundService;
  /** Assessment history and CSV export (issue 3). */
  assessmentHistory: HistoryService;
  /** MQA working list (issue 5). */
  mqa: MqaService;
  /** Risk register (issue 7). */
  risks: RiskService;
  /** App Home data (issue 7). */
  home: HomeService;
  /** Rituals (issue 4). */
  rituals: RitualsService;
  /** Follow-up actions on ritual posts (issue 4). */
  followUps: FollowUpsService;
  /** GTM data and KPIs (issue 6). */
  kpis: KpiService;
}
