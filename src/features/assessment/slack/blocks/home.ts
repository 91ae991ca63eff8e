import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import { context, type KnownBlock, section, slackDate } from '../../../../slack/blocks.js';
import { DIMENSION_KEYS, dimension, VERDICT_LABELS } from '../../domain/index.js';
import type { AssessmentSummary } from '../../service.js';
import { formatDelta, scoreBar } from './summary.js';

/** App Home's latest score: band, verdict, next step, the five bars and the change since the previous result. */
export function assessmentHomeBlocks(latest: AssessmentSummary | undefined): KnownBlock[] {
  if (!latest) {
    return [
      section('*No assessment yet.* Take the five-dimension feedback-loop assessment to see where your team stands.'),
    ];
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
