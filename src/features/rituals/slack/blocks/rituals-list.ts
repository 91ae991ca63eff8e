import { context, divider, type KnownBlock, plain, type SlackMessage, section } from '../../../../slack/blocks.js';
import type { StoredRitual } from '../../domain/index.js';
import { ritualTitleMrkdwn, scheduleText } from '../../domain/ritual-title.js';
import { RITUAL_ACTION } from '../ids.js';
import { ritualOccurrenceText } from './ritual-time.js';

/** At 4 blocks per ritual this stays under Slack's 50 blocks per message. */
const MAX_SHOWN = 10;

/** `/loop rituals`: each ritual with its next three occurrences and, for admins, its buttons. */
export function ritualsListMessage(
  items: Array<{ ritual: StoredRitual; next: Date[] }>,
  isAdmin: boolean,
): SlackMessage {
  const blocks: KnownBlock[] = [section(`*Rituals* (${items.length})`)];
  if (items.length === 0)
    blocks.push(
      section('_No rituals yet._ A GTM review every three weeks and a monthly Marketing-Sales sync are a good start.'),
    );
  for (const { ritual, next } of items.slice(0, MAX_SHOWN)) {
    const when = ritual.paused
      ? ' :double_vertical_bar: _paused_'
      : next.length > 0
        ? next.map((d) => `\n• ${ritualOccurrenceText(d, ritual)}`).join('')
        : ' _no upcoming occurrence_';
    blocks.push(divider());
    blocks.push(
      section(`*${ritualTitleMrkdwn(ritual)}* in <#${ritual.channelId}>\n${scheduleText(ritual)}\nNext:${when}`),
    );
    if (isAdmin) {
      const value = String(ritual.id);
      blocks.push({
        type: 'actions',
        block_id: `ritual:${ritual.id}`,
        elements: [
          { type: 'button', action_id: RITUAL_ACTION.edit, text: plain('Edit'), value },
          ritual.paused
            ? { type: 'button', action_id: RITUAL_ACTION.resume, text: plain('Resume'), value }
            : { type: 'button', action_id: RITUAL_ACTION.pause, text: plain('Pause'), value },
          { type: 'button', action_id: RITUAL_ACTION.skipNext, text: plain('Skip next'), value },
          {
            type: 'button',
            action_id: RITUAL_ACTION.delete,
            text: plain('Delete'),
            value,
            style: 'danger',
            confirm: {
              title: plain('Delete this ritual?'),
              text: plain('It stops posting. Past posts and their follow-ups stay.'),
              confirm: plain('Delete'),
              deny: plain('Keep'),
            },
          },
        ],
      });
    }
  }
  if (items.length > MAX_SHOWN) blocks.push(context(`…and ${items.length - MAX_SHOWN} more.`));
  if (isAdmin)
    blocks.push({
      type: 'actions',
      block_id: 'rituals_list_actions',
      elements: [
        { type: 'button', action_id: RITUAL_ACTION.add, text: plain('Add ritual'), style: 'primary', value: 'add' },
      ],
    });
  else blocks.push(context('Only Loopkeeper admins can add or change rituals.'));
  return { text: `Rituals (${items.length})`, blocks };
}
