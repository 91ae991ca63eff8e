import type { InFlight } from '../../../kernel/in-flight.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { IngestTokensService } from '../ingest-tokens.js';
import type { SettingsService } from '../service.js';

/** What the settings' listeners use. */
export interface SettingsListenerDeps {
  settings: SettingsService;
  ingestTokens: IngestTokensService;
  notifier: Notifier;
  inFlight: InFlight;
}
