import { escapeMrkdwn as e } from '../../../../domain/text/mrkdwn.js';
import { count, noun } from '../../../../domain/text/plural.js';
import {
  context,
  divider,
  header,
  type KnownBlock,
  type SlackMessage,
  section,
  slackDate,
} from '../../../../slack/blocks.js';
import { dimension, FUNCTIONS, VERDICT_LABELS } from '../../../assessment/domain/index.js';
import { formatDelta } from '../../../assessment/slack/blocks/summary.js';
import type { RoundResult } from '../../round-result.js';
import { noteCount } from './round-notes.js';

const one = (n: number) => n.toFixed(1);
const signed = (n: number) => (n > 0 ? `+${one(n)}` : one(n));
/** `■■■□□` for a mean of 3.3 (rounded to whole squares). */
const meanBar = (mean: number) => '■'.repeat(Math.round(mean)) + '□'.repeat(5 - Math.round(mean));

/** The round's summary in its channel: team means, spreads, the product-marketing gap, flags as k of n, change. */
export function roundSummaryMessage(result: RoundResult): SlackMessage {
  const { round, summary, gap, functions, previous, comparison, responses, uninvited } = result;
  // An anonymous round's summary mentions nobody at all, not even who started or closed it.
  const closedBy =
    round.closedBy && round.closedBy !== 'deadline'
      ? `closed early${round.anonymous ? '' : ` by <@${round.closedBy}>`}`
      : 'closed at its deadline';
  const startedBy = round.anonymous ? '' : `, started by <@${round.startedBy}>`;

  if (!summary) {
    const text = `Team assessment round #${round.id} ${closedBy} with no answers, so there is no score this time. Start a new one with \`/loop assess round\`.`;
    return {
      text: `Team assessment round #${round.id} closed with no answers`,
      blocks: [header('Team assessment round: no answers'), section(text)],
    };
  }

  const n = summary.respondents;
  const notes = noteCount(result);
  const invited = round.invitees.length;
  const byFunction = FUNCTIONS.filter((f) => functions[f.key] > 0)
    .map((f) => `${f.name} ${functions[f.key]}`)
    .join(' · ');
  const who = round.anonymous
    ? '_Anonymous round: no names._'
    : responses.length > 60 // keeps the section under Slack's 3000 characters
      ? `*Respondents:* ${responses.length}, ${uninvited.length} of them not invited`
      : `*Respondents:* ${responses.map((r) => `<@${r.userId}>${uninvited.includes(r.userId) ? ' (not invited)' : ''}`).join(', ')}`;

  const dims = summary.dimensions.map((d) => {
    const change = comparison.kind === 'compared' ? `  ${formatDelta(comparison.dimensions[d.dimension])}` : '';
    const flag = d.disagreement ? '  :warning: *disagreement*' : '';
    return `\`${meanBar(d.mean)}\` *${one(d.mean)}* · ${e(dimension(d.dimension).name)} (min ${d.min} · max ${d.max}, spread ${d.spread})${flag}${change}`;
  });

  let gapText: string;
  if (gap.kind === 'missing') {
    gapText = `*Product vs Marketing:* no gap to show: no ${gap.missing.map((m) => (m === 'product' ? 'Product' : 'Marketing')).join(' or ')} respondent answered.`;
  } else {
    const lines = gap.dimensions.map(
      (d) =>
        `• ${e(dimension(d.dimension).shortLabel)}: Product ${one(d.product)} · Marketing ${one(d.marketing)} → *${signed(d.gap)}*`,
    );
    const biggest =
      gap.biggest.length === 0
        ? 'Product and Marketing see every dimension the same.'
        : `*Biggest gap:* ${gap.biggest
            .map((key) => {
              const g = gap.dimensions.find((d) => d.dimension === key)!;
              return `${e(dimension(key).name)} (${signed(g.gap)}: ${g.gap > 0 ? 'Product rates it higher' : 'Marketing rates it higher'})`;
            })
            .join(', ')}`;
    gapText = `*Product vs Marketing gap* (Product mean − Marketing mean; ${gap.productRespondents} Product, ${gap.marketingRespondents} Marketing)\n${lines.join('\n')}\n${biggest}`;
  }

  const flags = summary.flags.map(
    (f) => `• ${f.count} of ${f.of}: ${e(f.flag.text)} _(${e(dimension(f.flag.dimension).shortLabel)})_`,
  );
  const verdict = summary.benchmark
    ? `*Segment verdict: ${VERDICT_LABELS[summary.benchmark.verdict]}* for ${e(summary.benchmark.segment.name)} (expected ${one(summary.benchmark.segment.expected)} · good from ${one(summary.benchmark.segment.good)} · alarm at ${one(summary.benchmark.segment.alarm)} or below)`
    : '_No segment set for the team, so no segment verdict: set one in `/loop settings`._';
  const change =
    comparison.kind === 'compared' && previous
      ? `*Change since round #${previous.round.id}* (${slackDate(previous.round.closedAt ?? previous.round.deadlineAt, '{date_short_pretty}')}, ${one(previous.summary.overall)} ${previous.summary.band.name}): overall ${formatDelta(comparison.overall)}`
      : '*First team round* with answers: the next one will show the change.';

  const blocks: KnownBlock[] = [
    header(`Team assessment: ${one(summary.overall)} / 5 · ${summary.band.name}`),
    section(
      `*${count(n, 'respondent')}*${invited > 0 ? ` (${invited} invited)` : ''} · ${byFunction}\nRound #${round.id}${startedBy}, ${closedBy}.\n${who}`,
    ),
    section(
      `*Overall ${one(summary.overall)} / 5 · ${summary.band.name}* (from the team's mean per dimension)\n${verdict}`,
    ),
    divider(),
    section(dims.join('\n')),
    section(
      summary.disagreements.length > 0
        ? `:speech_balloon: *Worth discussing:* the team disagrees (max − min ≥ 2) on ${summary.disagreements.map((k) => e(dimension(k).name)).join(', ')}.`
        : 'No dimension where answers are 2 or more levels apart.',
    ),
    section(gapText),
    section(
      flags.length > 0 ? `*Red flags* (respondents who ticked them)\n${flags.join('\n')}` : '*Red flags:* none ticked.',
    ),
    section(`*What this means:* ${e(summary.band.interpretation)}\n*Next step:* ${e(summary.band.nextStep)}`),
    section(change),
    ...(notes > 0
      ? [
          section(
            `:memo: ${count(notes, 'note')} from respondents ${noun(notes, 'is', 'are')} in the thread${round.anonymous ? ', without names' : ''}.`,
          ),
        ]
      : []),
    context(
      `Individual answers stay private (respondents and admins). Export: \`/loop assess export\` · trend: \`/loop assess history\``,
    ),
  ];
  return {
    text: `Team assessment round #${round.id}: ${one(summary.overall)} / 5 (${summary.band.name}), ${count(n, 'respondent')}`,
    blocks,
  };
}
