import { describe, expect, it } from 'vitest';
import type { DimensionKey } from '../../src/features/assessment/domain/index.js';
import {
  compareAssessments,
  DIMENSION_KEYS,
  deltaOf,
  roundSummary,
  scoreAssessment,
} from '../../src/features/assessment/domain/index.js';

type Five = [number, number, number, number, number];
const scoresOf = (values: Five): Record<DimensionKey, number> =>
  Object.fromEntries(DIMENSION_KEYS.map((k, i) => [k, values[i]])) as Record<DimensionKey, number>;
const scored = (values: Five) => scoreAssessment({ scores: scoresOf(values), redFlags: [], segment: 'pure_plg' });

describe('compareAssessments', () => {
  it('says "first" when there is no previous assessment', () => {
    expect(compareAssessments(scored([3, 3, 3, 3, 3]), undefined)).toEqual({ kind: 'first' });
  });

  it('reports per-dimension and overall deltas with directions', () => {
    const result = compareAssessments(scored([3, 3, 3, 3, 2]), scored([2, 3, 4, 2, 1]));
    if (result.kind !== 'compared') throw new Error('expected a comparison');
    expect(result.overall).toEqual({ current: 2.8, previous: 2.4, delta: 0.4, direction: 'up' }); // 2.8 - 2.4 = 0.3999999999999999 in floats
    expect(DIMENSION_KEYS.map((k) => [k, result.dimensions[k].delta, result.dimensions[k].direction])).toEqual([
      ['data_integration', 1, 'up'],
      ['activation', 0, 'same'],
      ['usage_campaigns', -1, 'down'],
      ['pqls', 1, 'up'],
      ['feedback_loop', 1, 'up'],
    ]);
  });

  it('reports an unchanged overall as "same" even when dimensions moved', () => {
    const result = compareAssessments(scored([4, 2, 3, 3, 3]), scored([2, 4, 3, 3, 3]));
    if (result.kind !== 'compared') throw new Error('expected a comparison');
    expect(result.overall).toMatchObject({ delta: 0, direction: 'same' });
    expect(result.dimensions.data_integration).toMatchObject({ delta: 2, direction: 'up' });
    expect(result.dimensions.activation).toMatchObject({ delta: -2, direction: 'down' });
  });

  it('compares round summaries through their rounded means', () => {
    const r = (a: Five, b: Five) => {
      const s = roundSummary([
        { scores: scoresOf(a), redFlags: [] },
        { scores: scoresOf(b), redFlags: [] },
      ]);
      return { scores: s.means, overall: s.overall };
    };
    const current = r([5, 4, 3, 3, 3], [4, 4, 3, 3, 3]); // data_integration 4.5, overall 3.5
    const previous = r([4, 4, 3, 3, 3], [4, 4, 3, 3, 2]); // data_integration 4.0, overall 3.3
    const result = compareAssessments(current, previous);
    if (result.kind !== 'compared') throw new Error('expected a comparison');
    expect(result.dimensions.data_integration.delta).toBe(0.5);
    expect(result.dimensions.feedback_loop.delta).toBe(0.5);
    expect(result.overall).toEqual({ current: 3.5, previous: 3.3, delta: 0.2, direction: 'up' });
  });
});

describe('deltaOf', () => {
  it.each([
    [4.8, 4.5, 0.3, 'up'], // 0.2999999999999998 in floats
    [3.6, 3.3, 0.3, 'up'], // 0.30000000000000027
    [1.8, 2.1, -0.3, 'down'], // -0.30000000000000004
    [2.8, 2.4, 0.4, 'up'],
    [3.0, 3.0, 0, 'same'],
    [1.0, 5.0, -4, 'down'],
  ] as const)('%s vs %s -> %s %s', (current, previous, delta, direction) => {
    expect(deltaOf(current, previous)).toEqual({ current, previous, delta, direction });
  });

  it('never returns -0', () => {
    expect(Object.is(deltaOf(2.2, 2.2).delta, 0)).toBe(true);
  });

  it('rejects values that are not on the one-decimal grid', () => {
    expect(() => deltaOf(4.55, 4.5)).toThrow(RangeError);
  });
});
