import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import { count, noun } from '../../domain/text/plural.js';
import { arrowChange, type TableModel } from '../../slack/table.js';
import {
  type Change,
  change,
  formatLocalDays,
  LEAD_STAGES,
  type LocalDays,
  type SourceCredit,
  STAGE_LABEL,
} from './domain/index.js';
import { DEFAULT_KPI_WEEKS, type KpiFigures, type KpiReport, MAX_KPI_WEEKS } from './service.js';

const TOP_CHANNELS = 5;
const TOP_SOURCES = 6;
/** The full source list stops here: far more than a CRM has, and still inside one Slack message. */
export const MAX_SOURCES_LISTED = 200;

const num = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
const money = (minor: number, currency: string) =>
  `${currency} ${new Intl.NumberFormat('en-US', { maximumFractionDigits: minor % 100 === 0 ? 0 : 2, minimumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(minor / 100)}`;
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
const signed = (n: number, format: (v: number) => string) =>
  n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : `±${format(0)}`;

/** "(+4, +50 %)", "(+3)" when the previous figure was 0, "(new)" when there was none. */
function delta(c: Change, format: (v: number) => string, previousMissing: boolean): string {
  if (c.delta === null) return previousMissing ? ' (no previous figure)' : '';
  const rel = c.relative === null ? '' : `, ${signed(Math.round(c.relative * 100), (v) => `${v} %`)}`;
  return ` (${signed(c.delta, format)}${rel})`;
}

/** "won 3 (+1, +50 %)"; with a `unit`, "Pipeline created: 1 deal (+1)": the noun follows the figure, not the change. */
function figure(
  label: string,
  current: number | null,
  previous: number | null,
  format: (v: number) => string,
  unit?: string,
): string {
  if (current === null) return `${label} —`;
  return `${label} ${format(current)}${unit ? ` ${noun(current, unit)}` : ''}${delta(change(current, previous), format, previous === null)}`;
}

/** Rates change in percentage points, not percent of a percent. */
function rateFigure(label: string, current: number | null, previous: number | null): string {
  if (current === null) return `${label} —`;
  if (previous === null) return `${label} ${percent(current)}`;
  return `${label} ${percent(current)} (${signed(Math.round((current - previous) * 100), (v) => `${v} ${noun(v, 'pt', 'pts')}`)})`;
}

const days = (d: number) => `${d.toFixed(1)} d`;

function funnelLines(now: KpiFigures, before: KpiFigures): string[] {
  const entered = LEAD_STAGES.map((s) =>
    figure(STAGE_LABEL[s], now.funnel.entered[s], before.funnel.entered[s], num),
  ).join(' · ');
  const conversions = now.funnel.conversions
    .map((c, i) =>
      rateFigure(`${STAGE_LABEL[c.from]}→${STAGE_LABEL[c.to]}`, c.rate, before.funnel.conversions[i]?.rate ?? null),
    )
    .join(' · ');
  const medians = (['subscriber', 'lead', 'engaged_lead', 'mql'] as const)
    .map((s) => figure(STAGE_LABEL[s], now.funnel.medianDaysInStage[s], before.funnel.medianDaysInStage[s], days))
    .join(' · ');
  return [
    '*Lead funnel (MQL model; MQAs are counted apart)*',
    `• Entered: ${entered}`,
    `• ${rateFigure('MQL → SQL', now.funnel.mqlToSql.rate, before.funnel.mqlToSql.rate)} (${now.funnel.mqlToSql.converted} of ${count(now.funnel.mqlToSql.entered, 'MQL')})`,
    `• Stage conversion: ${conversions}`,
    `• Median days in status: ${medians}`,
  ];
}

