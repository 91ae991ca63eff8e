import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION, HOME_ACTION } from '../../../slack/ids.js';
import { openAssessModal } from '../../assessment/slack/commands.js';
import { openSettingsModal } from '../../settings/slack/commands.js';
import type { ListenerDeps } from '../../../slack/listeners/deps.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { runMqaCommand } from '../../mqa/slack/listeners.js';
import { openAddRiskModal } from '../../risks/slack/commands.js';

const requestFrom = (body: BlockButtonAction): ModalRequest => ({
  teamId: body.team?.id ?? body.user.team_id ?? '',
  userId: body.user.id,
  triggerId: body.trigger_id,
  channelId: null,
  responseUrl: null,
});

/** App Home buttons open the same modals as the commands; refusals arrive as a DM. */
export function registerHomeButtons(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ACTION.openAssess, async ({ ack, body, client }) => {
    await ack();
    await openAssessModal(deps, client, requestFrom(body));
  });
  app.action<BlockButtonAction>(ACTION.openSettings, async ({ ack, body, client }) => {
    await ack();
    const refusal = await openSettingsModal(deps, client, requestFrom(body));
    if (refusal) await deps.notifier.tellUser({ userId: body.user.id }, refusal);
  });
  app.action<BlockButtonAction>(HOME_ACTION.addRisk, async ({ ack, body, client }) => {
    await ack();
    await openAddRiskModal(deps, client, requestFrom(body));
  });
  app.action<BlockButtonAction>(HOME_ACTION.addMqa, async ({ ack, body, client }) => {
    await ack();
    const request = requestFrom(body);
    const answer = await runMqaCommand(deps, client, request, ['add']);
    if (answer) await deps.notifier.tellUser({ userId: request.userId }, answer);
  });
}
