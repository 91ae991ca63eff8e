import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAssessSubmission } from './assess-submission.js';
import { registerSettingsSubmission } from './settings-submission.js';
import { registerMqaViews } from '../mqa/index.js';
import { registerRiskViews } from '../risks/index.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  registerAssessSubmission(app, deps);
  registerSettingsSubmission(app, deps);
  registerMqaViews(app, deps);
  registerRiskViews(app, deps);
}
