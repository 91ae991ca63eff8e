/** Segment benchmarks and the verdict of a rounded overall against them. */

import { toTenths } from './decimal.js';

export const SEGMENT_KEYS = ['pure_plg', 'plg_sales_assist', 'sales_led_freemium', 'devtools_plg'] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

export interface Segment {
  readonly key: SegmentKey;
  readonly name: string;
  /** The seed's "Expected Average". */
  readonly expected: number;
  /** The seed's "Good" threshold. */
  readonly good: number;
  /** The seed's "Alarm" threshold. */
  readonly alarm: number;
}

export const SEGMENTS: readonly Segment[] = Object.freeze(
  (
    [
      ['pure_plg', 'Pure PLG', 2.8, 3.5, 2.0],
      ['plg_sales_assist', 'PLG + Sales Assist', 2.4, 3.2, 1.8],
      ['sales_led_freemium', 'Sales-led with freemium', 1.8, 2.5, 1.2],
      ['devtools_plg', 'Developer tools (PLG)', 3.0, 3.8, 2.2],
    ] as const
  ).map(([key, name, expected, good, alarm]) => Object.freeze({ key, name, expected, good, alarm })),
);

export const VERDICTS = ['alarm', 'below_expected', 'at_or_above_expected', 'good'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS = {
  alarm: 'Alarm',
  below_expected: 'Below expected',
  at_or_above_expected: 'At or above expected',
  good: 'Good',
} as const satisfies Record<Verdict, string>;

export function isSegmentKey(value: unknown): value is SegmentKey {
  return typeof value === 'string' && (SEGMENT_KEYS as readonly string[]).includes(value);
}

export function segment(key: SegmentKey): Segment {
  const found = SEGMENTS.find((s) => s.key === key);
  if (!found) throw new RangeError(`Unknown segment key: ${String(key)}`);
  return found;
}

/**
 * Verdict of a rounded overall (one decimal) against a segment, compared in integer tenths:
 * alarm if overall <= alarm; good if overall >= good; below_expected if overall < expected;
 * otherwise at_or_above_expected.
 */
export function verdictFor(segmentKey: SegmentKey, roundedOverall: number): Verdict {
  const s = segment(segmentKey);
  const overall = toTenths(roundedOverall);
  if (overall <= toTenths(s.alarm)) return 'alarm';
  if (overall >= toTenths(s.good)) return 'good';
  if (overall < toTenths(s.expected)) return 'below_expected';
  return 'at_or_above_expected';
}
