import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import { count } from '../../../../domain/text/plural.js';
import { context, type KnownBlock, type ModalView, plain, section } from '../../../../slack/blocks.js';
import { channelInput, selectInput, textInput, userInput, usersInput } from '../../../../slack/inputs.js';
import { describeRule, MQA_SOURCES, type MqaSettings, type RoutingRule, SOURCE_LABEL } from '../../domain/index.js';
import { MQA_BLOCK, MQA_VIEW } from '../ids.js';

const SOURCE_OPTIONS = MQA_SOURCES.map((s): [string, string] => [s, SOURCE_LABEL[s]]);

export function addModal(privateMetadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: MQA_VIEW.add,
    title: plain('Add an MQA'),
    submit: plain('Add for review'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      section('A Marketing Qualified Account goes to Marketing review first, then to its sales channel.'),
      textInput(MQA_BLOCK.account, 'Account name', { max: 120 }),
      textInput(MQA_BLOCK.domain, 'Domain', { max: 253, placeholder: 'example.com' }),
      selectInput(MQA_BLOCK.source, 'Source', SOURCE_OPTIONS, {
        hint: 'Direct requests are high priority and go to the review director.',
      }),
      textInput(MQA_BLOCK.segment, 'Segment', { optional: true, max: 60 }),
      textInput(MQA_BLOCK.tier, 'Tier', { optional: true, max: 60 }),
      textInput(MQA_BLOCK.region, 'Region', { optional: true, max: 60 }),
      textInput(MQA_BLOCK.intentTopics, 'Intent topics', {
        optional: true,
        max: 600,
        hint: 'Separate topics with commas.',
      }),
      textInput(MQA_BLOCK.evidence, 'Engagement evidence', { optional: true, multiline: true, max: 2000 }),
      selectInput(
        MQA_BLOCK.priority,
        'Priority',
        [
          ['high', 'High'],
          ['normal', 'Normal'],
        ],
        { optional: true, hint: 'Empty: high for direct requests, else normal.' },
      ),
      userInput(MQA_BLOCK.owner, 'Sales owner'),
      textInput(MQA_BLOCK.externalId, 'External id (CRM)', { optional: true, max: 120 }),
    ],
  };
}

const FIT = (label: string): Array<[string, string]> => [
  ['strong', `Strong ${label}`],
  ['partial', `Partial ${label}`],
  ['weak', `Weak ${label}`],
];

export function validateModal(itemId: number, accountName: string): ModalView {
  return {
    type: 'modal',
    callback_id: MQA_VIEW.validate,
    title: plain('Presales check'),
    submit: plain('Validate & share'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ itemId }),
    blocks: [
      section(`Validate *${escapeMrkdwn(accountName)}* before it goes to Sales.`),
      selectInput(MQA_BLOCK.icp, 'ICP alignment', FIT('alignment')),
      selectInput(MQA_BLOCK.relevance, 'Relevance', FIT('relevance')),
      selectInput(MQA_BLOCK.strategicFit, 'Strategic fit', FIT('fit')),
      textInput(MQA_BLOCK.notes, 'Presales notes', { optional: true, multiline: true, max: 2000 }),
    ],
  };
}

export type ReasonPurpose = 'reject' | 'not_a_fit';

export function reasonModal(itemId: number, accountName: string, purpose: ReasonPurpose): ModalView {
  return {
    type: 'modal',
    callback_id: MQA_VIEW.reason,
    title: plain(purpose === 'reject' ? 'Reject the account' : 'Not a fit for Sales'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ itemId, purpose }),
    blocks: [
      section(
        purpose === 'reject'
          ? `Why does Marketing reject *${escapeMrkdwn(accountName)}*? It leaves the review and is not shared with Sales.`
          : `Why is *${escapeMrkdwn(accountName)}* not a fit for Sales? It leaves the working list.`,
      ),
      textInput(MQA_BLOCK.reason, 'Reason', { multiline: true, max: 1000 }),
    ],
  };
}

