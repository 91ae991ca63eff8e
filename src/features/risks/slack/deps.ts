import type { InFlight } from '../../../kernel/in-flight.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { RiskService } from '../service.js';

/** What the risk register's listeners use. */
export interface RiskListenerDeps {
  risks: RiskService;
  notifier: Notifier;
  inFlight: InFlight;
}
