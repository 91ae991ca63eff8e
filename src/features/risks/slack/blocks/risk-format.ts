import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import { clip, slackDay } from '../../../../slack/blocks.js';
import {
  categoryLabel,
  isReviewOverdue,
  SEVERITY_EMOJI,
  SEVERITY_LABELS,
  type StoredRisk,
  severityOf,
} from '../../domain/index.js';

export const severityBadge = (score: number) =>
  `${SEVERITY_EMOJI[severityOf(score)]} *${score}* ${SEVERITY_LABELS[severityOf(score)]}`;

/** "🔴 *20* Critical · Title · Pipeline generation · owner @x · review Dec 1, 2026 (overdue)" */
export function riskLine(
  risk: StoredRisk,
  today: string,
  timeZone: string,
  options: { titleMax?: number } = {},
): string {
  const overdue = isReviewOverdue(risk.reviewDate, today) ? ' *(review overdue)*' : '';
  return (
    `${severityBadge(risk.score)} · *${escapeMrkdwn(clip(risk.title, options.titleMax ?? 150))}*` +
    ` · ${categoryLabel(risk.category)} · owner <@${risk.ownerId}> · review ${slackDay(risk.reviewDate, timeZone)}${overdue}`
  );
}
