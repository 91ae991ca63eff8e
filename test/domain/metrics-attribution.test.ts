import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  olsCsAttribution,
  timeDecayAttribution,
  timeDecayWeight,
} from '../../src/features/kpis/domain/index.js';

const at = (iso: string) => new Date(iso);
const CONVERTED = at('2026-11-20T12:00:00Z');
const daysBefore = (days: number) => new Date(CONVERTED.getTime() - days * DAY_MS);
const credit = (result: ReturnType<typeof timeDecayAttribution>, channel: string) =>
  result.channels.find((c) => c.channel === channel)?.credit;

describe('time-decay weight, y = 2^(-x/7)', () => {
  it.each([
    [0, 1],
    [7, 0.5],
    [14, 0.25],
    [3.5, 2 ** -0.5],
    [0.25, 2 ** (-0.25 / 7)],
  ])('a touch %s days before weighs %s', (days, weight) => {
    expect(timeDecayWeight(days)).toBeCloseTo(weight, 12);
  });
  it('a touch after the conversion weighs nothing', () => {
    expect(timeDecayWeight(-0.01)).toBe(0);
  });
});

describe('time-decay attribution', () => {
  it('touches 0, 7 and 14 days before get 4/7, 2/7 and 1/7', () => {
    const result = timeDecayAttribution([
      {
        id: 'L1',
        at: CONVERTED,
        touches: [
          { channel: 'demo', at: daysBefore(0) },
          { channel: 'webinar', at: daysBefore(7) },
          { channel: 'ads', at: daysBefore(14) },
        ],
      },
    ]);
    expect(credit(result, 'demo')).toBeCloseTo(4 / 7, 12);
    expect(credit(result, 'webinar')).toBeCloseTo(2 / 7, 12);
    expect(credit(result, 'ads')).toBeCloseTo(1 / 7, 12);
    expect(result.channels.map((c) => c.channel)).toEqual(['demo', 'webinar', 'ads']);
  });

  it('a touch after the conversion gets nothing, and the others still sum to 1', () => {
    const result = timeDecayAttribution([
      {
        id: 'L1',
        at: CONVERTED,
        touches: [
          { channel: 'email', at: daysBefore(7) },
          { channel: 'late', at: daysBefore(-1) },
        ],
      },
    ]);
    expect(credit(result, 'late')).toBeUndefined();
    expect(credit(result, 'email')).toBeCloseTo(1, 12);
  });

  it('a single touch gets 100 %', () => {
    const result = timeDecayAttribution([
      { id: 'L1', at: CONVERTED, touches: [{ channel: 'event', at: daysBefore(30) }] },
    ]);
    expect(result.channels).toEqual([{ channel: 'event', credit: 1, share: 1 }]);
  });

  it('fractional days: 3.5 and 0 days before split 2^-0.5 : 1', () => {
    const result = timeDecayAttribution([
      {
        id: 'L1',
        at: CONVERTED,
        touches: [
          { channel: 'a', at: daysBefore(3.5) },
          { channel: 'b', at: daysBefore(0) },
        ],
      },
    ]);
    const w = 2 ** -0.5;
    expect(credit(result, 'a')).toBeCloseTo(w / (1 + w), 12);
    expect(credit(result, 'b')).toBeCloseTo(1 / (1 + w), 12);
  });

  it('normalises per conversion and sums per channel; shares are of the total', () => {
    const result = timeDecayAttribution([
      {
        id: 'L1',
        at: CONVERTED,
        touches: [
          { channel: 'webinar', at: daysBefore(7) },
          { channel: 'webinar', at: daysBefore(7) },
        ],
      },
      {
        id: 'L2',
        at: CONVERTED,
        touches: [
          { channel: 'webinar', at: daysBefore(7) },
          { channel: 'ads', at: daysBefore(14) },
        ],
      },
      { id: 'L3', at: CONVERTED, touches: [] },
      { id: 'L4', at: CONVERTED, touches: [{ channel: 'ads', at: daysBefore(-2) }] },
    ]);
    expect(result.conversions).toBe(4);
    expect(result.attributed).toBe(2);
    expect(credit(result, 'webinar')).toBeCloseTo(1 + 2 / 3, 12);
    expect(credit(result, 'ads')).toBeCloseTo(1 / 3, 12);
    expect(result.channels.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
    expect(result.channels[0]!.share).toBeCloseTo(5 / 6, 12);
  });

  it('no conversions: no channels', () => {
    expect(timeDecayAttribution([])).toEqual({ conversions: 0, attributed: 0, channels: [] });
  });
});

describe('OLS/CS attribution', () => {
  const deal = (ols: string | null, cs: string | null, amountMinor = 10_000, currency = 'EUR') => ({
    ols,
    cs,
    amountMinor,
    currency,
  });

  it('splits 50/50 between the original lead source and the converting source', () => {
    expect(olsCsAttribution([deal('webinar', 'sales_outreach')])).toEqual([
      { source: 'sales_outreach', credit: 0.5, amountMinor: { EUR: 5000 } },
      { source: 'webinar', credit: 0.5, amountMinor: { EUR: 5000 } },
    ]);
  });
  it('gives 100 % when both are the same source', () => {
    expect(olsCsAttribution([deal('partner', 'partner')])).toEqual([
      { source: 'partner', credit: 1, amountMinor: { EUR: 10_000 } },
    ]);
  });
  it('gives the missing half to the other side, and "unknown" when neither is known', () => {
    expect(olsCsAttribution([deal('event', null), deal(null, null, 500)])).toEqual([
      { source: 'event', credit: 1, amountMinor: { EUR: 10_000 } },
      { source: 'unknown', credit: 1, amountMinor: { EUR: 500 } },
    ]);
  });
  it('keeps currencies apart and sums deals per source', () => {
    const result = olsCsAttribution([
      deal('webinar', 'demo', 10_000, 'EUR'),
      deal('webinar', 'webinar', 20_000, 'USD'),
    ]);
    expect(result[0]).toEqual({ source: 'webinar', credit: 1.5, amountMinor: { EUR: 5000, USD: 20_000 } });
    expect(result[1]).toEqual({ source: 'demo', credit: 0.5, amountMinor: { EUR: 5000 } });
  });
  it('no deals: no credit', () => {
    expect(olsCsAttribution([])).toEqual([]);
  });
});
