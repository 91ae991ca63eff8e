import { SEVERITY_EMOJI, SEVERITY_LABELS, categoryLabel, isReviewOverdue, severityOf } from '../../../domain/risks/index.js';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import type { StoredRisk } from '../../../db/repositories/risks-repository.js';

/** Cuts typed text for a one-line summary; the full text stays in the register. */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const severityBadge = (score: number) => `${SEVERITY_EMOJI[severityOf(score)]} *${score}* ${SEVERITY_LABELS[severityOf(score)]}`;

/** "🔴 *20* Critical · Title · Pipeline generation · owner @x · review 2026-12-01 (overdue)" */
export function riskLine(risk: StoredRisk, today: string, options: { titleMax?: number } = {}): string {
  const overdue = isReviewOverdue(risk.reviewDate, today) ? ' *(review overdue)*' : '';
  return (
    `${severityBadge(risk.score)} · *${escapeMrkdwn(clip(risk.title, options.titleMax ?? 150))}*` +
    ` · ${categoryLabel(risk.category)} · owner <@${risk.ownerId}> · review ${risk.reviewDate}${overdue}`
  );
}
