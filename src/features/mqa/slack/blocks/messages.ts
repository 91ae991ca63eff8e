import type { types } from '@slack/bolt';
import { escapeMrkdwn, truncate } from '../../../../domain/text/mrkdwn.js';
import { count } from '../../../../domain/text/plural.js';
import { formatElapsed } from '../../../../domain/time/elapsed.js';
import { context, type KnownBlock, plain, type SlackMessage, section } from '../../../../slack/blocks.js';
import {
  actorMrkdwn,
  allowedNext,
  type MqaItem,
  type MqaStatus,
  SOURCE_LABEL,
  STATUS_LABEL,
} from '../../domain/index.js';
import type { MqaItemView } from '../../ports.js';
import { MQA_ACTION, MQA_BLOCK } from '../ids.js';
import type { MqaListFilter } from '../list-filter.js';

const e = (text: string | null | undefined) => escapeMrkdwn(text ?? '');
const user = (id: string | null) => (id ? `<@${id}>` : '_none_');

function title(item: MqaItem): string {
  const flag =
    item.source === 'direct_request'
      ? ':rotating_light: *Direct request* · '
      : item.priority === 'high'
        ? ':small_red_triangle: *High priority* · '
        : '';
  return `${flag}*${e(item.accountName)}* · ${e(item.domain)}`;
}

function details(item: MqaItem): types.SectionBlock {
  const field = (label: string, value: string) => ({
    type: 'mrkdwn' as const,
    text: truncate(`*${label}*\n${value}`, 1900),
  });
  return {
    type: 'section',
    fields: [
      field('Source', SOURCE_LABEL[item.source]),
      field('Segment / tier', `${e(item.segment) || '–'} / ${e(item.tier) || '–'}`),
      field('Region', e(item.region) || '–'),
      field('Owner', user(item.ownerId)),
      field('Intent topics', item.intentTopics.length > 0 ? item.intentTopics.map(e).join(', ') : '–'),
      field('Priority', item.priority === 'high' ? 'High' : 'Normal'),
    ],
  };
}

const evidence = (item: MqaItem): KnownBlock[] =>
  item.evidence ? [section(truncate(`*Engagement evidence*\n${e(item.evidence)}`, 2900))] : [];

function button(text: string, actionId: string, itemId: number, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', text: plain(text), action_id: actionId, value: String(itemId), ...(style ? { style } : {}) };
}

/** The review post in the Marketing review channel; buttons only while the item is in review. */
export function reviewMessage(view: MqaItemView): SlackMessage {
  const { item } = view;
  const blocks: KnownBlock[] = [section(`:mag: New MQA for review: ${title(item)}`), details(item), ...evidence(item)];
  blocks.push(context(`Added by ${actorMrkdwn(item.createdBy)}`));
  if (item.source === 'direct_request' && view.settings.directorId)
    blocks.push(context(`Direct request: ${user(view.settings.directorId)} validates it first.`));
  if (item.status === 'in_review') {
    blocks.push({
      type: 'actions',
      block_id: MQA_BLOCK.actions,
      elements: [
        button('Validate & share', MQA_ACTION.validate, item.id, 'primary'),
        button('Reject', MQA_ACTION.reject, item.id, 'danger'),
      ],
    });
  } else {
    const reason = item.status === 'rejected' || item.status === 'not_a_fit' ? `: ${e(item.rejectionReason)}` : '';
    const outcome = `${STATUS_LABEL[item.status]}${reason}${item.salesChannelId ? ` · shared in <#${item.salesChannelId}>` : ''}`;
    blocks.push(context(truncate(outcome, 2900)));
  }
  return { text: truncate(`New MQA for review: ${e(item.accountName)}`, 3000), blocks };
}

