/** The handful of GTM KPIs the canvas shows, each with its change against the same number of days before. */

import { count } from '../../../domain/text/plural.js';
import { formatDay } from '../../../domain/time/local-day.js';
import type { KpiReport } from '../../kpis/service.js';
import type { KpiFigureLine, KpiFigures } from './sections.js';

const num = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;
const money = (minor: number, currency: string) =>
  `${currency} ${new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(Math.round(minor / 100))}`;
const signed = (n: number, unit = '') => (n > 0 ? `+${num(n)}${unit}` : n < 0 ? `−${num(-n)}${unit}` : `±0${unit}`);

/** "(+4, +50 %)", "(+3)" from 0, "" without a previous figure. */
function changeOf(current: number, previous: number | null): string {
  if (previous === null) return '';
  const delta = current - previous;
  const rel = previous === 0 ? '' : `, ${signed(Math.round((delta / Math.abs(previous)) * 100), ' %')}`;
  return `(${signed(delta)}${rel})`;
}

/** Rates change in percentage points. */
function rateChange(current: number, previous: number | null): string {
  if (previous === null) return '';
  const pts = Math.round((current - previous) * 100);
  return `(${signed(pts)} ${Math.abs(pts) === 1 ? 'pt' : 'pts'})`;
}

function lastDay(first: string, days: number): string {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days - 1)).toISOString().slice(0, 10);
}

/** No lines when the period has no GTM data at all: the section says so instead of showing a row of zeros. */
export function kpiFigures(report: KpiReport): KpiFigures {
  const now = report.current;
  const before = report.previous;
  const { firstDay, days } = report.days;
  const period =
    days === 1
      ? `${formatDay(firstDay)}, against the day before`
      : `${formatDay(firstDay)} – ${formatDay(lastDay(firstDay, days))}, against the ${count(days, 'day')} before`;
  const any =
    Object.values(now.funnel.entered).some((n) => n > 0) ||
    now.deals.pipelineCreated + now.deals.won + now.deals.lost > 0;
  if (!any) return { period, lines: [] };
  const lines: KpiFigureLine[] = [
    {
      label: 'MQLs',
      value: num(now.funnel.entered.mql),
      change: changeOf(now.funnel.entered.mql, before.funnel.entered.mql),
    },
    {
      label: 'SQLs',
      value: num(now.funnel.entered.sql),
      change: changeOf(now.funnel.entered.sql, before.funnel.entered.sql),
    },
  ];
  if (now.funnel.mqlToSql.rate !== null) {
    lines.push({
      label: 'MQL → SQL',
      value: percent(now.funnel.mqlToSql.rate),
      change: rateChange(now.funnel.mqlToSql.rate, before.funnel.mqlToSql.rate),
    });
  }
  lines.push(
    {
      label: 'Pipeline created',
      value: count(now.deals.pipelineCreated, 'deal'),
      change: changeOf(now.deals.pipelineCreated, before.deals.pipelineCreated),
    },
    { label: 'Won', value: num(now.deals.won), change: changeOf(now.deals.won, before.deals.won) },
    { label: 'Lost', value: num(now.deals.lost), change: changeOf(now.deals.lost, before.deals.lost) },
  );
  if (now.deals.winRate !== null) {
    lines.push({
      label: 'Win rate',
      value: percent(now.deals.winRate),
      change: rateChange(now.deals.winRate, before.deals.winRate),
    });
  }
  for (const c of now.deals.byCurrency) {
    const prev = before.deals.byCurrency.find((p) => p.currency === c.currency);
    if (c.wonAmountMinor > 0 || (prev?.wonAmountMinor ?? 0) > 0) {
      lines.push({
        label: `Won amount (${c.currency})`,
        value: money(c.wonAmountMinor, c.currency),
        change: changeOf(Math.round(c.wonAmountMinor / 100), Math.round((prev?.wonAmountMinor ?? 0) / 100)),
      });
    }
  }
  return { period, lines };
}
