import { describe, expect, it } from 'vitest';
import {
  dealMetrics,
  funnelMetrics,
  olsCsAttribution,
  timeDecayAttribution,
} from '../../src/features/kpis/domain/index.js';
import { kpiLines, kpiLinesBesideTable, kpiSourceTable, kpiTable } from '../../src/features/kpis/kpi-lines.js';
import type { KpiFigures } from '../../src/features/kpis/service.js';
import { kpiMessage, linesToSections } from '../../src/features/kpis/slack/blocks/kpi-message.js';
import { fitsTable } from '../../src/slack/table.js';

const PERIOD = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-22T00:00:00Z') };
const DAYS = { firstDay: '2026-11-01', days: 21, timeZone: 'UTC' };
const PREVIOUS_DAYS = { firstDay: '2026-10-11', days: 21, timeZone: 'UTC' };

function figures(channel: string, source: string): KpiFigures {
  const at = new Date('2026-11-10T00:00:00Z');
  return {
    period: PERIOD,
    funnel: funnelMetrics([{ id: 'L', account: 'a', source: null, stages: { mql: at } }], PERIOD),
    deals: dealMetrics(
      [
        {
          id: 'E',
          account: 'a',
          amountMinor: 100,
          currency: 'EUR',
          createdAt: at,
          closedAt: null,
          outcome: 'open',
          ols: source,
          olsAt: null,
          cs: null,
          csAt: null,
        },
        {
          id: 'U',
          account: 'b',
          amountMinor: 300,
          currency: 'USD',
          createdAt: at,
          closedAt: null,
          outcome: 'open',
          ols: source,
          olsAt: null,
          cs: null,
          csAt: null,
        },
      ],
      PERIOD,
    ),
    timeDecay: timeDecayAttribution([{ id: 'L', at, touches: [{ channel, at }] }]),
    olsCsWon: [],
    olsCsPipeline: olsCsAttribution([{ ols: source, cs: null, amountMinor: 100, currency: 'EUR' }]),
    spendMinor: {},
    cacPayback: [],
  };
}

