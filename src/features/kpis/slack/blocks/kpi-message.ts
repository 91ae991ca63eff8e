import { count } from '../../../../domain/text/plural.js';
import { context, header, type KnownBlock, type SlackMessage, section } from '../../../../slack/blocks.js';
import { fitsTable, type TableModel, tableBlock } from '../../../../slack/table.js';
import { kpiPeriodText } from '../../kpi-lines.js';
import type { KpiReport } from '../../service.js';

// Slack caps a section's text at 3000 characters; lines are grouped under that.
const SECTION_MAX = 2900;
const MAX_BLOCKS = 45;

/** Groups mrkdwn lines into section blocks, starting a new one at each bold heading line. */
export function linesToSections(lines: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const line of lines) {
    const heading = line.startsWith('*');
    if (current && (heading || current.length + line.length + 1 > SECTION_MAX)) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line.slice(0, SECTION_MAX)}` : line.slice(0, SECTION_MAX);
  }
  if (current) blocks.push(section(current));
  if (blocks.length <= MAX_BLOCKS) return blocks;
  // Never cut silently: say that the rest did not fit.
  return [
    ...blocks.slice(0, MAX_BLOCKS - 1),
    context(`_…and ${count(blocks.length - MAX_BLOCKS + 1, 'more section')} that did not fit in one Slack message._`),
  ];
}

/**
 * `/loop kpis [weeks]` and `/loop kpis sources [weeks]`, shown only to the requester: the days covered (whole days in
 * the team's zone, today left out because it isn't over), then the lines. With a `table` that fits, the table comes
 * first and `table.after` replaces `lines` (which hold the same figures as text, for when it does not fit).
 */
export function kpiMessage(input: {
  title: string;
  weeks: number;
  report: KpiReport;
  lines: string[];
  emptyText: string;
  table?: { model: TableModel; after: string[] };
}): SlackMessage {
  const span = count(input.weeks, 'week');
  const table = input.table && fitsTable(input.table.model) ? input.table : undefined;
  const body = table
    ? [tableBlock(table.model), ...linesToSections(table.after)]
    : input.lines.length > 0
      ? linesToSections(input.lines)
      : [section(input.emptyText)];
  return {
    // Notifications and clients without tables read `text`: it carries the figures as lines.
    text: [`${input.title} for the last ${span}`, ...input.lines].join('\n'),
    blocks: [
      header(`${input.title}: last ${span}`),
      context(`${kpiPeriodText(input.report)}; today counts once it is over`),
      ...body,
    ],
  };
}

/** What was wrong with the typed weeks, said once. */
export const kpiProblemMessage = (problem: string): SlackMessage => ({ text: problem, blocks: [section(problem)] });
