import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import { count, noun } from '../../domain/text/plural.js';
import { arrowChange, TABLE_MAX_ROWS, type TableCell, type TableModel } from '../../slack/table.js';
import type { DigestSectionProvider, DigestTable } from '../digest-section.js';
import {
  byScoreDescending,
  formatDay,
  isReviewOverdue,
  localDateTime,
  type ScorePoint,
  SEVERITY_LABELS,
  type StoredRisk,
  scoreAt,
  scoreRiseSince,
  severityOf,
} from './domain/index.js';
import type { RisksRepository } from './repository.js';
import { reviewDayCell, titleCell } from './slack/blocks/risk-format.js';

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

/** "▲ +14 (6 → 20)", "▼ −8 (16 → 8)", "–" when it did not change, "new" when the risk is younger than the period. */
export function scoreChangeText(before: number | undefined, now: number): string {
  if (before === undefined) return 'new';
  if (before === now) return '–';
  return `${arrowChange(now - before, String(Math.abs(now - before)))} (${before} → ${now})`;
}

/**
 * The risks worth discussing as one table: the top ones by score, and every one whose score rose or whose review is
 * overdue, highest score first. Titles are shown as typed: Slack reads no mrkdwn in a table's text runs.
 */
export function riskDigestTable(input: {
  risks: StoredRisk[];
  open: number;
  top: number;
  points: (risk: StoredRisk) => ScorePoint[];
  from: Date;
  today: string;
  timeZone: string;
}): DigestTable {
  const { risks, open, top, today } = input;
  const fit = risks.slice(0, TABLE_MAX_ROWS - 1);
  const rows: TableCell[][] = fit.map((r) => {
    return [
      titleCell(r.title),
      String(r.score),
      SEVERITY_LABELS[severityOf(r.score)],
      scoreChangeText(scoreAt(input.points(r), input.from), r.score),
      reviewDayCell(r.reviewDate, today, input.timeZone),
      { userId: r.ownerId },
    ];
  });
  const model: TableModel = {
    columns: [
      { header: 'Risk', wrap: true },
      { header: 'Score', align: 'right' },
      { header: 'Severity' },
      { header: 'Since last review', align: 'right' },
      { header: 'Review' },
      { header: 'Owner' },
    ],
    rows,
  };
  const topText = top === 1 ? 'the top risk by score' : `the top ${top} by score`;
  const rest = risks.length - fit.length;
  const lead =
    risks.length === open
      ? `*${open === 1 ? 'The only open risk' : `All ${open} open risks`}*${open === 1 ? '' : ', highest score first'}`
      : `*${risks.length} of ${count(open, 'open risk')}*: ${topText}, and any whose score rose since the last review or whose review date has passed, highest score first`;
  return {
    before: [lead],
    model,
    after: rest > 0 ? [`…and ${count(rest, 'more risk')}; \`/loop risk list\` shows them all.`] : [],
  };
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

      const points = (risk: StoredRisk) => (events.get(risk.id) ?? []).map((e) => ({ at: e.at, score: e.score }));
      const listed = open.filter(
        (r, i) => i < TOP || scoreRiseSince(points(r), period.from, period.to) || isReviewOverdue(r.reviewDate, today),
      );
      return {
        key: 'risks',
        title: 'Risks',
        lines,
        emptyText: 'No open risks in the register. Add one with `/loop risk add`.',
        ...(open.length > 0
          ? {
              table: riskDigestTable({
                risks: listed,
                open: open.length,
                top: Math.min(TOP, open.length),
                points,
                from: period.from,
                today,
                timeZone: period.timeZone,
              }),
            }
          : {}),
      };
    },
  };
}
