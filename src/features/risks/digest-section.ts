import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import { count, noun } from '../../domain/text/plural.js';
import type { DigestSectionProvider } from '../digest-section.js';
import {
  byScoreDescending,
  formatDay,
  isReviewOverdue,
  localDateTime,
  SEVERITY_LABELS,
  type StoredRisk,
  scoreRiseSince,
  severityOf,
} from './domain/index.js';
import type { RisksRepository } from './repository.js';

const TOP = 5;
const MAX_LISTED = 10;

const riskLine = (risk: StoredRisk) =>
  `*${risk.score}* ${SEVERITY_LABELS[severityOf(risk.score)]} · ${escapeMrkdwn(risk.title)} · owner <@${risk.ownerId}>`;

/** `what(n)` says what the n risks left out did, e.g. "1 more risk is overdue". */
function capped(lines: string[], what: (n: number) => string): string[] {
  if (lines.length <= MAX_LISTED) return lines;
  return [
    ...lines.slice(0, MAX_LISTED),
    `…and ${what(lines.length - MAX_LISTED)}; \`/loop risk list\` shows them all.`,
  ];
}

/**
 * The GTM review digest's risk section: the five highest open risks, the risks whose score rose since the period
 * started, and the risks past their review date (as of the period's end, in the team's time zone).
 */
export function createRiskDigestSectionProvider(deps: { risks: RisksRepository }): DigestSectionProvider {
  return {
    key: 'risks',
    async build(period) {
      const open = (await deps.risks.listAllOpen(period.teamId)).sort(byScoreDescending);
      const events = await deps.risks.eventsOf(
        period.teamId,
        open.map((r) => r.id),
      );
      const today = localDateTime(period.to, period.timeZone).date;
      const lines: string[] = [];

      if (open.length > 0) {
        const top = Math.min(TOP, open.length);
        lines.push(`*Top ${top === 1 ? 'open risk' : `${top} open risks`} by score* (of ${open.length} open)`);
        lines.push(...open.slice(0, TOP).map((r) => `• ${riskLine(r)}`));
      }
      const rose = open.flatMap((risk) => {
        const points = (events.get(risk.id) ?? []).map((e) => ({ at: e.at, score: e.score }));
        const rise = scoreRiseSince(points, period.from, period.to);
        return rise
          ? [
              `• ${escapeMrkdwn(risk.title)}: ${rise.from} → ${rise.to} (${SEVERITY_LABELS[severityOf(rise.to)]}) · owner <@${risk.ownerId}>`,
            ]
          : [];
      });
      if (rose.length > 0)
        lines.push('*Score rose since the last review*', ...capped(rose, (n) => `${count(n, 'more risk')} rose`));
      const overdue = open
        .filter((r) => isReviewOverdue(r.reviewDate, today))
        .map((r) => `• ${escapeMrkdwn(r.title)}: review was due ${formatDay(r.reviewDate)} · owner <@${r.ownerId}>`);
      if (overdue.length > 0)
        lines.push(
          '*Past their review date*',
          ...capped(overdue, (n) => `${count(n, 'more risk')} ${noun(n, 'is', 'are')} overdue`),
        );

      return {
        key: 'risks',
        title: 'Risks',
        lines,
        emptyText: 'No open risks in the register. Add one with `/loop risk add`.',
      };
    },
  };
}
