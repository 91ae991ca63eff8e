import type { Listeners } from '../../../slack/listener-table.js';
import { registerRitualActions } from './actions.js';
import type { RitualListenerDeps } from './deps.js';
import { registerRitualViews } from './submissions.js';

/** Rituals and follow-ups: buttons and modal submissions. */
export function registerRitualListeners(app: Listeners, deps: RitualListenerDeps): void {
  registerRitualActions(app, deps);
  registerRitualViews(app, deps);
}
