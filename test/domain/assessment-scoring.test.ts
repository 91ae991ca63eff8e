import { describe, expect, it } from 'vitest';
import type { AssessmentInput, DimensionKey, SegmentKey, Verdict } from '../../src/features/assessment/domain/index.js';
import {
  AssessmentInputError,
  DIMENSION_KEYS,
  level,
  meanOf,
  roundHalfUp1,
  scoreAssessment,
} from '../../src/features/assessment/domain/index.js';

type Five = [number, number, number, number, number];
const scoresOf = (values: Five): Record<DimensionKey, number> =>
  Object.fromEntries(DIMENSION_KEYS.map((k, i) => [k, values[i]])) as Record<DimensionKey, number>;
const score = (values: Five, redFlags: string[] = [], segment: SegmentKey = 'pure_plg') =>
  scoreAssessment({ scores: scoresOf(values), redFlags, segment });

function inputError(fn: () => unknown): AssessmentInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AssessmentInputError) return e;
    throw e;
  }
  throw new Error('expected an AssessmentInputError');
}

describe('roundHalfUp1', () => {
  it.each([
    [4.55, 4.6],
    [4.45, 4.5],
    [2.45, 2.5],
    [1.05, 1.1],
    [1.15, 1.2],
    [1.95, 2.0],
    [22.75 / 5, 4.6],
    [0.15, 0.2],
    [0.01 + 2.44, 2.5], // 2.4499999999999997, meant as 2.45
    [0.01 + 4.64, 4.7], // 4.6499999999999995, meant as 4.65
    [4.54, 4.5],
    [4.549, 4.5],
    [4.0, 4.0],
    [5, 5],
    [1, 1],
    [3.96, 4.0],
  ])('%s -> %s', (x, expected) => {
    expect(roundHalfUp1(x)).toBe(expected);
  });

  it('rounds a negative tie towards +infinity and never returns -0', () => {
    expect(roundHalfUp1(-0.25)).toBe(-0.2);
    expect(Object.is(roundHalfUp1(-0.04), 0)).toBe(true);
  });

  it('rejects non-finite numbers', () => {
    expect(() => roundHalfUp1(Number.NaN)).toThrow(RangeError);
  });
});

describe('meanOf', () => {
  it.each([
    [[4, 5], 4.5],
    [[...Array<number>(11).fill(5), ...Array<number>(9).fill(4)], 4.6], // 91 / 20 = 4.55
    [[2, 3, 2, 3], 2.5],
    [[1, 1, 1, 2], 1.3], // 1.25
    [[3], 3],
    [[1, 2, 2], 1.7], // 1.666...
    [[2.4, 2.5], 2.5], // non-integers: 2.45
  ])('%j -> %s', (values, expected) => {
    expect(meanOf(values)).toBe(expected);
  });

  it('rejects an empty list', () => {
    expect(() => meanOf([])).toThrow(RangeError);
  });
});

describe('scoreAssessment: overall and band at every edge a single response can reach', () => {
  it.each<[Five, number, number, string]>([
    [[1, 1, 1, 1, 1], 1.0, 1.0, 'critical'],
    [[2, 2, 2, 2, 1], 1.8, 1.8, 'critical'],
    [[2, 2, 2, 2, 2], 2.0, 2.0, 'developing'],
    [[3, 3, 3, 3, 2], 2.8, 2.8, 'developing'],
    [[3, 3, 3, 3, 3], 3.0, 3.0, 'competent'],
    [[4, 4, 4, 4, 3], 3.8, 3.8, 'competent'],
    [[4, 4, 4, 4, 4], 4.0, 4.0, 'advanced'],
    [[5, 5, 4, 4, 4], 4.4, 4.4, 'advanced'],
    [[5, 5, 5, 4, 4], 4.6, 4.6, 'best_in_class'],
    [[5, 5, 5, 5, 5], 5.0, 5.0, 'best_in_class'],
    [[1, 2, 3, 4, 5], 3.0, 3.0, 'competent'],
  ])('%j -> %s (%s) %s', (values, overall, exact, bandKey) => {
    const result = score(values);
    expect(result.overall).toBe(overall);
    expect(result.overallExact).toBe(exact);
    expect(result.band.key).toBe(bandKey);
  });

  it('sums exactly: 3+3+3+3+2 gives 2.8, not 2.8000000000000003', () => {
    expect(score([3, 3, 3, 3, 2]).overall).toBe(2.8);
    expect(score([1, 2, 2, 2, 2]).overall).toBe(1.8);
  });
});

