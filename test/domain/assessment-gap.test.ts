import { describe, expect, it } from 'vitest';
import {
  DIMENSION_KEYS,
  type DimensionKey,
  type FunctionKey,
  type FunctionResponse,
  formatRoundDuration,
  functionCounts,
  parseRoundDuration,
  productMarketingGap,
  roundSummary,
} from '../../src/features/assessment/domain/index.js';

type Five = [number, number, number, number, number];
const scoresOf = (values: Five): Record<DimensionKey, number> =>
  Object.fromEntries(DIMENSION_KEYS.map((k, i) => [k, values[i]])) as Record<DimensionKey, number>;
const r = (fn: FunctionKey, values: Five): FunctionResponse => ({ function: fn, scores: scoresOf(values) });

describe('productMarketingGap', () => {
  it('is product mean minus marketing mean per dimension, and calls out the biggest absolute gap', () => {
    const gap = productMarketingGap([
      r('product', [4, 3, 2, 2, 3]),
      r('marketing', [2, 3, 3, 1, 3]),
      r('sales', [1, 1, 1, 1, 1]),
    ]);
    expect(gap.kind).toBe('compared');
    if (gap.kind !== 'compared') return;
    expect(gap.dimensions.map((d) => [d.dimension, d.product, d.marketing, d.gap])).toEqual([
      ['data_integration', 4, 2, 2],
      ['activation', 3, 3, 0],
      ['usage_campaigns', 2, 3, -1],
      ['pqls', 2, 1, 1],
      ['feedback_loop', 3, 3, 0],
    ]);
    expect(gap.biggest).toEqual(['data_integration']);
    expect([gap.productRespondents, gap.marketingRespondents]).toEqual([1, 1]);
  });

  it('uses the means of several respondents per function, exactly, rounding the gap half up on its size', () => {
    // Product data integration: (5+4)/2 = 4.5; Marketing: (2+3+3+3)/4 = 2.75 -> gap 1.75 -> 1.8.
    // Activation: product 2, marketing (3+3+3+2)/4 = 2.75 -> gap -0.75 -> -0.8 (mirrors +0.75 -> +0.8).
    const gap = productMarketingGap([
      r('product', [5, 2, 3, 3, 3]),
      r('product', [4, 2, 3, 3, 3]),
      r('marketing', [2, 3, 3, 3, 3]),
      r('marketing', [3, 3, 3, 3, 3]),
      r('marketing', [3, 3, 3, 3, 3]),
      r('marketing', [3, 2, 3, 3, 3]),
    ]);
    if (gap.kind !== 'compared') throw new Error('expected a comparison');
    expect(gap.dimensions[0]).toEqual({ dimension: 'data_integration', product: 4.5, marketing: 2.8, gap: 1.8 });
    expect(gap.dimensions[1]).toEqual({ dimension: 'activation', product: 2, marketing: 2.8, gap: -0.8 });
    expect(gap.dimensions[2]?.gap).toBe(0);
    expect(Object.is(gap.dimensions[2]?.gap, -0)).toBe(false);
    expect(gap.biggest).toEqual(['data_integration']);
  });

  it('lists every dimension tied at the biggest gap, whatever its sign, in rubric order', () => {
    const gap = productMarketingGap([r('product', [4, 2, 3, 3, 5]), r('marketing', [2, 4, 3, 3, 3])]);
    if (gap.kind !== 'compared') throw new Error('expected a comparison');
    expect(gap.biggest).toEqual(['data_integration', 'activation', 'feedback_loop']);
  });

  it('calls out nothing when product and marketing agree everywhere', () => {
    const gap = productMarketingGap([r('product', [3, 3, 3, 3, 3]), r('marketing', [3, 3, 3, 3, 3])]);
    if (gap.kind !== 'compared') throw new Error('expected a comparison');
    expect(gap.biggest).toEqual([]);
    expect(gap.dimensions.every((d) => d.gap === 0)).toBe(true);
  });

  it.each([
    [[r('product', [3, 3, 3, 3, 3])], ['marketing']],
    [[r('marketing', [3, 3, 3, 3, 3]), r('sales', [2, 2, 2, 2, 2])], ['product']],
    [
      [r('sales', [3, 3, 3, 3, 3]), r('other', [1, 1, 1, 1, 1])],
      ['product', 'marketing'],
    ],
    [[], ['product', 'marketing']],
  ])('has no gap when a function is missing (%#)', (responses, missing) => {
    expect(productMarketingGap(responses)).toEqual({ kind: 'missing', missing });
  });

  it('a single respondent gives a summary without disagreement and no gap', () => {
    const only = r('product', [3, 3, 3, 3, 2]);
    expect(roundSummary([{ scores: only.scores, redFlags: [] }]).disagreements).toEqual([]);
    expect(productMarketingGap([only]).kind).toBe('missing');
  });
});

describe('functionCounts', () => {
  it('counts respondents per function, zeros included', () => {
    expect(functionCounts([{ function: 'sales' }, { function: 'product' }, { function: 'sales' }])).toEqual({
      product: 1,
      marketing: 0,
      sales: 2,
      customer_success: 0,
      other: 0,
    });
  });
});

describe('parseRoundDuration', () => {
  it.each([
    ['5d', 5 * 86_400_000],
    ['36h', 36 * 3_600_000],
    ['2w', 14 * 86_400_000],
    ['90m', 90 * 60_000],
    ['3 days', 3 * 86_400_000],
    ['1H', 3_600_000],
  ])('%s -> %i ms', (text, ms) => {
    expect(parseRoundDuration(text)).toEqual({ ok: true, ms });
  });

  it.each([
    ['soon', 'format'],
    ['5', 'format'],
    ['-2d', 'format'],
    ['1.5d', 'format'],
    ['30m', 'range'],
    ['31d', 'range'],
    ['0d', 'range'],
  ])('rejects %s (%s)', (text, reason) => {
    expect(parseRoundDuration(text)).toEqual({ ok: false, reason });
  });

  it('formats durations back in their shortest exact unit', () => {
    expect([
      formatRoundDuration(5 * 86_400_000),
      formatRoundDuration(36 * 3_600_000),
      formatRoundDuration(90 * 60_000),
    ]).toEqual(['5d', '36h', '90m']);
  });
});
