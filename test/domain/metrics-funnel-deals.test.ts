import { describe, expect, it } from 'vitest';
import {
  cacPayback,
  change,
  type DealRecord,
  dealMetrics,
  funnelMetrics,
  type LeadRecord,
  median,
  previousPeriod,
  spendInPeriod,
} from '../../src/features/kpis/domain/index.js';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const PERIOD = { from: d('2026-11-01'), to: d('2026-11-22') };

const lead = (id: string, stages: LeadRecord['stages']): LeadRecord => ({
  id,
  account: `${id}.example`,
  source: null,
  stages,
});

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('funnel metrics', () => {
  const leads = [
    // Entered Subscriber before the period, Lead in it, MQL in it, SQL after the period.
    lead('a', { subscriber: d('2026-10-20'), lead: d('2026-11-02'), mql: d('2026-11-06'), sql: d('2026-11-25') }),
    // Whole journey inside the period.
    lead('b', {
      subscriber: d('2026-11-01'),
      lead: d('2026-11-03'),
      engaged_lead: d('2026-11-05'),
      mql: d('2026-11-09'),
      sql: d('2026-11-13'),
    }),
    // MQL in the period, still MQL.
    lead('c', { lead: d('2026-11-10'), mql: d('2026-11-20') }),
    // Outside the period entirely.
    lead('d', { subscriber: d('2026-09-01'), lead: d('2026-09-02') }),
    // Moves exactly at the period end: not in this period.
    lead('e', { mql: d('2026-11-21'), sql: d('2026-11-22') }),
  ];
  const f = funnelMetrics(leads, PERIOD);

  it('counts leads entering each stage in the period', () => {
    expect(f.entered).toEqual({ subscriber: 1, lead: 3, engaged_lead: 1, mql: 4, sql: 1 });
  });
  it('stage-to-stage conversion: of those entering a stage, who reached a later one before the period ended', () => {
    expect(f.conversions.map((c) => [c.from, c.to, c.converted, c.entered])).toEqual([
      ['subscriber', 'lead', 1, 1],
      ['lead', 'engaged_lead', 3, 3],
      ['engaged_lead', 'mql', 1, 1],
      ['mql', 'sql', 1, 4],
    ]);
    expect(f.mqlToSql.rate).toBe(0.25);
  });
  it('median days in status over the leads that left the stage in the period (skipped stages ignored)', () => {
    // subscriber: a left 11-02 after 13 days, b after 2 days -> 7.5; lead: a 4, b 2, c 10 -> 4; engaged: b 4; mql: b 4.
    expect(f.medianDaysInStage).toEqual({ subscriber: 7.5, lead: 4, engaged_lead: 4, mql: 4 });
  });
  it('an empty period has zero counts and no rates or medians', () => {
    const empty = funnelMetrics(leads, { from: d('2020-01-01'), to: d('2020-01-22') });
    expect(empty.entered).toEqual({ subscriber: 0, lead: 0, engaged_lead: 0, mql: 0, sql: 0 });
    expect(empty.conversions.every((c) => c.rate === null)).toBe(true);
    expect(Object.values(empty.medianDaysInStage)).toEqual([null, null, null, null]);
  });
});

const deal = (id: string, over: Partial<DealRecord>): DealRecord => ({
  id,
  account: `${id}.example`,
  amountMinor: 1_000_000,
  currency: 'EUR',
  createdAt: d('2026-11-02'),
  closedAt: null,
  outcome: 'open',
  ols: 'webinar',
  olsAt: null,
  cs: 'demo',
  csAt: null,
  ...over,
});

