import { describe, expect, it } from 'vitest';
import { deliveryFloorMs } from '../../bench/delivery.js';
import { percentile, ratio, runPool, summarize } from '../../bench/stats.js';

describe('benchmark statistics', () => {
  it.each([
    { samples: [5], p: 50, expected: 5 },
    { samples: [1, 2, 3, 4], p: 50, expected: 2 },
    { samples: [1, 2, 3, 4], p: 99, expected: 4 },
    { samples: Array.from({ length: 100 }, (_, i) => i + 1), p: 95, expected: 95 },
    { samples: Array.from({ length: 1000 }, (_, i) => i + 1), p: 99, expected: 990 },
  ])('nearest-rank p$p of $samples.length samples is $expected', ({ samples, p, expected }) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it('summarizes unsorted samples, rounded to 0.1 ms', () => {
    expect(summarize([3.04, 1, 2, 10.26])).toEqual({ count: 4, p50: 2, p95: 10.3, p99: 10.3, max: 10.3 });
    expect(Number.isNaN(summarize([]).p99)).toBe(true);
  });

  it.each([
    { ours: 12, baseline: 10, expected: 1.2 },
    { ours: 5, baseline: 10, expected: 0.5 },
    { ours: 5, baseline: 0, expected: Number.NaN },
  ])('ratio $ours / $baseline = $expected', ({ ours, baseline, expected }) => {
    expect(ratio(ours, baseline)).toBe(expected);
  });

  it.each([
    { messages: 100, channels: 10, perSecond: 1, burst: 3, expected: 7000 },
    { messages: 8, channels: 2, perSecond: 1, burst: 3, expected: 1000 },
    { messages: 6, channels: 2, perSecond: 1, burst: 3, expected: 0 },
    { messages: 101, channels: 10, perSecond: 2, burst: 3, expected: 4000 },
  ])(
    'delivery floor for $messages messages over $channels channels at $perSecond/s burst $burst is $expected ms',
    (c) => {
      expect(deliveryFloorMs(c)).toBe(c.expected);
    },
  );

  it('runs a pool with bounded concurrency and keeps the order of results', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await runPool([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((done) => setTimeout(done, n));
      inFlight -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});
