import { describe, expect, it } from 'vitest';
import type { SegmentKey, Verdict } from '../../src/features/assessment/domain/index.js';
import { SEGMENTS, segment, VERDICT_LABELS, verdictFor } from '../../src/features/assessment/domain/index.js';
import { seedSegments } from './seed-tables.js';

describe('segments', () => {
  it('match the seed benchmarks', () => {
    expect(SEGMENTS.map(({ name, expected, good, alarm }) => ({ name, expected, good, alarm }))).toEqual(
      seedSegments(),
    );
  });

  it('have stable keys', () => {
    expect(SEGMENTS.map((s) => [s.key, s.expected, s.good, s.alarm])).toEqual([
      ['pure_plg', 2.8, 3.5, 2.0],
      ['plg_sales_assist', 2.4, 3.2, 1.8],
      ['sales_led_freemium', 1.8, 2.5, 1.2],
      ['devtools_plg', 3.0, 3.8, 2.2],
    ]);
  });

  it('rejects an unknown segment', () => {
    expect(() => segment('enterprise' as SegmentKey)).toThrow(RangeError);
    expect(() => verdictFor('enterprise' as SegmentKey, 3)).toThrow(RangeError);
  });
});

// For each segment: at alarm, just above alarm, just below expected, at expected, just below good, at good, 5.0, 1.0.
const cases: Array<[SegmentKey, number, Verdict]> = [
  ['pure_plg', 1.0, 'alarm'],
  ['pure_plg', 2.0, 'alarm'],
  ['pure_plg', 2.1, 'below_expected'],
  ['pure_plg', 2.7, 'below_expected'],
  ['pure_plg', 2.8, 'at_or_above_expected'],
  ['pure_plg', 3.4, 'at_or_above_expected'],
  ['pure_plg', 3.5, 'good'],
  ['pure_plg', 5.0, 'good'],
  ['plg_sales_assist', 1.7, 'alarm'],
  ['plg_sales_assist', 1.8, 'alarm'],
  ['plg_sales_assist', 1.9, 'below_expected'],
  ['plg_sales_assist', 2.3, 'below_expected'],
  ['plg_sales_assist', 2.4, 'at_or_above_expected'],
  ['plg_sales_assist', 3.1, 'at_or_above_expected'],
  ['plg_sales_assist', 3.2, 'good'],
  ['sales_led_freemium', 1.0, 'alarm'],
  ['sales_led_freemium', 1.2, 'alarm'],
  ['sales_led_freemium', 1.3, 'below_expected'],
  ['sales_led_freemium', 1.7, 'below_expected'],
  ['sales_led_freemium', 1.8, 'at_or_above_expected'],
  ['sales_led_freemium', 2.4, 'at_or_above_expected'],
  ['sales_led_freemium', 2.5, 'good'],
  ['devtools_plg', 2.1, 'alarm'],
  ['devtools_plg', 2.2, 'alarm'],
  ['devtools_plg', 2.3, 'below_expected'],
  ['devtools_plg', 2.9, 'below_expected'],
  ['devtools_plg', 3.0, 'at_or_above_expected'],
  ['devtools_plg', 3.7, 'at_or_above_expected'],
  ['devtools_plg', 3.8, 'good'],
  ['devtools_plg', 5.0, 'good'],
];

describe('verdictFor', () => {
  it.each(cases)('%s at %s -> %s', (key, overall, verdict) => {
    expect(verdictFor(key, overall)).toBe(verdict);
  });

  it('compares in tenths, so floating noise does not move a value across a threshold', () => {
    expect(verdictFor('sales_led_freemium', 0.1 + 1.1)).toBe('alarm'); // 1.2000000000000002
    expect(verdictFor('plg_sales_assist', 3.3 - 0.1)).toBe('good'); // 3.1999999999999997
    expect(verdictFor('pure_plg', 0.1 + 2.7)).toBe('at_or_above_expected'); // 2.8000000000000003
  });

  it('has a human label for every verdict', () => {
    expect(VERDICT_LABELS).toEqual({
      alarm: 'Alarm',
      below_expected: 'Below expected',
      at_or_above_expected: 'At or above expected',
      good: 'Good',
    });
  });
});