describe('deal metrics', () => {
  it('pipeline created, won and lost, win rate, average deal size and sales cycle', () => {
    const m = dealMetrics(
      [
        deal('p1', { amountMinor: 500_000 }),
        deal('w1', { createdAt: d('2026-10-02'), closedAt: d('2026-11-11'), outcome: 'won', amountMinor: 2_000_000 }),
        deal('w2', { createdAt: d('2026-11-01'), closedAt: d('2026-11-21'), outcome: 'won', amountMinor: 1_000_000 }),
        deal('l1', { createdAt: d('2026-09-01'), closedAt: d('2026-11-05'), outcome: 'lost' }),
        deal('old', { createdAt: d('2026-01-01'), closedAt: d('2026-02-01'), outcome: 'won' }),
      ],
      PERIOD,
    );
    expect(m.pipelineCreated).toBe(2);
    expect(m.won).toBe(2);
    expect(m.lost).toBe(1);
    expect(m.winRate).toBeCloseTo(2 / 3, 12);
    expect(m.salesCycleDays).toBe(30);
    expect(m.byCurrency).toEqual([
      {
        currency: 'EUR',
        pipelineCount: 2,
        pipelineAmountMinor: 1_500_000,
        wonCount: 2,
        wonAmountMinor: 3_000_000,
        averageDealSizeMinor: 1_500_000,
      },
    ]);
  });
  it('a period with only open deals: pipeline but no win rate, deal size or cycle', () => {
    const m = dealMetrics([deal('p1', {}), deal('p2', { amountMinor: 1 })], PERIOD);
    expect(m).toEqual({
      pipelineCreated: 2,
      won: 0,
      lost: 0,
      winRate: null,
      salesCycleDays: null,
      byCurrency: [
        {
          currency: 'EUR',
          pipelineCount: 2,
          pipelineAmountMinor: 1_000_001,
          wonCount: 0,
          wonAmountMinor: 0,
          averageDealSizeMinor: null,
        },
      ],
    });
  });
  it('an empty period has nothing to show', () => {
    expect(dealMetrics([], PERIOD)).toEqual({
      pipelineCreated: 0,
      won: 0,
      lost: 0,
      winRate: null,
      salesCycleDays: null,
      byCurrency: [],
    });
  });
  it('amounts in different currencies are reported apart, never summed', () => {
    const m = dealMetrics(
      [deal('e', { currency: 'EUR', amountMinor: 100 }), deal('u', { currency: 'USD', amountMinor: 300 })],
      PERIOD,
    );
    expect(m.byCurrency.map((c) => [c.currency, c.pipelineAmountMinor])).toEqual([
      ['EUR', 100],
      ['USD', 300],
    ]);
  });
});

describe('spend and CAC payback', () => {
  it('spreads a month of spend over its days', () => {
    const spend = [
      { month: '2026-11', channel: 'ads', amountMinor: 3_000_000, currency: 'EUR' },
      { month: '2026-10', channel: 'ads', amountMinor: 9_999, currency: 'EUR' },
      { month: '2026-11', channel: 'events', amountMinor: 300, currency: 'USD' },
    ];
    const totals = spendInPeriod(spend, PERIOD);
    expect(totals.EUR).toBeCloseTo((3_000_000 * 21) / 30, 6);
    expect(totals.USD).toBeCloseTo((300 * 21) / 30, 9);
  });
  it('CAC payback = CAC / ARPA with deal amounts as annual contract values', () => {
    // 2 customers for 24,000: CAC 12,000; ARPA = 48,000 / 12 / 2 = 2,000 a month; payback 6 months.
    expect(cacPayback({ currency: 'EUR', spendMinor: 2_400_000, wonCount: 2, wonAmountMinor: 4_800_000 })).toEqual({
      currency: 'EUR',
      cacMinor: 1_200_000,
      arpaMinor: 200_000,
      months: 6,
    });
  });
  it('no spend or no won deal: no CAC payback', () => {
    expect(cacPayback({ currency: 'EUR', spendMinor: 0, wonCount: 2, wonAmountMinor: 10 })).toBeNull();
    expect(cacPayback({ currency: 'EUR', spendMinor: 10, wonCount: 0, wonAmountMinor: 0 })).toBeNull();
  });
});

describe('period over period', () => {
  it('the previous period has the same length and ends where this one starts', () => {
    expect(previousPeriod(PERIOD)).toEqual({ from: d('2026-10-11'), to: d('2026-11-01') });
  });
  it.each([
    [12, 8, { delta: 4, relative: 0.5 }],
    [4, 8, { delta: -4, relative: -0.5 }],
    [3, 0, { delta: 3, relative: null }],
    [null, 8, { delta: null, relative: null }],
    [0.5, null, { delta: null, relative: null }],
  ])('change(%s, %s)', (current, previous, expected) => expect(change(current, previous)).toEqual(expected));
});
