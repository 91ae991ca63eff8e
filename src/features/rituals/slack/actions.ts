import type { BlockButtonAction, BlockStaticSelectAction } from '@slack/bolt';
import { isIanaTimeZone } from '../../../domain/time/time-zone.js';
import { notAdminMessage } from '../../../slack/admin-refusal.js';
import { type SlackMessage, section } from '../../../slack/blocks.js';
import { INPUT_ACTION } from '../../../slack/ids.js';
import type { Listeners } from '../../../slack/listener-table.js';
import { chooseCadence, formatLocalDate, wallClockAt } from '../domain/index.js';
import { ritualTitleMrkdwn } from '../domain/ritual-title.js';
import type { RitualChange } from '../service.js';
import { followUpModal } from './blocks/follow-up.js';
import { ritualModal } from './blocks/ritual-modal.js';
import { ritualOccurrenceText } from './blocks/ritual-time.js';
import { followUpsListFor, ritualsListFor } from './commands.js';
import type { RitualListenerDeps } from './deps.js';
import { draftFromRitual, newRitualDraft } from './drafts.js';
import { RITUAL_ACTION, RITUAL_BLOCK } from './ids.js';
import { ritualDraftFromState, ritualModalMeta } from './parse.js';

const teamOf = (body: BlockButtonAction | BlockStaticSelectAction) => body.team?.id ?? body.user.team_id ?? '';
const idOf = (body: BlockButtonAction) => Number.parseInt(body.actions[0]?.value ?? '', 10);
const message = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** What a non-admin was refused, as "Only Loopkeeper admins can …" says it. */
const REFUSED: Record<RitualChange, string> = {
  pause: 'pause rituals',
  resume: 'resume rituals',
  skip_next: "skip a ritual's next occurrence",
  delete: 'delete rituals',
};

const CHANGES: Array<[actionId: string, change: RitualChange]> = [
  [RITUAL_ACTION.pause, 'pause'],
  [RITUAL_ACTION.resume, 'resume'],
  [RITUAL_ACTION.skipNext, 'skip_next'],
  [RITUAL_ACTION.delete, 'delete'],
];

const DONE_TEXT: Record<RitualChange, string> = {
  pause: 'paused',
  resume: 'resumed',
  skip_next: 'skipped',
  delete: 'deleted',
};

export function registerRitualActions(app: Listeners, deps: RitualListenerDeps): void {
  /** Answers the clicker privately: replaces the list they clicked in when there is one. */
  const answer = async (body: BlockButtonAction, reply: SlackMessage, replace: boolean) => {
    const responseUrl = (body as { response_url?: string }).response_url;
    if (responseUrl && (await deps.notifier.respond(responseUrl, { ...reply, replace_original: replace }))) return;
    await deps.notifier.tellUser({ userId: body.user.id, channelId: body.channel?.id ?? null }, reply);
  };

  app.action<BlockButtonAction>(RITUAL_ACTION.add, async ({ ack, body, client }) => {
    await ack();
    const teamId = teamOf(body);
    if (!(await deps.rituals.isAdmin(teamId, body.user.id))) return answer(body, notAdminMessage('add rituals'), false);
    const timeZone = await deps.rituals.teamTimeZone(teamId);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: ritualModal(newRitualDraft(deps.rituals.now(), timeZone, body.channel?.id ?? null), { ritualId: null }),
    });
  });

  app.action<BlockButtonAction>(RITUAL_ACTION.edit, async ({ ack, body, client }) => {
    await ack();
    const teamId = teamOf(body);
    if (!(await deps.rituals.isAdmin(teamId, body.user.id)))
      return answer(body, notAdminMessage('edit rituals'), false);
    const ritual = await deps.rituals.find(teamId, idOf(body));
    if (!ritual) return answer(body, message('That ritual no longer exists.'), false);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: ritualModal(draftFromRitual(ritual), { ritualId: ritual.id }),
    });
  });

  // "Preview next five": re-render the modal from what is typed so far, with the occurrences or the problems.
  app.action<BlockButtonAction>(RITUAL_ACTION.preview, async ({ ack, body, client }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const draft = ritualDraftFromState(view.state?.values);
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: ritualModal(draft, ritualModalMeta(view.private_metadata), deps.rituals.preview(draft)),
    });
  });

  // Picking a cadence: the modal is rebuilt with that cadence's fields only, keeping everything typed so far.
  app.action<BlockStaticSelectAction>(
    { block_id: RITUAL_BLOCK.cadenceType, action_id: INPUT_ACTION },
    async ({ ack, body, action, client }) => {
      await ack();
      const view = body.view;
      if (!view) return;
      const typed = ritualDraftFromState(view.state?.values);
      const zone =
        typed.timeZone && isIanaTimeZone(typed.timeZone)
          ? typed.timeZone
          : await deps.rituals.teamTimeZone(teamOf(body));
      const draft = chooseCadence(
        typed,
        action.selected_option?.value ?? null,
        formatLocalDate(wallClockAt(deps.rituals.now(), zone)),
      );
      // No hash: when someone changes the select twice quickly, the latest choice must win, not fail as a conflict.
      await client.views.update({ view_id: view.id, view: ritualModal(draft, ritualModalMeta(view.private_metadata)) });
    },
  );

  for (const [actionId, change] of CHANGES) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body }) => {
      await ack();
      const teamId = teamOf(body);
      const result = await deps.rituals.change(teamId, body.user.id, idOf(body), change);
      if (!result.ok) {
        if (result.reason === 'not_admin') return answer(body, notAdminMessage(REFUSED[change]), false);
        return answer(
          body,
          message(
            result.reason === 'not_found'
              ? 'That ritual no longer exists.'
              : 'There is no upcoming occurrence to skip.',
          ),
          false,
        );
      }
      const list = await ritualsListFor(deps, teamId, body.user.id);
      const what = `:white_check_mark: *${ritualTitleMrkdwn(result.ritual)}* ${DONE_TEXT[change]}${result.skipped ? `: no post on ${ritualOccurrenceText(result.skipped, result.ritual)}` : ''}.`;
      await answer(body, { text: list.text, blocks: [section(what), ...list.blocks].slice(0, 50) }, true);
    });
  }

  app.action<BlockButtonAction>(RITUAL_ACTION.addFollowUp, async ({ ack, body, client }) => {
    await ack();
    const postId = idOf(body);
    const timeZone = await deps.rituals.teamTimeZone(teamOf(body));
    await client.views.open({
      trigger_id: body.trigger_id,
      view: followUpModal(postId, formatLocalDate(wallClockAt(deps.rituals.now(), timeZone))),
    });
  });

  app.action<BlockButtonAction>(RITUAL_ACTION.followUpDone, async ({ ack, body }) => {
    await ack();
    const teamId = teamOf(body);
    const result = await deps.followUps.markDone(teamId, body.user.id, idOf(body));
    // From the `/loop followups` list, show the list without it; from a thread or DM the thread message is updated.
    const fromList = body.container?.is_ephemeral === true;
    if (fromList) return answer(body, await followUpsListFor(deps, teamId, body.user.id), true);
    if (!result.ok)
      return answer(
        body,
        message(result.followUp ? 'That follow-up was already done.' : 'That follow-up no longer exists.'),
        false,
      );
    if (body.channel?.id?.startsWith('D')) await answer(body, message(':white_check_mark: Marked done.'), false);
  });
}
