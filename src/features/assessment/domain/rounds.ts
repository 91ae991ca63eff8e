/**
 * Summary of a round with several respondents. The caller passes the latest response of each
 * respondent. Overall = mean of the exact (unrounded) per-dimension means, which equals the mean of
 * all scores, rounded half up to one decimal once; rounding the per-dimension means first would
 * round twice.
 */

import type { Band } from './bands.js';
import { bandFor } from './bands.js';
import { fromTenths, ratioTenthsHalfUp } from './decimal.js';
import type { InputIssue } from './input.js';
import { checkFlagKeys, checkScores, throwIfIssues } from './input.js';
import type { DimensionKey, RedFlag, Score } from './rubric.js';
import { DIMENSION_KEYS, RED_FLAGS } from './rubric.js';
import type { Segment, SegmentKey, Verdict } from './segments.js';
import { isSegmentKey, segment as segmentOf, verdictFor } from './segments.js';

/** A dimension whose max - min reaches this is a disagreement worth discussing. */
export const DISAGREEMENT_SPREAD = 2;

export interface RoundResponse {
  readonly scores: Readonly<Record<DimensionKey, number>>;
  readonly redFlags: readonly string[];
}

export interface DimensionSummary {
  readonly dimension: DimensionKey;
  /** Mean rounded half up to one decimal. */
  readonly mean: number;
  readonly meanExact: number;
  readonly min: Score;
  readonly max: Score;
  /** max - min */
  readonly spread: number;
  readonly disagreement: boolean;
}

export interface FlagCount {
  readonly flag: RedFlag;
  /** k of n: `count` respondents out of `of` ticked it. */
  readonly count: number;
  readonly of: number;
}

export interface RoundSummary {
  readonly respondents: number;
  /** Rubric order. */
  readonly dimensions: readonly DimensionSummary[];
  /** Rounded per-dimension means keyed by dimension (fits `compareAssessments`). */
  readonly means: Readonly<Record<DimensionKey, number>>;
  readonly overall: number;
  readonly overallExact: number;
  readonly band: Band;
  /** Dimensions tied at the lowest exact mean, rubric order. */
  readonly weakest: readonly DimensionKey[];
  /** Dimensions with max - min >= 2, rubric order. */
  readonly disagreements: readonly DimensionKey[];
  /** Flags ticked by at least one respondent; most often ticked first, ties in rubric order. */
  readonly flags: readonly FlagCount[];
  /** Present when a segment was given. */
  readonly benchmark?: { readonly segment: Segment; readonly verdict: Verdict };
}

/**
 * Throws `AssessmentInputError` for an empty list, any invalid response (paths like
 * `responses[1].scores.pqls`) or an unknown segment.
 */
export function roundSummary(
  responses: readonly RoundResponse[],
  options: { readonly segment?: SegmentKey } = {},
): RoundSummary {
  const issues: InputIssue[] = [];
  if (responses.length === 0) issues.push({ path: 'responses', message: 'a round needs at least one response' });
  if (options.segment !== undefined && !isSegmentKey(options.segment)) {
    issues.push({ path: 'segment', message: `unknown segment ${String(options.segment)}` });
  }
  const checked = responses.map((r, i) => ({
    scores: checkScores(r.scores, `responses[${i}].scores`, issues),
    flags: checkFlagKeys(r.redFlags, `responses[${i}].redFlags`, issues),
  }));
  throwIfIssues(issues);

  const n = checked.length;
  const dimensions = DIMENSION_KEYS.map((key): DimensionSummary => {
    const values = checked.map((c) => c.scores[key]);
    const sum = values.reduce((a, b) => a + b, 0);
    const min = Math.min(...values) as Score;
    const max = Math.max(...values) as Score;
    return {
      dimension: key,
      mean: fromTenths(ratioTenthsHalfUp(sum, n)),
      meanExact: sum / n,
      min,
      max,
      spread: max - min,
      disagreement: max - min >= DISAGREEMENT_SPREAD,
    };
  });

  const total = checked.reduce((acc, c) => acc + DIMENSION_KEYS.reduce((s, k) => s + c.scores[k], 0), 0);
  const overall = fromTenths(ratioTenthsHalfUp(total, DIMENSION_KEYS.length * n));
  const lowest = Math.min(...dimensions.map((d) => d.meanExact));

  const counts = RED_FLAGS.map((flag) => ({
    flag,
    count: checked.filter((c) => c.flags.includes(flag)).length,
    of: n,
  })).filter((f) => f.count > 0);
  // Array.prototype.sort is stable, so equal counts keep rubric order.
  counts.sort((a, b) => b.count - a.count);

  const means = {} as Record<DimensionKey, number>;
  for (const d of dimensions) means[d.dimension] = d.mean;

  const summary: RoundSummary = {
    respondents: n,
    dimensions,
    means,
    overall,
    overallExact: total / (DIMENSION_KEYS.length * n),
    band: bandFor(overall),
    // Same n for every dimension, so comparing exact means is comparing integer sums.
    weakest: dimensions.filter((d) => d.meanExact === lowest).map((d) => d.dimension),
    disagreements: dimensions.filter((d) => d.disagreement).map((d) => d.dimension),
    flags: counts,
  };
  return options.segment === undefined
    ? summary
    : { ...summary, benchmark: { segment: segmentOf(options.segment), verdict: verdictFor(options.segment, overall) } };
}
