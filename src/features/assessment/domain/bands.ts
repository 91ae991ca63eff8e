/** Maturity bands on the rounded overall score (seed table, verbatim). */

import { toTenths } from './decimal.js';

export const BAND_KEYS = ['critical', 'developing', 'competent', 'advanced', 'best_in_class'] as const;
export type BandKey = (typeof BAND_KEYS)[number];

export interface Band {
  readonly key: BandKey;
  /** The seed's "Maturity Level", e.g. "Best-in-class". */
  readonly name: string;
  /** Inclusive bounds on the rounded overall. */
  readonly min: number;
  readonly max: number;
  readonly interpretation: string;
  readonly nextStep: string;
}

export const BANDS: readonly Band[] = Object.freeze(
  (
    [
      [
        'critical',
        'Critical',
        1.0,
        1.9,
        'Product and marketing completely siloed; PLG failing or nonexistent',
        'Integrate signup data; define activation metric; monthly sync',
      ],
      [
        'developing',
        'Developing',
        2.0,
        2.9,
        'Basic data connections; usage does not meaningfully inform marketing',
        'Define PQL model; build behavioral triggers; establish shared KPIs',
      ],
      [
        'competent',
        'Competent',
        3.0,
        3.9,
        'Functional feedback loop with usage campaigns and PQLs',
        'Scale behavioral campaigns; ML-enhanced PQLs; form growth team',
      ],
      [
        'advanced',
        'Advanced',
        4.0,
        4.5,
        'Sophisticated PLG with predictive models and cross-functional collaboration',
        'AI personalization; predictive PQLs; unified experimentation',
      ],
      [
        'best_in_class',
        'Best-in-class',
        4.6,
        5.0,
        'Fully integrated product-marketing growth engine',
        'Maintain; evaluate emerging PLG-AI patterns',
      ],
    ] as const
  ).map(([key, name, min, max, interpretation, nextStep]) =>
    Object.freeze({ key, name, min, max, interpretation, nextStep }),
  ),
);

/**
 * The band of an overall score that is already rounded to one decimal (see `roundHalfUp1`).
 * Throws RangeError outside 1.0..5.0 or for a value with more than one decimal.
 */
export function bandFor(roundedOverall: number): Band {
  const tenths = toTenths(roundedOverall);
  const found = BANDS.find((b) => tenths >= toTenths(b.min) && tenths <= toTenths(b.max));
  if (!found) throw new RangeError(`Overall score must be between 1.0 and 5.0, got ${roundedOverall}`);
  return found;
}

export function band(key: BandKey): Band {
  const found = BANDS.find((b) => b.key === key);
  if (!found) throw new RangeError(`Unknown band key: ${String(key)}`);
  return found;
}
