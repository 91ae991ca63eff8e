import { DIMENSION_KEYS, VERDICT_LABELS, dimension } from '../../../assessment/domain/index.js';
import { isReviewOverdue } from '../../../risks/domain/index.js';
import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import type { HomeData, HomeSection } from '../../service.js';
import { ACTION, COMMAND, HOME_ACTION } from '../../../../slack/ids.js';
import { formatDelta, scoreBar } from '../../../assessment/slack/blocks/summary.js';
import { type HomeView, type KnownBlock, context, divider, header, section, slackDate } from '../../../../slack/blocks.js';
import { clip, riskLine, slackDay } from '../../../risks/slack/blocks/risk-format.js';

/** Items per list on Home; the rest is a count and the command that lists them all. The view stays far below 100 blocks. */
export const HOME_LIST_LIMIT = 5;

const code = (command: string) => `\`${command}\``;

/** "• a\n• b\n…and 7 more: `/loop x`" — one section, however long the list. `more` says where to see them all. */
function listText(lines: string[], more: string, total = lines.length): string {
  const shown = lines.slice(0, HOME_LIST_LIMIT);
  const rest = total - shown.length;
  return [...shown.map((l) => `• ${l}`), ...(rest > 0 ? [`…and ${rest} more: ${more}`] : [])].join('\n');
}

function assessmentBlocks(latest: HomeData['latest']): KnownBlock[] {
  if (!latest) {
    return [section('*No assessment yet.* Take the five-dimension feedback-loop assessment to see where your team stands.')];
  }
  const { scored, comparison, assessment, previous } = latest;
  const bars = DIMENSION_KEYS.map((key) => {
    const change = comparison.kind === 'compared' ? `  ${formatDelta(comparison.dimensions[key])}` : '';
    return `\`${scoreBar(scored.scores[key])}\` *${scored.scores[key]}* ${escapeMrkdwn(dimension(key).name)}${change}`;
  });
  const change =
    comparison.kind === 'compared' && previous
      ? `Change since the previous ${previous.kind === 'round' ? 'team round' : 'assessment'} (${slackDate(previous.at, '{date_short_pretty}')}, ${previous.overall.toFixed(1)} ${previous.band}): ${formatDelta(comparison.overall)}`
      : 'First assessment: the next one will show the change.';
  return [
    section(
      `*Latest score: ${scored.overall.toFixed(1)} / 5 · ${scored.band.name}*` +
        (comparison.kind === 'compared' ? `  ${formatDelta(comparison.overall)}` : '') +
        `\n${VERDICT_LABELS[scored.verdict]} for ${escapeMrkdwn(scored.segment.name)} · by <@${assessment.userId}> on ${slackDate(assessment.createdAt, '{date_short_pretty}')}` +
        `\n*Next step:* ${escapeMrkdwn(scored.band.nextStep)}`,
    ),
    section(bars.join('\n')),
    context(change),
  ];
}

/** A section fed by another feature: "not set up", "nothing yet" or the (cut) list. */
function sourceBlock<T>(title: string, data: HomeSection<T>, texts: { notWired: string; empty: string; more: string }, line: (item: T) => string): KnownBlock {
  if (!data.wired) return section(`*${title}*\n${texts.notWired}`);
  if (data.items.length === 0) return section(`*${title}*\n${texts.empty}`);
  return section(`*${title}*\n${listText(data.items.map(line), code(texts.more))}`);
}

/** Due and review dates are days in the team's zone, shown as Slack date tokens like every other date on Home. */
const day = (data: HomeData, date: string) => slackDay(date, data.risks.timeZone);

function overdueBlock(data: HomeData): KnownBlock | undefined {
  const lines = [
    ...(data.followUps.wired ? data.followUps.items.filter((f) => f.overdue).map((f) => `Follow-up: ${escapeMrkdwn(clip(f.text, 150))}${f.dueDate ? ` (due ${day(data, f.dueDate)})` : ''}`) : []),
    ...(data.mqa.wired ? data.mqa.items.filter((m) => m.overdue).map((m) => `MQA: ${escapeMrkdwn(clip(m.accountName, 100))} (${escapeMrkdwn(clip(m.status, 40))})`) : []),
    ...data.myRisks.filter((r) => isReviewOverdue(r.reviewDate, data.risks.today)).map((r) => `Risk review: ${escapeMrkdwn(clip(r.title, 150))} (was due ${day(data, r.reviewDate)})`),
  ];
  if (lines.length === 0) return undefined;
  const all = [`${COMMAND} followups`, `${COMMAND} mqa list mine`, `${COMMAND} risk list`].map(code).join(', ');
  return section(`:warning: *Overdue for you*\n${listText(lines, all)}`);
}

