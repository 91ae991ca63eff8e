import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import type { SlackMessage } from '../../../slack/blocks.js';
import { COMMAND } from '../../../slack/ids.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import {
  KPI_EMPTY_TEXT,
  KPI_NO_DEALS_TEXT,
  KPI_SOURCE_TABLE_NOTE,
  kpiLines,
  kpiLinesBesideTable,
  kpiSourceLines,
  kpiSourceTable,
  kpiTable,
  sourcesCommandFor,
} from '../kpi-lines.js';
import { DEFAULT_KPI_WEEKS, MAX_KPI_WEEKS } from '../service.js';
import { kpiMessage, kpiProblemMessage } from './blocks/kpi-message.js';
import type { KpiListenerDeps } from './deps.js';

export { DEFAULT_KPI_WEEKS };

/**
 * The weeks typed after `/loop kpis` (or `/loop kpis sources`), or what is wrong with them, said once: a typing
 * problem (not a number, not whole, two numbers) reads differently from a number outside 1 to 52.
 */
export function parseWeeks(
  args: string[],
  command: string,
): { ok: true; weeks: number } | { ok: false; problem: string } {
  if (args.length === 0) return { ok: true, weeks: DEFAULT_KPI_WEEKS };
  const typed = `\`${escapeMrkdwn(args.join(' '))}\``;
  const example = `\`${command} 6\``;
  if (args.length > 1)
    return { ok: false, problem: `${typed} is more than one number of weeks; give one, like ${example}.` };
  const text = args[0]!;
  if (/^[-+]?\d+$/.test(text)) {
    const weeks = Number(text);
    if (weeks < 1) return { ok: false, problem: `KPIs cover 1 to ${MAX_KPI_WEEKS} weeks; ${typed} is less than that.` };
    if (weeks > MAX_KPI_WEEKS)
      return { ok: false, problem: `KPIs cover 1 to ${MAX_KPI_WEEKS} weeks; ${typed} is more than that.` };
    return { ok: true, weeks };
  }
  if (/^[-+]?(\d+[.,]\d*|[.,]\d+)$/.test(text))
    return { ok: false, problem: `${typed} is not a whole number of weeks; KPIs count whole weeks, like ${example}.` };
  return {
    ok: false,
    problem: `${typed} is not a number of weeks; type one, like ${example}, or nothing for the last ${DEFAULT_KPI_WEEKS}.`,
  };
}

/**
 * `/loop kpis [weeks]`: the KPI section for the last `weeks` whole weeks of days in the team's time zone, ephemerally;
 * `/loop kpis sources [weeks]` lists every source's OLS/CS credit for the same days. Runs after ack().
 */
export async function runKpisCommand(
  deps: KpiListenerDeps,
  request: ModalRequest,
  args: string[],
): Promise<SlackMessage> {
  const sources = args[0]?.toLowerCase() === 'sources';
  const command = `${COMMAND} kpis${sources ? ' sources' : ''}`;
  const parsed = parseWeeks(sources ? args.slice(1) : args, command);
  if (!parsed.ok) return kpiProblemMessage(parsed.problem);
  const { timeZone } = await deps.settings.getSettings(request.teamId);
  const report = await deps.kpis.lastWeeks(request.teamId, parsed.weeks, timeZone);
  if (sources) {
    // One table holds both lists; past 99 sources it does not fit, and the text lists (up to 200 each) are shown.
    const sourceTable = kpiSourceTable(report);
    return kpiMessage({
      title: 'OLS/CS credit by source',
      weeks: parsed.weeks,
      report,
      lines: kpiSourceLines(report),
      emptyText: KPI_NO_DEALS_TEXT,
      ...(sourceTable ? { table: { model: sourceTable, after: [KPI_SOURCE_TABLE_NOTE] } } : {}),
    });
  }
  const allSources = sourcesCommandFor(report.days);
  const model = kpiTable(report);
  return kpiMessage({
    title: 'GTM KPIs',
    weeks: parsed.weeks,
    report,
    lines: kpiLines(report, allSources),
    emptyText: KPI_EMPTY_TEXT,
    ...(model ? { table: { model, after: kpiLinesBesideTable(report, allSources) } } : {}),
  });
}
