import type { InFlight } from '../../../kernel/in-flight.js';
import type { Logger } from '../../../logging/logger.js';
import type { SettingsService } from '../../settings/service.js';
import type { HistoryService } from '../history-service.js';
import type { RoundService } from '../service.js';

/** What the rounds' listeners use. */
export interface RoundListenerDeps {
  rounds: RoundService;
  assessmentHistory: HistoryService;
  settings: SettingsService;
  inFlight: InFlight;
  logger: Logger;
}
