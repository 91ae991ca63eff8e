import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../../slack/listeners/deps.js';
import { registerRitualActions } from './actions.js';
import { registerRitualViews } from './submissions.js';

/** Rituals and follow-ups: buttons and modal submissions. The `/loop rituals` and `/loop followups` commands are in subcommands.ts. */
export function registerRitualListeners(app: App, deps: ListenerDeps): void {
  registerRitualActions(app, deps);
  registerRitualViews(app, deps);
}
