import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import { formatDay, middayOf } from '../../../../domain/time/local-day.js';
import { clip, slackDay } from '../../../../slack/blocks.js';
import type { TableCell } from '../../../../slack/table.js';
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

/** A review date as a table cell: Slack's date in the reader's words ("Tomorrow", "Dec 1, 2026"), "(overdue)" after it. */
export function reviewDayCell(day: string, today: string, timeZone: string): TableCell {
  const overdue = isReviewOverdue(day, today) ? ' (overdue)' : '';
  const midday = middayOf(day, timeZone);
  if (!midday) return `${day}${overdue}`;
  return {
    date: midday,
    format: '{date_short_pretty}',
    fallback: formatDay(day),
    ...(overdue ? { after: overdue } : {}),
  };
}

/** A title as typed, on one line and cut for a table cell (the register keeps it whole). */
export const titleCell = (title: string, max = 100): TableCell => ({
  typed: clip(title.replace(/\s+/g, ' ').trim(), max),
});
