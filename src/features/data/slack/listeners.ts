import type { App } from '@slack/bolt';
import type { DataListenerDeps } from './deps.js';
import { registerUninstallEvents } from './events.js';
import { registerDeleteSubmission } from './submissions.js';

/** The delete modal's submission and Slack's uninstall events. */
export function registerDataListeners(app: App, deps: DataListenerDeps): void {
  registerDeleteSubmission(app, deps);
  registerUninstallEvents(app, deps);
}
