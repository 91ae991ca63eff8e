import { escapeMrkdwn, truncate } from '../../../../domain/text/mrkdwn.js';
import { count } from '../../../../domain/text/plural.js';
import {
  context,
  type KnownBlock,
  type ModalView,
  plain,
  type SlackMessage,
  section,
} from '../../../../slack/blocks.js';
import { INPUT_ACTION } from '../../../../slack/ids.js';
import type { FollowUp } from '../../domain/index.js';
import { RITUAL_ACTION, RITUAL_BLOCK, RITUAL_VIEW } from '../ids.js';

const what = (f: FollowUp) => escapeMrkdwn(truncate(f.what, 500));

const doneButton = (f: FollowUp) => ({
  type: 'button' as const,
  action_id: RITUAL_ACTION.followUpDone,
  text: plain('Mark done'),
  value: String(f.id),
});

export function followUpModal(postId: number, today: string, errorsHint?: string): ModalView {
  return {
    type: 'modal',
    callback_id: RITUAL_VIEW.followUp,
    title: plain('Add follow-up'),
    submit: plain('Add'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ postId }),
    blocks: [
      ...(errorsHint ? [section(errorsHint)] : []),
      {
        type: 'input',
        block_id: RITUAL_BLOCK.followUpWhat,
        label: plain('What'),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: 500 },
      },
      {
        type: 'input',
        block_id: RITUAL_BLOCK.followUpOwner,
        label: plain('Owner'),
        element: { type: 'users_select', action_id: INPUT_ACTION },
      },
      {
        type: 'input',
        block_id: RITUAL_BLOCK.followUpDue,
        label: plain('Due date'),
        element: { type: 'datepicker', action_id: INPUT_ACTION, initial_date: today },
      },
    ],
  };
}

/** The follow-up as listed in the ritual post's thread; once done, without the button. */
export function followUpThreadMessage(f: FollowUp): SlackMessage {
  const line = `${f.status === 'done' ? ':white_check_mark: ~' : ':pushpin: '}${what(f)}${f.status === 'done' ? '~' : ''} — <@${f.ownerId}>, due ${f.dueDate}`;
  const blocks: KnownBlock[] = [section(line)];
  if (f.status === 'open') blocks.push({ type: 'actions', block_id: `follow_up:${f.id}`, elements: [doneButton(f)] });
  else blocks.push(context(`Done by <@${f.doneBy}>${f.doneAt ? ` on ${f.doneAt.toISOString().slice(0, 10)}` : ''}.`));
  return { text: `Follow-up: ${escapeMrkdwn(truncate(f.what, 100))}`, blocks };
}

export function followUpReminder(f: FollowUp, permalinkHint: string): SlackMessage {
  const text = `:alarm_clock: Your follow-up is due today (${f.dueDate}): ${what(f)}${permalinkHint}`;
  return {
    text: `Your follow-up is due today: ${escapeMrkdwn(truncate(f.what, 100))}`,
    blocks: [section(text), { type: 'actions', block_id: `follow_up:${f.id}`, elements: [doneButton(f)] }],
  };
}

/** `/loop followups`: the requester's open actions, each with Mark done. */
export function followUpsList(items: FollowUp[], today: string): SlackMessage {
  if (items.length === 0) {
    const text = 'You have no open follow-up actions. Add one with the *Add follow-up* button on a ritual post.';
    return { text, blocks: [section(text)] };
  }
  const shown = items.slice(0, 20);
  const blocks: KnownBlock[] = [section(`*Your open follow-up actions (${items.length})*`)];
  for (const f of shown) {
    const overdue = f.dueDate < today ? ' :warning: overdue' : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`${what(f)}\nDue ${f.dueDate}${overdue}`, 3000) },
      accessory: doneButton(f),
    });
  }
  if (items.length > shown.length) blocks.push(context(`…and ${items.length - shown.length} more.`));
  return { text: `You have ${count(items.length, 'open follow-up action')}.`, blocks };
}
