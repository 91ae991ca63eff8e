import type { BlockButtonAction } from '@slack/bolt';
import type { Listeners } from '../../../slack/listener-table.js';
import { modalRequestFromHomeButton } from '../../../slack/modal-request.js';
import { registerMqaActions } from './actions.js';
import { runMqaCommand } from './commands.js';
import type { MqaListenerDeps } from './deps.js';
import { registerMqaEvents } from './events.js';
import { MQA_HOME_ACTION } from './ids.js';
import { registerMqaViews } from './submissions.js';

/** Card buttons, modal submissions, thread replies and reactions, and App Home's "Add an MQA". */
export function registerMqaListeners(app: Listeners, deps: MqaListenerDeps): void {
  registerMqaActions(app, deps);
  registerMqaViews(app, deps);
  registerMqaEvents(app, deps);
  app.action<BlockButtonAction>(MQA_HOME_ACTION.add, async ({ ack, body, client }) => {
    await ack();
    const request = modalRequestFromHomeButton(body);
    const answer = await runMqaCommand(deps, client, request, ['add']);
    if (answer) await deps.notifier.tellUser({ userId: request.userId }, answer);
  });
}
