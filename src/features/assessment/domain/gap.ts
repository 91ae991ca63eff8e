/**
 * The perception gap between Product and Marketing in a round: per dimension, the mean of the Product
 * respondents minus the mean of the Marketing respondents. Only defined when both functions answered.
 */

import { fromTenths, ratioTenthsHalfUp } from './decimal.js';
import type { FunctionKey } from './functions.js';
import { FUNCTION_KEYS } from './functions.js';
import type { DimensionKey } from './rubric.js';
import { DIMENSION_KEYS } from './rubric.js';

export interface FunctionResponse {
  readonly function: FunctionKey;
  readonly scores: Readonly<Record<DimensionKey, number>>;
}

export interface DimensionGap {
  readonly dimension: DimensionKey;
  /** Means rounded half up to one decimal. */
  readonly product: number;
  readonly marketing: number;
  /** product - marketing, from the exact means, rounded half up (away from zero) to one decimal. */
  readonly gap: number;
}

export type ProductMarketingGap =
  | { readonly kind: 'missing'; readonly missing: readonly ('product' | 'marketing')[] }
  | {
      readonly kind: 'compared';
      readonly productRespondents: number;
      readonly marketingRespondents: number;
      /** Rubric order. */
      readonly dimensions: readonly DimensionGap[];
      /** Dimensions tied at the largest absolute gap (rubric order); empty when every gap is 0. */
      readonly biggest: readonly DimensionKey[];
    };

/** Rounds a signed ratio half up on its magnitude, so -0.25 -> -0.3 mirrors 0.25 -> 0.3. */
function signedTenths(numerator: number, denominator: number): number {
  const tenths = ratioTenthsHalfUp(Math.abs(numerator), denominator);
  return numerator < 0 ? -tenths : tenths;
}

export function productMarketingGap(responses: readonly FunctionResponse[]): ProductMarketingGap {
  const product = responses.filter((r) => r.function === 'product');
  const marketing = responses.filter((r) => r.function === 'marketing');
  const missing: ('product' | 'marketing')[] = [];
  if (product.length === 0) missing.push('product');
  if (marketing.length === 0) missing.push('marketing');
  if (missing.length > 0) return { kind: 'missing', missing };

  const p = product.length;
  const m = marketing.length;
  const sums = (rs: readonly FunctionResponse[], key: DimensionKey) => rs.reduce((acc, r) => acc + r.scores[key], 0);
  // Exact gap = P/p - M/m = (P*m - M*p) / (p*m): integer arithmetic, no floating noise.
  const exact = DIMENSION_KEYS.map((key) => {
    const P = sums(product, key);
    const M = sums(marketing, key);
    return { key, P, M, numerator: P * m - M * p };
  });
  const dimensions = exact.map(({ key, P, M, numerator }) => ({
    dimension: key,
    product: fromTenths(ratioTenthsHalfUp(P, p)),
    marketing: fromTenths(ratioTenthsHalfUp(M, m)),
    gap: fromTenths(signedTenths(numerator, p * m)) || 0,
  }));
  const largest = Math.max(...exact.map((d) => Math.abs(d.numerator)));
  const biggest = largest === 0 ? [] : exact.filter((d) => Math.abs(d.numerator) === largest).map((d) => d.key);
  return { kind: 'compared', productRespondents: p, marketingRespondents: m, dimensions, biggest };
}

/** How many respondents per function, in the fixed function order (zero counts included). */
export function functionCounts(responses: readonly { readonly function: FunctionKey }[]): Record<FunctionKey, number> {
  const counts = Object.fromEntries(FUNCTION_KEYS.map((k) => [k, 0])) as Record<FunctionKey, number>;
  for (const r of responses) counts[r.function] += 1;
  return counts;
}
