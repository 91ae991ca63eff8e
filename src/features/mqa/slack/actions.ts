import type { BlockButtonAction } from '@slack/bolt';
import { section } from '../../../slack/blocks.js';
import type { Listeners } from '../../../slack/listener-table.js';
import { type MqaStatus, person } from '../domain/index.js';
import { reasonModal, validateModal } from './blocks/modals.js';
import type { MqaListenerDeps } from './deps.js';
import { MQA_ACTION } from './ids.js';

const say = (text: string) => ({ text, blocks: [section(text)] });

const STATUS_BUTTONS: Array<[string, MqaStatus]> = [
  [MQA_ACTION.acknowledge, 'acknowledged'],
  [MQA_ACTION.inProgress, 'in_progress'],
  [MQA_ACTION.won, 'won'],
  [MQA_ACTION.lost, 'lost'],
  [MQA_ACTION.stalled, 'stalled'],
  [MQA_ACTION.reenter, 're_entered'],
];

export function registerMqaActions(app: Listeners, deps: MqaListenerDeps): void {
  const context = (body: BlockButtonAction, action: { value?: string }) => ({
    teamId: body.team?.id ?? body.user.team_id ?? '',
    itemId: Number(action.value),
    audience: { userId: body.user.id, responseUrl: body.response_url ?? null, channelId: body.channel?.id ?? null },
  });

  app.action<BlockButtonAction>(MQA_ACTION.validate, async ({ ack, body, action, client }) => {
    await ack();
    const { teamId, itemId, audience } = context(body, action);
    const item = await deps.mqa.findById(teamId, itemId);
    if (item?.status !== 'in_review')
      return void (await deps.notifier.tellUser(audience, say('This account is no longer in review.')));
    if (!(await deps.mqa.isReviewer(teamId, body.user.id)))
      return void (await deps.notifier.tellUser(
        audience,
        say(':lock: Only marketing reviewers can validate accounts.'),
      ));
    await client.views.open({ trigger_id: body.trigger_id, view: validateModal(item.id, item.accountName) });
  });

  const openReason = (actionId: string, purpose: 'reject' | 'not_a_fit') =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const { teamId, itemId, audience } = context(body, action);
      const item = await deps.mqa.findById(teamId, itemId);
      if (!item) return void (await deps.notifier.tellUser(audience, say("I can't find that account any more.")));
      if (purpose === 'reject' && !(await deps.mqa.isReviewer(teamId, body.user.id))) {
        return void (await deps.notifier.tellUser(
          audience,
          say(':lock: Only marketing reviewers can reject accounts.'),
        ));
      }
      await client.views.open({ trigger_id: body.trigger_id, view: reasonModal(item.id, item.accountName, purpose) });
    });
  openReason(MQA_ACTION.reject, 'reject');
  openReason(MQA_ACTION.notAFit, 'not_a_fit');

  for (const [actionId, status] of STATUS_BUTTONS) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action }) => {
      await ack();
      const { teamId, itemId, audience } = context(body, action);
      const by = person(body.user.id);
      // After the ack, tracked by inFlight so shutdown (and tests) wait for the change and its card update.
      deps.inFlight.run(async () => {
        const result =
          status === 'acknowledged'
            ? await deps.mqa.acknowledge(teamId, itemId, by, null)
            : status === 're_entered'
              ? await deps.mqa.reenter(teamId, itemId, by)
              : await deps.mqa.setStatus(teamId, itemId, status, by);
        if (!result.ok) await deps.notifier.tellUser(audience, say(result.reason));
      });
    });
  }
}