function riskBlocks(data: HomeData): KnownBlock[] {
  const { top, total, today, timeZone } = data.risks;
  if (total === 0) return [section(`*Top risks*\nThe risk register is empty. Add what could hurt pipeline or positioning with \`${COMMAND} risk add\`.`)];
  const blocks: KnownBlock[] = [section(`*Top risks* (${total} open)\n${listText(top.map((r) => riskLine(r, today, timeZone, { titleMax: 100 })), code(`${COMMAND} risk list`), total)}`)];
  const mine = data.myRisks.filter((r) => !top.some((t) => t.id === r.id));
  if (mine.length > 0) blocks.push(context(`You also own: ${mine.slice(0, 3).map((r) => `${escapeMrkdwn(clip(r.title, 60))} (${r.score})`).join(' · ')}`));
  return blocks;
}

/** The commands Home points to; `/loop settings` only for admins, who are the only ones it lets in. */
const commands = (isAdmin: boolean) => [
  `${COMMAND} assess [segment]`,
  `${COMMAND} risk add`,
  `${COMMAND} risk list`,
  ...(isAdmin ? [`${COMMAND} settings`] : []),
  `${COMMAND} help`,
];

/** App Home, the GTM control plane: assessment, rituals, the viewer's actions and MQAs, overdue work, top risks. */
export function homeView(data: HomeData): HomeView {
  const button = (text: string, actionId: string, style?: 'primary') => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text },
    ...(style ? { style } : {}),
  });
  const buttons = [
    button('Take the assessment', ACTION.openAssess, 'primary'),
    button('Add an MQA', HOME_ACTION.addMqa),
    button('Add a risk', HOME_ACTION.addRisk),
    ...(data.isAdmin ? [button('Settings', ACTION.openSettings)] : []),
  ];
  const overdue = overdueBlock(data);

  const blocks: KnownBlock[] = [
    header('Loopkeeper: your GTM control plane'),
    { type: 'actions', block_id: 'home_actions', elements: buttons },
    ...(overdue ? [overdue] : []),
    divider(),
    ...assessmentBlocks(data.latest),
    divider(),
    sourceBlock(
      'Next rituals',
      data.rituals,
      {
        notWired: 'Rituals (the three-weekly GTM review, the monthly sync) will show here once they are set up.',
        empty: `No rituals yet. Schedule the GTM review with \`${COMMAND} rituals\`.`,
        more: `${COMMAND} rituals`,
      },
      (r) => `*${escapeMrkdwn(clip(r.name, 100))}* ${slackDate(r.nextAt)}${r.channelId ? ` in <#${r.channelId}>` : ''}`,
    ),
    sourceBlock(
      'Your open follow-ups',
      data.followUps,
      {
        notWired: 'Follow-up actions from GTM reviews will show here once rituals are set up.',
        empty: 'No open follow-ups for you. Add one from a ritual post with *Add follow-up*.',
        more: `${COMMAND} followups`,
      },
      (f) => `${f.overdue ? ':warning: ' : ''}${escapeMrkdwn(clip(f.text, 150))}${f.dueDate ? ` · due ${day(data, f.dueDate)}` : ''}`,
    ),
    sourceBlock(
      'Your MQA items',
      data.mqa,
      {
        notWired: 'Marketing-qualified accounts you share with Sales will show here once the MQA handoff is set up.',
        empty: 'No MQA items for you. Add one with *Add an MQA* above.',
        more: `${COMMAND} mqa list mine`,
      },
      (m) => `${m.overdue ? ':warning: ' : ''}*${escapeMrkdwn(clip(m.accountName, 100))}* · ${escapeMrkdwn(clip(m.status, 40))}`,
    ),
    divider(),
    ...riskBlocks(data),
    divider(),
    context(`Commands: ${commands(data.isAdmin).map(code).join(', ')}`),
  ];
  return { type: 'home', blocks };
}
