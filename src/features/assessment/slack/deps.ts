import type { InFlight } from '../../../kernel/in-flight.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { SettingsService } from '../../settings/service.js';
import type { AssessmentService } from '../service.js';

/** What the assessment's listeners use. */
export interface AssessmentListenerDeps {
  assessments: AssessmentService;
  settings: SettingsService;
  notifier: Notifier;
  inFlight: InFlight;
}
