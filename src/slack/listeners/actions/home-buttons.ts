import type { App, BlockButtonAction, SlashCommand } from '@slack/bolt';
import { ACTION, COMMAND, HOME_ACTION } from '../../ids.js';
import { section } from '../../views/blocks.js';
import { openAssessModal } from '../commands/assess-command.js';
import { openSettingsModal } from '../commands/settings-command.js';
import { SUBCOMMANDS } from '../commands/subcommands.js';
import type { ListenerDeps } from '../deps.js';
import type { ModalRequest } from '../modal-request.js';
import { openAddRiskModal } from '../risks/risk-command.js';

const requestFrom = (body: BlockButtonAction): ModalRequest => ({
  teamId: body.team?.id ?? body.user.team_id ?? '',
  userId: body.user.id,
  triggerId: body.trigger_id,
  channelId: null,
  responseUrl: null,
});

const MQA_NOT_READY = 'The MQA handoff is not set up in this Loopkeeper yet, so there is no form to open. Ask your Loopkeeper admin.';

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
  // Runs `/loop mqa add` as if typed, so Home opens whatever form the MQA feature owns (looked up, not imported).
  app.action<BlockButtonAction>(HOME_ACTION.addMqa, async ({ ack, body, client }) => {
    await ack();
    const request = requestFrom(body);
    const mqa = SUBCOMMANDS.find((s) => s.name === 'mqa');
    if (!mqa) {
      await deps.notifier.tellUser({ userId: request.userId }, { text: MQA_NOT_READY, blocks: [section(MQA_NOT_READY)] });
      return;
    }
    const command = {
      command: COMMAND,
      text: 'mqa add',
      team_id: request.teamId,
      user_id: request.userId,
      trigger_id: request.triggerId,
      channel_id: '',
      response_url: '',
    } as unknown as SlashCommand;
    const answer = await mqa.run({ deps, client, command, request, args: ['add'] });
    if (answer) await deps.notifier.tellUser({ userId: request.userId }, answer);
  });
}