function dealLines(now: KpiFigures, before: KpiFigures): string[] {
  const d = now.deals;
  const p = before.deals;
  const lines = [
    '*Deals*',
    `• ${figure('Pipeline created:', d.pipelineCreated, p.pipelineCreated, num, 'deal')} · ${figure('won', d.won, p.won, num)} · ${figure('lost', d.lost, p.lost, num)} · ${rateFigure('win rate', d.winRate, p.winRate)}`,
  ];
  for (const c of d.byCurrency) {
    const prev = p.byCurrency.find((x) => x.currency === c.currency);
    const fmt = (v: number) => money(v, c.currency);
    lines.push(
      `• ${c.currency}: ${figure('pipeline', c.pipelineAmountMinor, prev?.pipelineAmountMinor ?? 0, fmt)} · ${figure('won', c.wonAmountMinor, prev?.wonAmountMinor ?? 0, fmt)} · ${figure('average deal size', c.averageDealSizeMinor, prev?.averageDealSizeMinor ?? null, fmt)}`,
    );
  }
  if (d.byCurrency.length > 1)
    lines.push(`_Amounts are in ${d.byCurrency.length} currencies and shown per currency, never summed._`);
  lines.push(`• ${figure('Sales cycle (won deals, mean):', d.salesCycleDays, p.salesCycleDays, days)}`);
  for (const cac of now.cacPayback) {
    const prev = before.cacPayback.find((x) => x.currency === cac.currency);
    lines.push(
      `• ${figure(`CAC payback (${cac.currency}):`, cac.months, prev?.months ?? null, (v) => `${v.toFixed(1)} months`)} · CAC ${money(Math.round(cac.cacMinor), cac.currency)}`,
    );
  }
  return lines;
}

function channelLines(now: KpiFigures): string[] {
  const t = now.timeDecay;
  const header = `*Top channels by time-decay credit* (7-day half-life; ${t.attributed} of ${count(t.conversions, 'MQL')} had touches)`;
  if (t.channels.length === 0) return [header, "• No touchpoints before this period's MQLs."];
  return [
    header,
    ...t.channels
      .slice(0, TOP_CHANNELS)
      .map((c, i) => `${i + 1}. ${escapeMrkdwn(c.channel)}: ${c.credit.toFixed(1)} (${percent(c.share)})`),
  ];
}

const amountsText = (amountMinor: Record<string, number>) =>
  Object.entries(amountMinor)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => money(Math.round(minor), currency))
    .join(' + ');

function sourceLine(c: SourceCredit): string {
  const amounts = amountsText(c.amountMinor);
  return `• ${escapeMrkdwn(c.source)}: ${num(c.credit)} ${noun(c.credit, 'deal')} · ${amounts}`;
}

/** The first `limit` sources, then how many more, followed by `more`: where to see them, or why they are left out. */
function sourceLines(title: string, credits: SourceCredit[], limit: number, more: string): string[] {
  if (credits.length === 0) return [`*${title}*`, '• No deals.'];
  const rest = credits.length - limit;
  return [
    `*${title}*`,
    ...credits.slice(0, limit).map(sourceLine),
    ...(rest > 0 ? [`_…and ${count(rest, 'more source')}${more}_`] : []),
  ];
}

const WON_TITLE = 'OLS/CS credit: won deals (50/50, 100 % when the same)';
const PIPELINE_TITLE = 'OLS/CS credit: pipeline created';

const hasData = (f: KpiFigures) =>
  LEAD_STAGES.some((s) => f.funnel.entered[s] > 0) ||
  f.deals.pipelineCreated + f.deals.won + f.deals.lost > 0 ||
  f.timeDecay.conversions > 0;

/**
 * The KPI section as mrkdwn lines; empty when neither this period nor the previous one has any data. The OLS/CS
 * lists show the top sources and name `allSourcesCommand`, which lists every one.
 */
export function kpiLines(report: KpiReport, allSourcesCommand: string): string[] {
  const { current: now, previous: before } = report;
  if (!hasData(now) && !hasData(before)) return [];
  const more = `: \`${allSourcesCommand}\` lists them all`;
  return [
    ...funnelLines(now, before),
    ...dealLines(now, before),
    ...channelLines(now),
    ...sourceLines(WON_TITLE, now.olsCsWon, TOP_SOURCES, more),
    ...sourceLines(PIPELINE_TITLE, now.olsCsPipeline, TOP_SOURCES, more),
  ];
}