describe('scoreAssessment: verdict against each segment at its edges', () => {
  it.each<[SegmentKey, Five, Verdict]>([
    ['pure_plg', [2, 2, 2, 2, 2], 'alarm'], // 2.0 = alarm
    ['pure_plg', [3, 2, 2, 2, 2], 'below_expected'], // 2.2
    ['pure_plg', [3, 3, 3, 2, 2], 'below_expected'], // 2.6, just below expected 2.8
    ['pure_plg', [3, 3, 3, 3, 2], 'at_or_above_expected'], // 2.8 = expected
    ['pure_plg', [4, 4, 3, 3, 3], 'at_or_above_expected'], // 3.4, just below good 3.5
    ['pure_plg', [4, 4, 4, 3, 3], 'good'], // 3.6
    ['plg_sales_assist', [2, 2, 2, 2, 1], 'alarm'], // 1.8 = alarm
    ['plg_sales_assist', [2, 2, 2, 2, 2], 'below_expected'], // 2.0, just above alarm
    ['plg_sales_assist', [3, 2, 2, 2, 2], 'below_expected'], // 2.2, just below expected 2.4
    ['plg_sales_assist', [3, 3, 2, 2, 2], 'at_or_above_expected'], // 2.4 = expected
    ['plg_sales_assist', [3, 3, 3, 3, 4], 'good'], // 3.2 = good
    ['plg_sales_assist', [3, 3, 3, 3, 3], 'at_or_above_expected'], // 3.0, just below good
    ['sales_led_freemium', [2, 1, 1, 1, 1], 'alarm'], // 1.2 = alarm
    ['sales_led_freemium', [2, 2, 1, 1, 1], 'below_expected'], // 1.4
    ['sales_led_freemium', [2, 2, 2, 2, 1], 'at_or_above_expected'], // 1.8 = expected
    ['sales_led_freemium', [3, 2, 2, 2, 2], 'at_or_above_expected'], // 2.2
    ['sales_led_freemium', [3, 3, 3, 2, 2], 'good'], // 2.6 (good is 2.5)
    ['devtools_plg', [3, 2, 2, 2, 2], 'alarm'], // 2.2 = alarm
    ['devtools_plg', [3, 3, 3, 3, 2], 'below_expected'], // 2.8, just below expected 3.0
    ['devtools_plg', [3, 3, 3, 3, 3], 'at_or_above_expected'], // 3.0 = expected
    ['devtools_plg', [4, 4, 4, 3, 3], 'at_or_above_expected'], // 3.6, just below good
    ['devtools_plg', [4, 4, 4, 4, 3], 'good'], // 3.8 = good
  ])('%s %j -> %s', (segmentKey, values, verdict) => {
    const result = score(values, [], segmentKey);
    expect(result.verdict).toBe(verdict);
    expect(result.segment.key).toBe(segmentKey);
  });

  it('reports the segment thresholds', () => {
    expect(score([3, 3, 3, 3, 3], [], 'devtools_plg').segment).toMatchObject({ expected: 3.0, good: 3.8, alarm: 2.2 });
  });
});

