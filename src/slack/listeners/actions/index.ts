import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAssessmentRepost } from '../../../features/assessment/slack/actions.js';
import { registerHomeButtons } from '../../../features/home/slack/buttons.js';
import { registerRoundListeners } from '../../../features/rounds/slack/actions.js';
import { registerMqaActions } from '../../../features/mqa/slack/listeners.js';
import { registerRiskActions } from '../../../features/risks/slack/listeners.js';
import { registerRitualListeners } from '../../../features/rituals/slack/listeners.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  registerAssessmentRepost(app, deps);
  registerHomeButtons(app, deps);
  registerRoundListeners(app, deps);
  registerMqaActions(app, deps);
  registerRiskActions(app, deps);
  // Rituals register their buttons and modal submissions together.
  registerRitualListeners(app, deps);
}
