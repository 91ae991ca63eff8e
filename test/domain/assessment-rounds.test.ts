import { describe, expect, it } from 'vitest';
import type { DimensionKey, RoundResponse, SegmentKey } from '../../src/features/assessment/domain/index.js';
import { AssessmentInputError, DIMENSION_KEYS, roundSummary } from '../../src/features/assessment/domain/index.js';

type Five = [number, number, number, number, number];
const scoresOf = (values: Five): Record<DimensionKey, number> =>
  Object.fromEntries(DIMENSION_KEYS.map((k, i) => [k, values[i]])) as Record<DimensionKey, number>;
const response = (values: Five, redFlags: string[] = []): RoundResponse => ({ scores: scoresOf(values), redFlags });

/** Four respondents (20 scores) whose scores add up to `total`: start at all 1s, raise one score at a time. */
function fourRespondentsWithTotal(total: number): RoundResponse[] {
  const grid: Five[] = [
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1],
  ];
  let left = total - 20;
  for (let pass = 0; pass < 4 && left > 0; pass++) {
    for (let cell = 0; cell < 20 && left > 0; cell++) {
      grid[cell % 4]![Math.floor(cell / 4)]! += 1;
      left -= 1;
    }
  }
  return grid.map((row) => response(row));
}

describe('roundSummary: overall and band from the per-dimension means, rounded half up once', () => {
  it.each([
    [21, 1.05, 1.1, 'critical'],
    [38, 1.9, 1.9, 'critical'],
    [39, 1.95, 2.0, 'developing'],
    [49, 2.45, 2.5, 'developing'],
    [58, 2.9, 2.9, 'developing'],
    [59, 2.95, 3.0, 'competent'],
    [79, 3.95, 4.0, 'advanced'],
    [89, 4.45, 4.5, 'advanced'],
    [90, 4.5, 4.5, 'advanced'],
    [91, 4.55, 4.6, 'best_in_class'],
    [100, 5, 5, 'best_in_class'],
  ])('total %i over 20 scores = %s -> %s %s', (total, exact, overall, bandKey) => {
    const responses = fourRespondentsWithTotal(total);
    expect(responses.flatMap((r) => Object.values(r.scores)).reduce((a, b) => a + b, 0)).toBe(total);
    const summary = roundSummary(responses);
    expect(summary.overallExact).toBe(exact);
    expect(summary.overall).toBe(overall);
    expect(summary.band.key).toBe(bandKey);
  });

  it('rounds per-dimension means half up (.25 and .75 go up)', () => {
    const summary = roundSummary([
      response([5, 3, 2, 1, 4]),
      response([5, 2, 2, 1, 4]),
      response([5, 2, 3, 1, 4]),
      response([4, 2, 2, 2, 3]),
    ]);
    expect(summary.dimensions.map((d) => [d.dimension, d.meanExact, d.mean])).toEqual([
      ['data_integration', 4.75, 4.8],
      ['activation', 2.25, 2.3],
      ['usage_campaigns', 2.25, 2.3],
      ['pqls', 1.25, 1.3],
      ['feedback_loop', 3.75, 3.8],
    ]);
    expect(summary.means).toEqual({
      data_integration: 4.8,
      activation: 2.3,
      usage_campaigns: 2.3,
      pqls: 1.3,
      feedback_loop: 3.8,
    });
  });

  it('averages the exact means, not the rounded ones (no double rounding)', () => {
    // Means 4.67, 2.67, 5, 4.67, 4.67: exact overall 65/15 = 4.33 -> 4.3.
    // Averaging the rounded means (4.7, 2.7, 5.0, 4.7, 4.7) would give 4.36 -> 4.4.
    const summary = roundSummary([response([5, 3, 5, 5, 4]), response([5, 3, 5, 5, 5]), response([4, 2, 5, 4, 5])]);
    expect(summary.means).toEqual({
      data_integration: 4.7,
      activation: 2.7,
      usage_campaigns: 5,
      pqls: 4.7,
      feedback_loop: 4.7,
    });
    expect(summary.overall).toBe(4.3);
    expect(summary.band.key).toBe('advanced');
  });

  it('a single respondent gives the same overall as scoring that response', () => {
    const summary = roundSummary([response([3, 3, 3, 3, 2])]);
    expect(summary.overall).toBe(2.8);
    expect(summary.respondents).toBe(1);
    expect(summary.disagreements).toEqual([]);
  });
});

