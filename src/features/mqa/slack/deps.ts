import type { InFlight } from '../../../kernel/in-flight.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { SettingsService } from '../../settings/service.js';
import type { MqaService } from '../service.js';

/** What the MQA working list's listeners use. */
export interface MqaListenerDeps {
  mqa: MqaService;
  settings: SettingsService;
  notifier: Notifier;
  inFlight: InFlight;
}
