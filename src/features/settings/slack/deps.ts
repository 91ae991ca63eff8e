import type { InFlight } from '../../../kernel/in-flight.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { SettingsService } from '../service.js';

/** What the settings' listeners use. */
export interface SettingsListenerDeps {
  settings: SettingsService;
  notifier: Notifier;
  inFlight: InFlight;
}
