import type { InFlight } from '../../../kernel/in-flight.js';
import type { Logger } from '../../../logging/logger.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { DataService } from '../service.js';

/** What the data feature's listeners use. */
export interface DataListenerDeps {
  data: DataService;
  notifier: Notifier;
  inFlight: InFlight;
  logger: Logger;
}
