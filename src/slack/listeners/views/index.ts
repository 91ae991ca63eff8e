import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAssessSubmission } from './assess-submission.js';
import { registerSettingsSubmission } from './settings-submission.js';

export function registerViews(app: App, deps: ListenerDeps): void {
  registerAssessSubmission(app, deps);
  registerSettingsSubmission(app, deps);
}
