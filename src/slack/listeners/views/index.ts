import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAssessSubmission } from '../../../features/assessment/slack/submissions.js';
import { registerSettingsSubmission } from '../../../features/settings/slack/submissions.js';
import { registerMqaViews } from '../../../features/mqa/slack/listeners.js';
import { registerRiskViews } from '../../../features/risks/slack/listeners.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  registerAssessSubmission(app, deps);
  registerSettingsSubmission(app, deps);
  registerMqaViews(app, deps);
  registerRiskViews(app, deps);
}
