import type { Listeners } from '../../../slack/listener-table.js';
import type { DataListenerDeps } from './deps.js';
import { registerUninstallEvents } from './events.js';
import { registerDeleteSubmission } from './submissions.js';

/** The delete modal's submission, Slack's uninstall events and the "installed again" check on every request. */
export function registerDataListeners(app: Listeners, deps: DataListenerDeps): void {
  registerDeleteSubmission(app, deps);
  registerUninstallEvents(app, deps);
}