describe('roundSummary: min, max and disagreement', () => {
  const summary = roundSummary([response([1, 3, 2, 5, 3]), response([3, 4, 2, 1, 3]), response([2, 3, 2, 3, 4])]);

  it('reports min, max and spread per dimension', () => {
    expect(summary.dimensions.map((d) => [d.dimension, d.min, d.max, d.spread])).toEqual([
      ['data_integration', 1, 3, 2],
      ['activation', 3, 4, 1],
      ['usage_campaigns', 2, 2, 0],
      ['pqls', 1, 5, 4],
      ['feedback_loop', 3, 4, 1],
    ]);
  });

  it('flags a disagreement when max - min >= 2, not at 1', () => {
    expect(summary.dimensions.map((d) => d.disagreement)).toEqual([true, false, false, true, false]);
    expect(summary.disagreements).toEqual(['data_integration', 'pqls']);
  });

  it('finds the weakest dimensions by exact mean, ties included', () => {
    // Means: 2, 3.33, 2, 3, 3.33
    expect(summary.weakest).toEqual(['data_integration', 'usage_campaigns']);
  });
});

describe('roundSummary: red flags as k of n', () => {
  const summary = roundSummary([
    response([2, 2, 2, 2, 2], ['pqls.no_pql_definition', 'data_integration.manual_data_syncs']),
    response([2, 2, 2, 2, 2], ['pqls.no_pql_definition', 'feedback_loop.no_shared_kpis']),
    response([2, 2, 2, 2, 2], ['pqls.no_pql_definition', 'feedback_loop.no_shared_kpis', 'pqls.no_pql_definition']),
    response([2, 2, 2, 2, 2]),
  ]);

  it('counts each flag once per respondent, most frequent first, ties in rubric order', () => {
    expect(summary.flags.map((f) => [f.flag.key, f.count, f.of])).toEqual([
      ['pqls.no_pql_definition', 3, 4],
      ['feedback_loop.no_shared_kpis', 2, 4],
      ['data_integration.manual_data_syncs', 1, 4],
    ]);
  });

  it('leaves out flags nobody ticked', () => {
    expect(summary.flags.every((f) => f.count > 0)).toBe(true);
    expect(summary.flags).toHaveLength(3);
  });
});

describe('roundSummary: segment and validation', () => {
  it('adds the verdict when a segment is given', () => {
    const responses = fourRespondentsWithTotal(59); // 3.0
    expect(roundSummary(responses, { segment: 'devtools_plg' }).benchmark).toMatchObject({
      segment: { key: 'devtools_plg' },
      verdict: 'at_or_above_expected',
    });
    expect(roundSummary(responses, { segment: 'pure_plg' }).benchmark?.verdict).toBe('at_or_above_expected');
    expect(roundSummary(fourRespondentsWithTotal(39), { segment: 'pure_plg' }).benchmark?.verdict).toBe('alarm'); // 2.0
    expect(roundSummary(responses)).not.toHaveProperty('benchmark');
  });

  it('rejects an empty round', () => {
    expect(() => roundSummary([])).toThrow(AssessmentInputError);
  });

  it('names the offending response and field', () => {
    let caught: unknown;
    try {
      roundSummary([response([3, 3, 3, 3, 3]), response([3, 3, 3, 0, 3], ['nope'])], {
        segment: 'x' as SegmentKey,
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AssessmentInputError);
    expect((caught as AssessmentInputError).issues.map((i) => i.path)).toEqual([
      'segment',
      'responses[1].scores.pqls',
      'responses[1].redFlags[0]',
    ]);
  });
});
