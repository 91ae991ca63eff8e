import type { webApi } from '@slack/bolt';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { notAdminMessage } from '../../../slack/admin-refusal.js';
import { type SlackMessage, section } from '../../../slack/blocks.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { encodeOrigin } from '../../../slack/parse/private-metadata.js';
import { listMessage } from './blocks/messages.js';
import { addModal, mqaSettingsModal, routesModal } from './blocks/modals.js';
import type { MqaListenerDeps } from './deps.js';
import { mqaListQuery, parseListFilter } from './list-filter.js';

const LIST_SHOWN = 40;
const say = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

export const MQA_LIST_USAGE =
  '`/loop mqa list [open|mine|mine all|stalled|closed|all]` the working list: `open` (the default) is every account still in play, ' +
  'stalled included; `mine` the open ones you own, acknowledged or added; `mine all` yours including closed ones ' +
  '(won, lost, rejected by Marketing, not a fit for Sales); `closed` only those';

export const MQA_USAGE =
  `\`/loop mqa add\` add an account for review · ${MQA_LIST_USAGE} · ` +
  '`/loop mqa routes` routing rules (admins) · `/loop mqa settings` reviewers, channels, SLA (admins)';

/** `/loop mqa <add|list|routes|settings>`; runs after ack(). */
export async function runMqaCommand(
  deps: MqaListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
  args: string[],
): Promise<SlackMessage | undefined> {
  const [sub = '', ...rest] = args.map((a) => a.toLowerCase());
  const { teamId, userId } = request;
  switch (sub) {
    case 'add':
      await client.views.open({
        trigger_id: request.triggerId,
        view: addModal(encodeOrigin({ originChannelId: request.channelId, responseUrl: request.responseUrl })),
      });
      return undefined;
    case 'list': {
      const filter = parseListFilter(rest);
      if (!filter) return say(`I don't know the list \`${escapeMrkdwn(rest.join(' '))}\`. ${MQA_LIST_USAGE}.`);
      const query = mqaListQuery(filter, userId);
      // The message shows 40 items; fetch those and count the rest.
      const [shown, total] = await Promise.all([
        deps.mqa.list(teamId, { ...query, limit: LIST_SHOWN }),
        deps.mqa.count(teamId, query),
      ]);
      return listMessage(shown, filter, total);
    }
    case 'settings':
      if (!(await deps.settings.isAdmin(teamId, userId))) return notAdminMessage('change the MQA settings');
      await client.views.open({
        trigger_id: request.triggerId,
        view: mqaSettingsModal(await deps.mqa.getSettings(teamId)),
      });
      return undefined;
    case 'routes': {
      if (!(await deps.settings.isAdmin(teamId, userId))) return notAdminMessage('change MQA routes');
      if (rest[0] === 'remove') {
        const id = Number((rest[1] ?? '').replace(/^#/, ''));
        if (!Number.isInteger(id) || !(await deps.mqa.removeRoute(teamId, id)))
          return say(
            `There is no rule \`${escapeMrkdwn(rest[1] ?? '')}\`. \`/loop mqa routes\` lists them with their ids.`,
          );
        return say(`:white_check_mark: Rule #${id} removed.`);
      }
      await client.views.open({ trigger_id: request.triggerId, view: routesModal(await deps.mqa.listRoutes(teamId)) });
      return undefined;
    }
    default:
      return say(`${sub ? `I don't know \`/loop mqa ${escapeMrkdwn(sub)}\`. ` : ''}${MQA_USAGE}`);
  }
}
