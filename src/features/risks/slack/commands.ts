import type { webApi } from '@slack/bolt';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import type { SlackMessage } from '../../../slack/blocks.js';
import { COMMAND } from '../../../slack/ids.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { RISK_PAGE_SIZE, riskListMessage, riskPageProblemMessage } from './blocks/risk-list.js';
import { riskUsageMessage } from './blocks/risk-messages.js';
import { riskModal } from './blocks/risk-modals.js';
import type { RiskListenerDeps } from './deps.js';
import { encodeRiskMetadata } from './parse.js';

/** The add form, from `/loop risk add` or the Home button. Runs after ack(). */
export async function openAddRiskModal(
  deps: RiskListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
): Promise<undefined> {
  const today = await deps.risks.today(request.teamId);
  const view = riskModal({
    ownerId: request.userId,
    reviewDate: today,
    privateMetadata: encodeRiskMetadata({
      riskId: null,
      originChannelId: request.channelId,
      responseUrl: request.responseUrl,
    }),
  });
  await client.views.open({ trigger_id: request.triggerId, view });
  return undefined;
}

export async function riskListPage(deps: RiskListenerDeps, teamId: string, page: number): Promise<SlackMessage> {
  const { risks, total, today, timeZone } = await deps.risks.listOpen(teamId, page, RISK_PAGE_SIZE);
  return riskListMessage({ risks, total, page, today, timeZone });
}

/** `/loop risk add|list [page]`; anything else gets the risk usage help. Runs after ack(). */
export async function runRiskCommand(
  deps: RiskListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
  args: string[],
): Promise<SlackMessage | undefined> {
  const [action = '', ...rest] = args;
  switch (action.toLowerCase()) {
    case 'add':
      if (rest.length > 0)
        return riskUsageMessage(`\`${COMMAND} risk add\` takes nothing after it; fill in the form instead.`);
      return openAddRiskModal(deps, client, request);
    case 'list': {
      const pageText = rest.join(' ');
      if (pageText === '') return riskListPage(deps, request.teamId, 1);
      if (!/^\d+$/.test(pageText) || Number(pageText) < 1) return riskPageProblemMessage(pageText);
      // Any page past the last gets "there are only N pages"; a huge number needs no exact offset for that.
      return riskListPage(deps, request.teamId, Math.min(Number(pageText), 1_000_000_000));
    }
    case '':
      return riskUsageMessage();
    default:
      return riskUsageMessage(`I don't know \`${escapeMrkdwn(`${COMMAND} risk ${args.join(' ')}`)}\`.`);
  }
}