/** The lines that go with the KPI table: what it does not hold (channels, OLS/CS sources); same rules as `kpiLines`. */
export function kpiLinesBesideTable(report: KpiReport, allSourcesCommand: string): string[] {
  const { current: now, previous: before } = report;
  if (!hasData(now) && !hasData(before)) return [];
  const more = `: \`${allSourcesCommand}\` lists them all`;
  return [
    ...channelLines(now),
    ...sourceLines(WON_TITLE, now.olsCsWon, TOP_SOURCES, more),
    ...sourceLines(PIPELINE_TITLE, now.olsCsPipeline, TOP_SOURCES, more),
  ];
}

type Row = [string, string, string, string];

/** A figure against the one before: the change as an arrow and signed figure, with the percent when there is one. */
function row(label: string, current: number | null, previous: number | null, format: (v: number) => string): Row {
  const c = change(current, previous);
  const shown = (v: number | null) => (v === null ? '–' : format(v));
  if (c.delta === null || format(Math.abs(c.delta)) === format(0)) return [label, shown(current), shown(previous), '–'];
  const rel = c.relative === null ? '' : ` (${signed(Math.round(c.relative * 100), (v) => `${v} %`)})`;
  return [label, shown(current), shown(previous), `${arrowChange(c.delta, format(Math.abs(c.delta)))}${rel}`];
}

/** Rates change in percentage points, not percent of a percent. */
function rateRow(label: string, current: number | null, previous: number | null): Row {
  const shown = (v: number | null) => (v === null ? '–' : percent(v));
  if (current === null || previous === null) return [label, shown(current), shown(previous), '–'];
  const points = Math.round((current - previous) * 100);
  return [
    label,
    shown(current),
    shown(previous),
    arrowChange(points, `${Math.abs(points)} ${noun(Math.abs(points), 'pt', 'pts')}`),
  ];
}

const PLURAL_STAGE: Record<string, string> = {
  subscriber: 'Subscribers',
  lead: 'Leads',
  engaged_lead: 'Engaged Leads',
  mql: 'MQLs',
  sql: 'SQLs',
};

/**
 * The funnel and deal figures as a table: one row a figure, this period against the one before and the change, with
 * numbers formatted as in the text lines; undefined when neither period has any data.
 */
export function kpiTable(report: KpiReport): TableModel | undefined {
  const { current: now, previous: before } = report;
  if (!hasData(now) && !hasData(before)) return undefined;
  const f = now.funnel;
  const b = before.funnel;
  const rows: Row[] = [
    ...LEAD_STAGES.map((s) => row(`${PLURAL_STAGE[s]} entered`, f.entered[s], b.entered[s], num)),
    rateRow(
      `MQL → SQL (${f.mqlToSql.converted} of ${count(f.mqlToSql.entered, 'MQL')})`,
      f.mqlToSql.rate,
      b.mqlToSql.rate,
    ),
    ...f.conversions.map((c, i) =>
      rateRow(`${STAGE_LABEL[c.from]} → ${STAGE_LABEL[c.to]}`, c.rate, b.conversions[i]?.rate ?? null),
    ),
    ...(['subscriber', 'lead', 'engaged_lead', 'mql'] as const).map((s) =>
      row(`Median days as ${STAGE_LABEL[s]}`, f.medianDaysInStage[s], b.medianDaysInStage[s], days),
    ),
  ];
  const d = now.deals;
  const p = before.deals;
  rows.push(
    row('Pipeline created (deals)', d.pipelineCreated, p.pipelineCreated, num),
    row('Deals won', d.won, p.won, num),
    row('Deals lost', d.lost, p.lost, num),
    rateRow('Win rate', d.winRate, p.winRate),
  );
  for (const c of d.byCurrency) {
    const prev = p.byCurrency.find((x) => x.currency === c.currency);
    const fmt = (v: number) => money(v, c.currency);
    rows.push(
      row(`Pipeline (${c.currency})`, c.pipelineAmountMinor, prev?.pipelineAmountMinor ?? 0, fmt),
      row(`Won (${c.currency})`, c.wonAmountMinor, prev?.wonAmountMinor ?? 0, fmt),
      row(`Average deal size (${c.currency})`, c.averageDealSizeMinor, prev?.averageDealSizeMinor ?? null, fmt),
    );
  }
  rows.push(row('Sales cycle (won deals, mean)', d.salesCycleDays, p.salesCycleDays, days));
  for (const cac of now.cacPayback) {
    const prev = before.cacPayback.find((x) => x.currency === cac.currency);
    const fmt = (v: number) => money(Math.round(v), cac.currency);
    rows.push(
      row(`CAC payback (${cac.currency})`, cac.months, prev?.months ?? null, (v) => `${v.toFixed(1)} months`),
      row(`CAC (${cac.currency})`, cac.cacMinor, prev?.cacMinor ?? null, fmt),
    );
  }
  return {
    columns: [
      { header: 'KPI', wrap: true },
      { header: 'This period', align: 'right' },
      { header: 'Before', align: 'right' },
      { header: 'Change', align: 'right' },
    ],
    rows,
  };
}

