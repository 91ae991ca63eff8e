import { VERDICT_LABELS } from '../../domain/assessment/index.js';
import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import type { AssessmentSummary } from '../../services/assessment-service.js';
import { ACTION, COMMAND } from '../ids.js';
import { type HomeView, type KnownBlock, context, divider, header, section, slackDate } from './blocks.js';
import { formatDelta } from './assessment-summary.js';

export interface HomeInput {
  latest: AssessmentSummary | undefined;
  isAdmin: boolean;
}

/** App Home: the latest feedback-loop score and the actions people need most. */
export function homeView({ latest, isAdmin }: HomeInput): HomeView {
  const score: KnownBlock[] = latest
    ? [
        section(
          `*Latest score: ${latest.scored.overall.toFixed(1)} / 5 · ${latest.scored.band.name}*` +
            (latest.comparison.kind === 'compared' ? `  ${formatDelta(latest.comparison.overall)}` : '') +
            `\n${VERDICT_LABELS[latest.scored.verdict]} for ${escapeMrkdwn(latest.scored.segment.name)} · by <@${latest.assessment.userId}> on ${slackDate(latest.assessment.createdAt, '{date_short_pretty}')}` +
            `\n*Next step:* ${escapeMrkdwn(latest.scored.band.nextStep)}`,
        ),
      ]
    : [section("*No assessment yet.* Take the five-dimension feedback-loop assessment to see where your team stands.")];

  const buttons = [
    { type: 'button' as const, action_id: ACTION.openAssess, text: { type: 'plain_text' as const, text: 'Take the assessment' }, style: 'primary' as const },
    ...(isAdmin ? [{ type: 'button' as const, action_id: ACTION.openSettings, text: { type: 'plain_text' as const, text: 'Settings' } }] : []),
  ];

  return {
    type: 'home',
    blocks: [
      header('Loopkeeper: your GTM control plane'),
      ...score,
      { type: 'actions', elements: buttons },
      divider(),
      context(`Commands: \`${COMMAND} assess [segment]\`, \`${COMMAND} settings\`, \`${COMMAND} help\``),
    ],
  };
}
