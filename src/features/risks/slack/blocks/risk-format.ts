import { SEVERITY_EMOJI, SEVERITY_LABELS, categoryLabel, formatDay, isReviewOverdue, middayOf, severityOf } from '../../domain/index.js';
import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import type { StoredRisk } from '../../repository.js';

/** Cuts typed text for a one-line summary; the full text stays in the register. */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const severityBadge = (score: number) => `${SEVERITY_EMOJI[severityOf(score)]} *${score}* ${SEVERITY_LABELS[severityOf(score)]}`;

/**
 * A local day (YYYY-MM-DD in the team's zone) as Slack's date token, so it reads like every other date Loopkeeper
 * shows ("Tomorrow", "Dec 1, 2026" in the viewer's language); where tokens don't render, "Tue 1 Dec 2026".
 */
export function slackDay(day: string, timeZone: string, format = '{date_short_pretty}'): string {
  const midday = middayOf(day, timeZone);
  if (!midday) return escapeMrkdwn(day);
  return `<!date^${Math.floor(midday.getTime() / 1000)}^${format}|${formatDay(day)}>`;
}

/** "🔴 *20* Critical · Title · Pipeline generation · owner @x · review Dec 1, 2026 (overdue)" */
export function riskLine(risk: StoredRisk, today: string, timeZone: string, options: { titleMax?: number } = {}): string {
  const overdue = isReviewOverdue(risk.reviewDate, today) ? ' *(review overdue)*' : '';
  return (
    `${severityBadge(risk.score)} · *${escapeMrkdwn(clip(risk.title, options.titleMax ?? 150))}*` +
    ` · ${categoryLabel(risk.category)} · owner <@${risk.ownerId}> · review ${slackDay(risk.reviewDate, timeZone)}${overdue}`
  );
}