describe('scoreAssessment: weakest dimensions and next levels', () => {
  it('returns the single weakest dimension and the level above it', () => {
    const result = score([3, 2, 4, 3, 5]);
    expect(result.weakest).toEqual(['activation']);
    expect(result.nextLevels).toEqual([
      { dimension: 'activation', current: level('activation', 2), next: level('activation', 3) },
    ]);
  });

  it('returns every dimension tied at the minimum, in rubric order', () => {
    const result = score([2, 4, 2, 5, 2]);
    expect(result.weakest).toEqual(['data_integration', 'usage_campaigns', 'feedback_loop']);
    expect(result.nextLevels.map((n) => [n.dimension, n.current.score, n.next?.score])).toEqual([
      ['data_integration', 2, 3],
      ['usage_campaigns', 2, 3],
      ['feedback_loop', 2, 3],
    ]);
  });

  it('has no next level when everything is at 5', () => {
    const result = score([5, 5, 5, 5, 5]);
    expect(result.weakest).toEqual([...DIMENSION_KEYS]);
    for (const n of result.nextLevels) {
      expect(n.current.score).toBe(5);
      expect(n).not.toHaveProperty('next');
    }
  });
});

describe('scoreAssessment: flags', () => {
  it('adds an automatic flag for every dimension at level 1', () => {
    const result = score([1, 3, 1, 4, 2]);
    expect(result.flags).toEqual([
      {
        kind: 'automatic',
        dimension: 'data_integration',
        text: 'Data Integration & Infrastructure is at level 1 (Ad hoc)',
      },
      { kind: 'automatic', dimension: 'usage_campaigns', text: 'Usage-Driven Campaigns is at level 1 (Ad hoc)' },
    ]);
  });

  it('has no flags when none are ticked and nothing is at level 1', () => {
    expect(score([2, 2, 2, 2, 2]).flags).toEqual([]);
  });

  it('groups ticked and automatic flags by dimension in rubric order, deduplicated', () => {
    const result = score(
      [3, 1, 3, 3, 3],
      [
        'feedback_loop.no_shared_kpis',
        'activation.time_to_value_unmeasured',
        'data_integration.manual_data_syncs',
        'activation.no_activation_metric',
        'feedback_loop.no_shared_kpis',
      ],
    );
    expect(result.flags.map((f) => (f.kind === 'ticked' ? f.key : `auto:${f.dimension}`))).toEqual([
      'data_integration.manual_data_syncs',
      'auto:activation',
      'activation.no_activation_metric',
      'activation.time_to_value_unmeasured',
      'feedback_loop.no_shared_kpis',
    ]);
    expect(result.flags[0]).toEqual({
      kind: 'ticked',
      key: 'data_integration.manual_data_syncs',
      dimension: 'data_integration',
      text: 'manual data syncs',
    });
  });
});

describe('scoreAssessment: validation', () => {
  const valid: AssessmentInput = { scores: scoresOf([3, 3, 3, 3, 3]), redFlags: [], segment: 'pure_plg' };

  it.each([
    ['zero', 0],
    ['six', 6],
    ['a fraction', 2.5],
    ['NaN', Number.NaN],
    ['a string', '3'],
    ['missing', undefined],
  ])('rejects a score that is %s', (_what, bad) => {
    const err = inputError(() => scoreAssessment({ ...valid, scores: { ...valid.scores, pqls: bad as number } }));
    expect(err.issues).toEqual([{ path: 'scores.pqls', message: expect.stringContaining('integer 1..5') }]);
  });

  it('rejects an unknown dimension', () => {
    const err = inputError(() =>
      scoreAssessment({ ...valid, scores: { ...valid.scores, extra: 3 } as Record<DimensionKey, number> }),
    );
    expect(err.issues.map((i) => i.path)).toEqual(['scores.extra']);
  });

  it('rejects unknown red flag keys and reports them all at once', () => {
    const err = inputError(() =>
      scoreAssessment({
        ...valid,
        scores: { ...valid.scores, activation: 9 },
        redFlags: ['pqls.no_pql_definition', 'pqls.nope', 'data_integration.1'],
      }),
    );
    expect(err.issues.map((i) => i.path)).toEqual(['scores.activation', 'redFlags[1]', 'redFlags[2]']);
    expect(err.message).toContain('pqls.nope');
    expect(err.name).toBe('AssessmentInputError');
    expect(err).toBeInstanceOf(Error);
  });

  it('rejects an unknown segment', () => {
    const err = inputError(() => scoreAssessment({ ...valid, segment: 'enterprise' as SegmentKey }));
    expect(err.issues.map((i) => i.path)).toEqual(['segment']);
  });
});