describe('the KPI section as people read it', () => {
  it('escapes imported channel and source names and says when currencies are kept apart', () => {
    const lines = kpiLines(
      { days: DAYS, previousDays: PREVIOUS_DAYS, current: figures('<!channel>', 'a & b'), previous: figures('x', 'y') },
      '/loop kpis sources',
    );
    expect(lines).toContain('1. &lt;!channel&gt;: 1.0 (100 %)');
    expect(lines).toContain('• a &amp; b: 1 deal · EUR 1');
    expect(lines).toContain('_Amounts are in 2 currencies and shown per currency, never summed._');
    expect(lines.filter((l) => l.startsWith('• EUR:') || l.startsWith('• USD:'))).toHaveLength(2);
  });

  it('counts in words that fit the number: 1 deal, 1 MQL, 1 pt, 1 more source', () => {
    const at = new Date('2026-11-10T00:00:00Z');
    const won = (id: string, source: string) => ({
      id,
      account: id,
      amountMinor: 100,
      currency: 'EUR',
      createdAt: at,
      closedAt: at,
      outcome: 'won' as const,
      ols: source,
      olsAt: null,
      cs: null,
      csAt: null,
    });
    const lost = (id: string) => ({ ...won(id, 'x'), outcome: 'lost' as const });
    const current = { ...figures('web', 'seo'), deals: dealMetrics([won('A', 's')], PERIOD) };
    current.olsCsPipeline = olsCsAttribution(
      ['s1', 's2', 's3', 's4', 's5', 's6', 's7'].map((source) => ({
        ols: source,
        cs: null,
        amountMinor: 100,
        currency: 'EUR',
      })),
    );
    // 99 won and 1 lost before: a win rate of 99 %, now 100 %.
    const previous = {
      ...figures('web', 'seo'),
      deals: dealMetrics([...Array.from({ length: 99 }, (_, i) => won(`P${i}`, 's')), lost('L')], PERIOD),
    };
    const lines = kpiLines({ days: DAYS, previousDays: PREVIOUS_DAYS, current, previous }, '/loop kpis sources');
    expect(lines).toContain(
      '• Pipeline created: 1 deal (−99, −99 %) · won 1 (−98, −99 %) · lost 0 (−1, −100 %) · win rate 100 % (+1 pt)',
    );
    expect(lines).toContain('• MQL → SQL 0 % (±0 pts) (0 of 1 MQL)');
    expect(lines).toContain('*Top channels by time-decay credit* (7-day half-life; 1 of 1 MQL had touches)');
    expect(lines).toContain('_…and 1 more source: `/loop kpis sources` lists them all_');

    // The table holds the same figures: this period, the one before, the change with an arrow.
    const rows = kpiTable({ days: DAYS, previousDays: PREVIOUS_DAYS, current, previous })!.rows;
    expect(rows).toContainEqual(['Pipeline created (deals)', '1', '100', '▼ −99 (−99 %)']);
    expect(rows).toContainEqual(['Deals lost', '0', '1', '▼ −1 (−100 %)']);
    expect(rows).toContainEqual(['Win rate', '100 %', '99 %', '▲ +1 pt']);
    expect(rows).toContainEqual(['MQL → SQL (0 of 1 MQL)', '0 %', '0 %', '–']);
    expect(rows).toContainEqual(['Won (EUR)', 'EUR 1', 'EUR 99', '▼ −EUR 98 (−99 %)']);
    expect(rows).toContainEqual(['Average deal size (EUR)', 'EUR 1', 'EUR 1', '–']);
  });

  it('keeps to the table what it holds, and beside it the channels and sources', () => {
    const report = {
      days: DAYS,
      previousDays: PREVIOUS_DAYS,
      current: figures('web', 'seo'),
      previous: figures('x', 'y'),
    };
    const table = kpiTable(report)!;
    expect(table.columns).toEqual([
      { header: 'KPI', wrap: true },
      { header: 'This period', align: 'right' },
      { header: 'Before', align: 'right' },
      { header: 'Change', align: 'right' },
    ]);
    // Amounts stay per currency, one row each, never summed.
    expect(table.rows.map((r) => r[0]).filter((l) => String(l).startsWith('Pipeline ('))).toEqual([
      'Pipeline (EUR)',
      'Pipeline (USD)',
    ]);
    const beside = kpiLinesBesideTable(report, '/loop kpis sources');
    expect(beside[0]).toBe('*Top channels by time-decay credit* (7-day half-life; 1 of 1 MQL had touches)');
    expect(beside.some((l) => l.startsWith('*Lead funnel') || l.startsWith('*Deals'))).toBe(false);
    expect(beside).toContain('• seo: 1 deal · EUR 1');
    const none = funnelMetrics([], PERIOD);
    const empty = {
      ...figures('x', 'y'),
      funnel: none,
      deals: dealMetrics([], PERIOD),
      timeDecay: timeDecayAttribution([]),
    };
    expect(kpiTable({ days: DAYS, previousDays: PREVIOUS_DAYS, current: empty, previous: empty })).toBeUndefined();
  });

  it('puts every source in one table: won beside pipeline, most won credit first, names as typed', () => {
    const current = {
      ...figures('x', 'y'),
      olsCsWon: olsCsAttribution([
        { ols: 'b <!here>', cs: 'a', amountMinor: 200, currency: 'EUR' },
        { ols: 'a', cs: null, amountMinor: 300, currency: 'USD' },
      ]),
      olsCsPipeline: olsCsAttribution([{ ols: 'c', cs: null, amountMinor: 100, currency: 'EUR' }]),
    };
    const report = { days: DAYS, previousDays: PREVIOUS_DAYS, current, previous: figures('x', 'y') };
    expect(kpiSourceTable(report)!.rows).toEqual([
      [{ typed: 'a' }, '1.5', 'EUR 1 + USD 3', '–', '–'],
      [{ typed: 'b <!here>' }, '0.5', 'EUR 1', '–', '–'],
      [{ typed: 'c' }, '–', '–', '1', 'EUR 1'],
    ]);
    const many = olsCsAttribution(
      Array.from({ length: 100 }, (_, i) => ({ ols: `s${i}`, cs: null, amountMinor: 100, currency: 'EUR' })),
    );
    // 100 sources and a header row are more than Slack's 100 rows: /loop kpis sources shows the text lists then.
    expect(fitsTable(kpiSourceTable({ ...report, current: { ...current, olsCsWon: many } })!)).toBe(false);
    const none = { ...current, olsCsWon: [], olsCsPipeline: [] };
    expect(kpiSourceTable({ ...report, current: none })).toBeUndefined();
  });

  it('/loop kpis shows the table when it fits, and the text lines when it does not', () => {
    const report = { days: DAYS, previousDays: PREVIOUS_DAYS, current: figures('x', 'y'), previous: figures('x', 'y') };
    const model = kpiTable(report)!;
    const input = { title: 'GTM KPIs', weeks: 3, report, lines: ['*Lead funnel*', '• text'], emptyText: 'Nothing.' };
    const shown = kpiMessage({ ...input, table: { model, after: ['*Top channels*', '1. x'] } });
    expect(shown.blocks.map((b) => b.type)).toEqual(['header', 'context', 'table', 'section']);
    const tooLong = { ...model, rows: Array.from({ length: 100 }, () => model.rows[0]!) };
    const fallback = kpiMessage({ ...input, table: { model: tooLong, after: ['*Top channels*'] } });
    expect(fallback.blocks.map((b) => b.type)).toEqual(['header', 'context', 'section']);
    expect((fallback.blocks[2] as any).text.text).toBe('*Lead funnel*\n• text');
  });

  it('keeps every section under Slack limits and starts a block at each heading', () => {
    const lines = [
      '*One*',
      ...Array.from({ length: 200 }, (_, i) => `• line ${i} ${'x'.repeat(40)}`),
      '*Two*',
      '• last',
    ];
    const blocks = linesToSections(lines) as any[];
    expect(blocks.every((b) => b.text.text.length <= 3000)).toBe(true);
    expect(blocks.at(-1).text.text).toBe('*Two*\n• last');
    const many = linesToSections(Array.from({ length: 60 }, (_, i) => `*Heading ${i}*`)) as any[];
    expect(many).toHaveLength(45);
    expect(many.at(-1).elements[0].text).toBe('_…and 16 more sections that did not fit in one Slack message._');
    const report = { days: DAYS, previousDays: PREVIOUS_DAYS, current: figures('x', 'y'), previous: figures('x', 'y') };
    const message = kpiMessage({ title: 'GTM KPIs', weeks: 1, report, lines: [], emptyText: 'Nothing yet.' });
    expect(message.blocks).toHaveLength(3);
    expect(message.text).toBe('GTM KPIs for the last 1 week');
  });
});