/**
 * Every source's OLS/CS credit as one table, won deals beside pipeline created, most won credit first (then most
 * pipeline credit); undefined when the period has no deals either way. Source names are typed CRM text.
 */
export function kpiSourceTable(report: KpiReport): TableModel | undefined {
  const { olsCsWon, olsCsPipeline } = report.current;
  if (olsCsWon.length === 0 && olsCsPipeline.length === 0) return undefined;
  const won = new Map(olsCsWon.map((c) => [c.source, c]));
  const pipeline = new Map(olsCsPipeline.map((c) => [c.source, c]));
  const sources = [...new Set([...won.keys(), ...pipeline.keys()])].sort(
    (a, b) =>
      (won.get(b)?.credit ?? 0) - (won.get(a)?.credit ?? 0) ||
      (pipeline.get(b)?.credit ?? 0) - (pipeline.get(a)?.credit ?? 0) ||
      a.localeCompare(b),
  );
  const credit = (c: SourceCredit | undefined) => (c ? num(c.credit) : '–');
  const amounts = (c: SourceCredit | undefined) => (c ? amountsText(c.amountMinor) : '–');
  return {
    columns: [
      { header: 'Source', wrap: true },
      { header: 'Won deals', align: 'right' },
      { header: 'Won amount', align: 'right' },
      { header: 'Pipeline deals', align: 'right' },
      { header: 'Pipeline amount', align: 'right' },
    ],
    rows: sources.map((source) => [
      { typed: source },
      credit(won.get(source)),
      amounts(won.get(source)),
      credit(pipeline.get(source)),
      amounts(pipeline.get(source)),
    ]),
  };
}

/** Said under the source table: how the credit is split. */
export const KPI_SOURCE_TABLE_NOTE =
  '_Each deal: 50 % to its original lead source, 50 % to its converting source, 100 % when they are the same._';

/** Every source's OLS/CS credit, won deals and pipeline created; empty when the period has no deals either way. */
export function kpiSourceLines(report: KpiReport): string[] {
  const { olsCsWon, olsCsPipeline } = report.current;
  if (olsCsWon.length === 0 && olsCsPipeline.length === 0) return [];
  const tooMany = ' with less credit (too many for one Slack message)';
  return [
    ...sourceLines(WON_TITLE, olsCsWon, MAX_SOURCES_LISTED, tooMany),
    ...sourceLines(PIPELINE_TITLE, olsCsPipeline, MAX_SOURCES_LISTED, tooMany),
  ];
}

/** Which days the figures cover and what they are compared with, e.g. for a digest that covers "since the last review". */
export function kpiPeriodText(report: KpiReport): string {
  return `${formatLocalDays(report.days)} (whole days, ${report.days.timeZone}), each figure against the ${count(report.days.days, 'day')} before (${formatLocalDays(report.previousDays)})`;
}

/** The command that lists every source for these days: exact when they are whole weeks `/loop kpis` can ask for. */
export function sourcesCommandFor(days: LocalDays): string {
  const weeks = days.days / 7;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_KPI_WEEKS) return '/loop kpis sources [weeks]';
  return weeks === DEFAULT_KPI_WEEKS ? '/loop kpis sources' : `/loop kpis sources ${weeks}`;
}

export const KPI_NO_DEALS_TEXT = 'No deals were won or created in this period, so no source has OLS/CS credit.';

export const KPI_EMPTY_TEXT =
  'No GTM data for this period or the one before. Import leads, touchpoints, deals and spend with `npm run data:import` or `POST /api/<kind>`.';