export function mqaSettingsModal(s: MqaSettings): ModalView {
  return {
    type: 'modal',
    callback_id: MQA_VIEW.settings,
    title: plain('MQA settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      channelInput(MQA_BLOCK.reviewChannel, 'Marketing review channel', {
        initial: s.reviewChannelId,
        hint: 'New accounts are posted here for review.',
      }),
      usersInput(MQA_BLOCK.reviewers, 'Marketing reviewers', {
        initial: s.reviewerIds,
        hint: 'Only they can validate or reject. Empty: Loopkeeper admins.',
      }),
      userInput(MQA_BLOCK.director, 'Review director', {
        initial: s.directorId,
        hint: 'Gets direct requests first, for priority validation.',
      }),
      channelInput(MQA_BLOCK.defaultChannel, 'Default sales channel', {
        initial: s.defaultChannelId,
        hint: 'Where accounts go when no routing rule matches.',
      }),
      channelInput(MQA_BLOCK.escalationChannel, 'Escalation channel', { initial: s.escalationChannelId }),
      userInput(MQA_BLOCK.escalationUser, 'Escalation person', {
        initial: s.escalationUserId,
        hint: 'Used when no escalation channel is set.',
      }),
      textInput(MQA_BLOCK.slaDays, 'SLA (business days)', {
        initial: String(s.slaBusinessDays),
        max: 2,
        hint: 'Monday-Friday in the team time zone; escalation at twice this.',
      }),
      textInput(MQA_BLOCK.stallDays, 'Stall after (days)', {
        initial: String(s.stallDays),
        max: 3,
        hint: 'An acknowledged account with no update this long is stalled.',
      }),
    ],
  };
}

/** The rules as one section (≤ 3000 chars): whole lines only, and "…and N more" for the ones that do not fit. */
export function ruleLines(rules: RoutingRule[], maxChars = 2900): string {
  const lines = rules.map(
    (r, i) =>
      `${i + 1}. \`#${r.id}\` ${escapeMrkdwn(describeRule(r))} → <#${r.channelId}>${r.ownerIds.length > 0 ? ` (${r.ownerIds.map((u) => `<@${u}>`).join(', ')})` : ''}`,
  );
  const shown: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const tail = i + 1 < lines.length ? 60 : 0; // room for the "…and N more" line
    if (shown.length >= 40 || length + line.length + 1 + tail > maxChars) break;
    shown.push(line);
    length += line.length + 1;
  }
  const rest = lines.length - shown.length;
  return [
    ...shown,
    ...(rest > 0 ? [`…and ${count(rest, 'more rule')} (not shown; they apply after these).`] : []),
  ].join('\n');
}

export function routesModal(rules: RoutingRule[]): ModalView {
  const list: KnownBlock[] =
    rules.length === 0
      ? [context('No rules yet: every account goes to the default channel.')]
      : [section(ruleLines(rules)), context('Remove a rule with `/loop mqa routes remove <id>`.')];
  return {
    type: 'modal',
    callback_id: MQA_VIEW.routes,
    title: plain('MQA routing rules'),
    submit: plain('Add rule'),
    close: plain('Close'),
    blocks: [
      section('*Rules, first match wins:*'),
      ...list,
      section('*New rule* (empty fields match anything; it goes after the existing ones):'),
      textInput(MQA_BLOCK.segment, 'Segment', { optional: true, max: 60 }),
      textInput(MQA_BLOCK.region, 'Region', { optional: true, max: 60 }),
      textInput(MQA_BLOCK.tier, 'Tier', { optional: true, max: 60 }),
      selectInput(MQA_BLOCK.routeSource, 'Source', SOURCE_OPTIONS, { optional: true }),
      textInput(MQA_BLOCK.routeIntent, 'Intent topic', { optional: true, max: 60 }),
      channelInput(MQA_BLOCK.routeChannel, 'Sales channel', { optional: false }),
      usersInput(MQA_BLOCK.routeOwners, 'Owners (round robin)'),
    ],
  };
}
