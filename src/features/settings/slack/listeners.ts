import type { BlockButtonAction } from '@slack/bolt';
import type { Listeners } from '../../../slack/listener-table.js';
import { modalRequestFromHomeButton } from '../../../slack/modal-request.js';
import { openSettingsModal } from './commands.js';
import type { SettingsListenerDeps } from './deps.js';
import { SETTINGS_ACTION } from './ids.js';
import { registerIngestTokenListeners } from './ingest-tokens.js';
import { registerSettingsSubmission } from './submissions.js';

/**
 * The settings modal's submission, App Home's Settings button (a refusal arrives as a DM) and the ingest tokens
 * modal.
 */
export function registerSettingsListeners(app: Listeners, deps: SettingsListenerDeps): void {
  registerSettingsSubmission(app, deps);
  registerIngestTokenListeners(app, deps);
  app.action<BlockButtonAction>(SETTINGS_ACTION.open, async ({ ack, body, client }) => {
    await ack();
    const refusal = await openSettingsModal(deps, client, modalRequestFromHomeButton(body));
    if (refusal) await deps.notifier.tellUser({ userId: body.user.id }, refusal);
  });
}
