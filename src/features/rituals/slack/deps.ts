import type { InFlight } from '../../../kernel/in-flight.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { FollowUpsService } from '../follow-ups-service.js';
import type { RitualsService } from '../service.js';

/** What the rituals' and follow-ups' listeners use. */
export interface RitualListenerDeps {
  rituals: RitualsService;
  followUps: FollowUpsService;
  notifier: Notifier;
  inFlight: InFlight;
}
