import type { BlockButtonAction } from '@slack/bolt';
import type { Listeners } from '../../../slack/listener-table.js';
import { riskHistoryMessage } from './blocks/risk-list.js';
import { riskGoneMessage } from './blocks/risk-messages.js';
import { closeModal, rescoreModal, riskModal } from './blocks/risk-modals.js';
import { riskListPage } from './commands.js';
import type { RiskListenerDeps } from './deps.js';
import { RISK_ACTION } from './ids.js';
import { encodeRiskMetadata } from './parse.js';

const teamOf = (body: BlockButtonAction) => body.team?.id ?? body.user.team_id ?? '';
const riskIdOf = (value: string | undefined) => {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : undefined;
};

/** Buttons on `/loop risk list`: edit, re-score and close open a modal; history and next page answer ephemerally. */
export function registerRiskActions(app: Listeners, deps: RiskListenerDeps): void {
  const modalFor = (actionId: string, build: 'edit' | 'rescore' | 'close') =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const teamId = teamOf(body);
      const id = riskIdOf(action.value);
      const risk = id ? await deps.risks.get(teamId, id) : undefined;
      if (!risk || risk.status === 'closed') {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...riskGoneMessage(risk ? 'closed' : 'not_found'),
        });
        return;
      }
      const metadata = encodeRiskMetadata({
        riskId: risk.id,
        originChannelId: body.channel?.id ?? null,
        responseUrl: body.response_url ?? null,
      });
      const view =
        build === 'edit'
          ? riskModal({ risk, ownerId: risk.ownerId, reviewDate: risk.reviewDate, privateMetadata: metadata })
          : build === 'rescore'
            ? rescoreModal(risk, metadata)
            : closeModal(risk, metadata);
      await client.views.open({ trigger_id: body.trigger_id, view });
    });
  modalFor(RISK_ACTION.edit, 'edit');
  modalFor(RISK_ACTION.rescore, 'rescore');
  modalFor(RISK_ACTION.close, 'close');

  app.action<BlockButtonAction>(RISK_ACTION.history, async ({ ack, body, action, respond }) => {
    await ack();
    const id = riskIdOf(action.value);
    const found = id ? await deps.risks.history(teamOf(body), id) : undefined;
    const message = found ? riskHistoryMessage(found.risk, found.events, found.timeZone) : riskGoneMessage('not_found');
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
  });

  app.action<BlockButtonAction>(RISK_ACTION.page, async ({ ack, body, action, respond }) => {
    await ack();
    const page = riskIdOf(action.value) ?? 1;
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...(await riskListPage(deps, teamOf(body), page)),
    });
  });
}
