import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAssessmentRepost } from './assessment-repost.js';
import { registerHomeButtons } from './home-buttons.js';
import { registerRoundListeners } from '../rounds/index.js';
import { registerMqaActions } from '../mqa/index.js';
import { registerRiskActions } from '../risks/index.js';
import { registerRitualListeners } from '../rituals/index.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  registerAssessmentRepost(app, deps);
  registerHomeButtons(app, deps);
  registerRoundListeners(app, deps);
  registerMqaActions(app, deps);
  registerRiskActions(app, deps);
  // Rituals register their buttons and modal submissions together.
  registerRitualListeners(app, deps);
}
