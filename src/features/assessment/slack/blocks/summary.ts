import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
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
import { COMMAND } from '../../../../slack/ids.js';
import { ROUND } from '../../../rounds/slack/ids.js';
import { type Delta, DIMENSION_KEYS, dimension, level, resultName, VERDICT_LABELS } from '../../domain/index.js';
import type { AssessmentSummary } from '../../service.js';

const VERDICT_ICON = {
  alarm: ':rotating_light:',
  below_expected: ':warning:',
  at_or_above_expected: ':white_check_mark:',
  good: ':star:',
} as const;

/** `■■■□□` for a score of 3. */
export const scoreBar = (score: number) => '■'.repeat(score) + '□'.repeat(5 - score);

export function formatDelta(delta: Delta): string {
  if (delta.direction === 'same') return '= no change';
  const arrow = delta.direction === 'up' ? '▲' : '▼';
  return `${arrow} ${delta.delta > 0 ? '+' : ''}${delta.delta}`;
}

const e = escapeMrkdwn;

/** The channel message for one assessment: score, band, verdict, bars, weakest, flags, meaning, change, notes. */
export function assessmentSummaryMessage(summary: AssessmentSummary): SlackMessage {
  const { assessment, scored, previous, comparison } = summary;
  const overall = scored.overall.toFixed(1);
  const verdict = VERDICT_LABELS[scored.verdict];
  const seg = scored.segment;

  const bars = DIMENSION_KEYS.map((key) => {
    const score = scored.scores[key];
    const change = comparison.kind === 'compared' ? `  ${formatDelta(comparison.dimensions[key])}` : '';
    return `\`${scoreBar(score)}\` *${score} ${level(key, score).name}* · ${e(dimension(key).name)}${change}`;
  });

  const weakest = scored.nextLevels.map(({ dimension: key, current, next }) => {
    const name = e(dimension(key).name);
    return next
      ? `*${name}* is at ${current.score} ${current.name}. To reach *${next.score} ${next.name}*: ${e(next.description)}\n_Evidence: ${e(next.evidence)}_`
      : `*${name}* is at 5 Optimized: keep it there.`;
  });

  const flags = scored.flags.map((flag) =>
    flag.kind === 'automatic'
      ? `• :red_circle: ${e(flag.text)}`
      : `• :triangular_flag_on_post: ${e(flag.text)} _(${e(dimension(flag.dimension).shortLabel)})_`,
  );

  const change =
    comparison.kind === 'compared' && previous
      ? `*Change since ${resultName(previous)}* (${slackDate(previous.at, '{date_short_pretty}')}, ${previous.overall.toFixed(1)} ${previous.band}${previous.kind === 'round' ? `, ${count(previous.respondents, 'respondent')}` : ''}): overall ${formatDelta(comparison.overall)}`
      : '*First assessment* for this workspace: the next one will show the change.';

  const notes = DIMENSION_KEYS.filter((key) => assessment.notes[key]).map((key) =>
    section(`*Note on ${e(dimension(key).shortLabel)}:* ${e(assessment.notes[key] ?? '')}`),
  );

  const blocks: KnownBlock[] = [
    header(`Feedback-loop assessment: ${overall} / 5 · ${scored.band.name}`),
    section(
      `*Overall ${overall} / 5 · ${scored.band.name}*\nSubmitted by <@${assessment.userId}> on ${slackDate(assessment.createdAt)}`,
    ),
    section(
      `${VERDICT_ICON[scored.verdict]} *Segment verdict: ${verdict}* for ${e(seg.name)}\n` +
        `Expected average ${seg.expected.toFixed(1)} · good from ${seg.good.toFixed(1)} · alarm at ${seg.alarm.toFixed(1)} or below`,
    ),
    divider(),
    section(bars.join('\n')),
    section(`*Weakest ${noun(scored.weakest.length, 'dimension')}*\n${weakest.join('\n')}`),
    section(
      flags.length > 0
        ? `*Red flags (${flags.length})*\n${flags.join('\n')}`
        : '*Red flags:* none ticked and no dimension at level 1.',
    ),
    section(`*What this means:* ${e(scored.band.interpretation)}\n*Next step:* ${e(scored.band.nextStep)}`),
    section(change),
    ...notes,
    context(`Assessment #${assessment.id} · Take it again with \`${COMMAND} assess\``),
    {
      type: 'actions',
      block_id: 'assessment_next',
      elements: [
        {
          type: 'button',
          action_id: ROUND.startAction,
          text: { type: 'plain_text', text: 'Start a team round' },
          value: assessment.segment,
        },
      ],
    },
    context(
      'One opinion is a start: a team round asks Product, Marketing and Sales the same questions privately and shows where they see things differently.',
    ),
  ];

  return {
    text: `Feedback-loop assessment: ${overall} / 5 (${scored.band.name}), ${verdict.toLowerCase()} for ${seg.name}`,
    blocks,
  };
}
