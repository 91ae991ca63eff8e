import type { BlockButtonAction } from '@slack/bolt';
import type { Listeners } from '../../../slack/listener-table.js';
import { modalRequestFromHomeButton } from '../../../slack/modal-request.js';
import { registerRiskActions } from './actions.js';
import { openAddRiskModal } from './commands.js';
import type { RiskListenerDeps } from './deps.js';
import { RISK_HOME_ACTION } from './ids.js';
import { registerRiskViews } from './submissions.js';

/** The register's buttons and modal submissions, and App Home's "Add a risk". */
export function registerRiskListeners(app: Listeners, deps: RiskListenerDeps): void {
  registerRiskActions(app, deps);
  registerRiskViews(app, deps);
  app.action<BlockButtonAction>(RISK_HOME_ACTION.add, async ({ ack, body, client }) => {
    await ack();
    await openAddRiskModal(deps, client, modalRequestFromHomeButton(body));
  });
}
