import {
  type Change,
  LEAD_STAGES,
  STAGE_LABEL,
  type SourceCredit,
  change,
} from '../../domain/metrics/index.js';
import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import type { KpiFigures, KpiReport } from './kpi-service.js';

const TOP_CHANNELS = 5;
const TOP_SOURCES = 6;

const count = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
const money = (minor: number, currency: string) =>
  `${currency} ${new Intl.NumberFormat('en-US', { maximumFractionDigits: minor % 100 === 0 ? 0 : 2, minimumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(minor / 100)}`;
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
const signed = (n: number, format: (v: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : `±${format(0)}`);

/** "(+4, +50 %)", "(+3)" when the previous figure was 0, "(new)" when there was none. */
function delta(c: Change, format: (v: number) => string, previousMissing: boolean): string {
  if (c.delta === null) return previousMissing ? ' (no previous figure)' : '';
  const rel = c.relative === null ? '' : `, ${signed(Math.round(c.relative * 100), (v) => `${v} %`)}`;
  return ` (${signed(c.delta, format)}${rel})`;
}

function figure(label: string, current: number | null, previous: number | null, format: (v: number) => string, empty = '—'): string {
  if (current === null) return `${label} ${empty}`;
  return `${label} ${format(current)}${delta(change(current, previous), format, previous === null)}`;
}

/** Rates change in percentage points, not percent of a percent. */
function rateFigure(label: string, current: number | null, previous: number | null): string {
  if (current === null) return `${label} —`;
  if (previous === null) return `${label} ${percent(current)}`;
  return `${label} ${percent(current)} (${signed(Math.round((current - previous) * 100), (v) => `${v} pts`)})`;
}

const days = (d: number) => `${d.toFixed(1)} d`;

function funnelLines(now: KpiFigures, before: KpiFigures): string[] {
  const entered = LEAD_STAGES.map((s) => figure(STAGE_LABEL[s], now.funnel.entered[s], before.funnel.entered[s], count)).join(' · ');
  const conversions = now.funnel.conversions
    .map((c, i) => rateFigure(`${STAGE_LABEL[c.from]}→${STAGE_LABEL[c.to]}`, c.rate, before.funnel.conversions[i]?.rate ?? null))
    .join(' · ');
  const medians = (['subscriber', 'lead', 'engaged_lead', 'mql'] as const)
    .map((s) => figure(STAGE_LABEL[s], now.funnel.medianDaysInStage[s], before.funnel.medianDaysInStage[s], days))
    .join(' · ');
  return [
    '*Lead funnel (MQL model; MQAs are counted apart)*',
    `• Entered: ${entered}`,
    `• ${rateFigure('MQL → SQL', now.funnel.mqlToSql.rate, before.funnel.mqlToSql.rate)} (${now.funnel.mqlToSql.converted} of ${now.funnel.mqlToSql.entered} MQLs)`,
    `• Stage conversion: ${conversions}`,
    `• Median days in status: ${medians}`,
  ];
}

function dealLines(now: KpiFigures, before: KpiFigures): string[] {
  const d = now.deals;
  const p = before.deals;
  const lines = [
    '*Deals*',
    `• ${figure('Pipeline created:', d.pipelineCreated, p.pipelineCreated, count)} deals · ${figure('won', d.won, p.won, count)} · ${figure('lost', d.lost, p.lost, count)} · ${rateFigure('win rate', d.winRate, p.winRate)}`,
  ];
  for (const c of d.byCurrency) {
    const prev = p.byCurrency.find((x) => x.currency === c.currency);
    const fmt = (v: number) => money(v, c.currency);
    lines.push(
      `• ${c.currency}: ${figure('pipeline', c.pipelineAmountMinor, prev?.pipelineAmountMinor ?? 0, fmt)} · ${figure('won', c.wonAmountMinor, prev?.wonAmountMinor ?? 0, fmt)} · ${figure('average deal size', c.averageDealSizeMinor, prev?.averageDealSizeMinor ?? null, fmt)}`,
    );
  }
  if (d.byCurrency.length > 1) lines.push(`_Amounts are in ${d.byCurrency.length} currencies and shown per currency, never summed._`);
  lines.push(`• ${figure('Sales cycle (won deals, mean):', d.salesCycleDays, p.salesCycleDays, days)}`);
  for (const cac of now.cacPayback) {
    const prev = before.cacPayback.find((x) => x.currency === cac.currency);
    lines.push(`• ${figure(`CAC payback (${cac.currency}):`, cac.months, prev?.months ?? null, (v) => `${v.toFixed(1)} months`)} · CAC ${money(Math.round(cac.cacMinor), cac.currency)}`);
  }
  return lines;
}

function channelLines(now: KpiFigures): string[] {
  const t = now.timeDecay;
  const header = `*Top channels by time-decay credit* (7-day half-life; ${t.attributed} of ${t.conversions} MQLs had touches)`;
  if (t.channels.length === 0) return [header, '• No touchpoints before this period\'s MQLs.'];
  return [
    header,
    ...t.channels.slice(0, TOP_CHANNELS).map((c, i) => `${i + 1}. ${escapeMrkdwn(c.channel)}: ${c.credit.toFixed(1)} (${percent(c.share)})`),
  ];
}

function sourceLines(title: string, credits: SourceCredit[]): string[] {
  if (credits.length === 0) return [`*${title}*`, '• No deals.'];
  return [
    `*${title}*`,
    ...credits.slice(0, TOP_SOURCES).map((c) => {
      const amounts = Object.entries(c.amountMinor)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, minor]) => money(Math.round(minor), currency))
        .join(' + ');
      return `• ${escapeMrkdwn(c.source)}: ${count(c.credit)} deals · ${amounts}`;
    }),
    ...(credits.length > TOP_SOURCES ? [`_…and ${credits.length - TOP_SOURCES} more sources_`] : []),
  ];
}

const hasData = (f: KpiFigures) =>
  LEAD_STAGES.some((s) => f.funnel.entered[s] > 0) || f.deals.pipelineCreated + f.deals.won + f.deals.lost > 0 || f.timeDecay.conversions > 0;

/** The KPI section as mrkdwn lines; empty when neither this period nor the previous one has any data. */
export function kpiLines(report: KpiReport): string[] {
  const { current: now, previous: before } = report;
  if (!hasData(now) && !hasData(before)) return [];
  return [
    ...funnelLines(now, before),
    ...dealLines(now, before),
    ...channelLines(now),
    ...sourceLines('OLS/CS credit: won deals (50/50, 100 % when the same)', now.olsCsWon),
    ...sourceLines('OLS/CS credit: pipeline created', now.olsCsPipeline),
  ];
}

export const KPI_EMPTY_TEXT =
  'No GTM data for this period or the one before. Import leads, touchpoints, deals and spend with `npm run data:import` or `POST /api/<kind>`.';
