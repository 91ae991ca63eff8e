import type { Logger } from '../../logging/logger.js';
import type { InFlight } from '../../runtime/in-flight.js';
import type { AssessmentService } from '../../services/assessment-service.js';
import type { SettingsService } from '../../services/settings-service.js';
import type { Notifier } from '../notifier.js';

/** Everything a listener may use; passed in, never imported as a shared object. */
export interface ListenerDeps {
  settings: SettingsService;
  assessments: AssessmentService;
  notifier: Notifier;
  inFlight: InFlight;
  logger: Logger;
}