export function directorNotice(view: MqaItemView): SlackMessage {
  const text = `:rotating_light: Direct request for priority validation: ${title(view.item)}${view.settings.reviewChannelId ? ` (in <#${view.settings.reviewChannelId}>)` : ''}`;
  return {
    text: `Direct request for priority validation: ${e(view.item.accountName)}`,
    blocks: [section(text), details(view.item)],
  };
}

const CARD_BUTTONS: Partial<Record<MqaStatus, [string, string, 'primary' | 'danger' | undefined]>> = {
  acknowledged: ['Acknowledge', MQA_ACTION.acknowledge, 'primary'],
  in_progress: ['In progress', MQA_ACTION.inProgress, undefined],
  won: ['Won', MQA_ACTION.won, 'primary'],
  lost: ['Lost', MQA_ACTION.lost, undefined],
  stalled: ['Stalled', MQA_ACTION.stalled, undefined],
  re_entered: ['Re-enter', MQA_ACTION.reenter, 'primary'],
};

function statusLine(view: MqaItemView): string {
  const { item } = view;
  if (item.status === 'shared')
    return `:hourglass_flowing_sand: Waiting for Sales to acknowledge (reply \`ack\` in the thread, react :white_check_mark:, or press Acknowledge).`;
  if (item.status === 'rejected' || item.status === 'not_a_fit')
    return `:no_entry_sign: ${STATUS_LABEL[item.status]}: ${e(item.rejectionReason)}`;
  const ack =
    item.acknowledgedBy && view.acknowledgedAt && item.sharedAt
      ? `Acknowledged by ${user(item.acknowledgedBy)} in ${formatElapsed(view.acknowledgedAt.getTime() - item.sharedAt.getTime())}`
      : '';
  const reEntered =
    view.reEntries > 0 ? ` · re-entered ${view.reEntries === 1 ? 'once' : count(view.reEntries, 'time')}` : '';
  return `:white_check_mark: *${STATUS_LABEL[item.status]}*${ack ? ` · ${ack}` : ''}${reEntered}`;
}

/** The account card in the sales channel: evidence, presales notes, status and the next possible moves. */
export function accountCard(view: MqaItemView): SlackMessage {
  const { item } = view;
  const blocks: KnownBlock[] = [section(`:office: ${title(item)}`), details(item), ...evidence(item)];
  if (item.presales) {
    const p = item.presales;
    blocks.push(
      section(
        truncate(
          `*Presales check*: ICP ${e(p.icpAlignment)} · relevance ${e(p.relevance)} · strategic fit ${e(p.strategicFit)}${p.notes ? `\n${e(p.notes)}` : ''}`,
          2900,
        ),
      ),
    );
  }
  blocks.push(context(truncate(statusLine(view), 2900)));
  const elements = allowedNext(item.status)
    .filter((s) => CARD_BUTTONS[s])
    .map((s) => {
      const [text, actionId, style] = CARD_BUTTONS[s] as [string, string, 'primary' | 'danger' | undefined];
      return button(text, actionId, item.id, style);
    });
  if (item.status === 'shared' || item.status === 'acknowledged')
    elements.push(button('Not a fit', MQA_ACTION.notAFit, item.id, 'danger'));
  if (elements.length > 0) blocks.push({ type: 'actions', block_id: MQA_BLOCK.actions, elements });
  return { text: truncate(`MQA: ${e(item.accountName)} (${STATUS_LABEL[item.status]})`, 3000), blocks };
}

export function reminderMessage(view: MqaItemView): SlackMessage {
  const who = view.item.ownerId ? `<@${view.item.ownerId}>` : '<!here>';
  const text = `:alarm_clock: ${who} this account has waited ${count(view.settings.slaBusinessDays, 'business day')} for an acknowledgement. Reply \`ack\` here when someone picks it up.`;
  return { text: `Reminder: ${e(view.item.accountName)} is waiting for an acknowledgement`, blocks: [section(text)] };
}

export function escalationMessage(view: MqaItemView): SlackMessage {
  const { item } = view;
  const where = item.cardChannelId ? ` in <#${item.cardChannelId}>` : '';
  const text = `:rotating_light: *Escalation*: ${title(item)} was shared${where} and is still not acknowledged after ${count(view.settings.slaBusinessDays * 2, 'business day')}. Owner: ${user(item.ownerId)}.`;
  return { text: `Escalation: ${e(item.accountName)} not acknowledged`, blocks: [section(truncate(text, 2900))] };
}

const LIST_TITLE: Record<MqaListFilter, string> = {
  open: 'Open MQAs',
  mine: 'Your open MQAs',
  'mine all': 'All your MQAs, closed ones included',
  stalled: 'Stalled MQAs',
  closed: 'Closed MQAs',
  all: 'All MQAs',
};

/** `items` may be the first page only; `total` is how many match, so the heading and "…and N more" stay true. */
export function listMessage(items: MqaItem[], filter: MqaListFilter, total = items.length): SlackMessage {
  const heading = `*${LIST_TITLE[filter]}* (${count(total, 'account')})`;
  const closedHint =
    filter === 'mine'
      ? [context('Won, lost, rejected and not-a-fit accounts are left out: `/loop mqa list mine all` shows them too.')]
      : [];
  if (items.length === 0)
    return {
      text: `MQA working list, ${LIST_TITLE[filter].toLowerCase()}: none.`,
      blocks: [section(`${heading}\nNothing here.`), ...closedHint],
    };
  const shown = items.slice(0, 40);
  const lines = shown.map(
    (i) =>
      `• *${e(i.accountName)}* (${e(i.domain)}) · ${STATUS_LABEL[i.status]}${i.salesChannelId ? ` · <#${i.salesChannelId}>` : ''}${i.ownerId ? ` · <@${i.ownerId}>` : ''}`,
  );
  const blocks: KnownBlock[] = [section(heading)];
  // Sections hold at most 3000 characters: pack lines into as few sections as fit.
  let chunk = '';
  for (const line of lines) {
    if (chunk.length + line.length + 1 > 2900) {
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${line}` : line;
  }
  if (chunk) blocks.push(section(chunk));
  if (total > shown.length)
    blocks.push(
      context(
        `…and ${count(total - shown.length, 'more account')}. Narrow it with \`/loop mqa list mine\`, \`open\` or \`stalled\`.`,
      ),
    );
  blocks.push(...closedHint);
  return {
    text: `MQA working list, ${LIST_TITLE[filter].toLowerCase()}: ${count(total, 'account')}`,
    blocks: blocks.slice(0, 50),
  };
}
