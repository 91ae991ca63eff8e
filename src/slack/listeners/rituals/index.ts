import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerRitualActions } from './actions.js';
import { registerRitualViews } from './views.js';

/** Rituals and follow-ups: buttons and modal submissions. The `/loop rituals` and `/loop followups` commands are in subcommands.ts. */
export function registerRitualListeners(app: App, deps: ListenerDeps): void {
  registerRitualActions(app, deps);
  registerRitualViews(app, deps);
}
