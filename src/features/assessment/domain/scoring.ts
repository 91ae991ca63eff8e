/** Scoring of one assessment response: overall, band, segment verdict, weakest dimensions, flags. */

import type { Band } from './bands.js';
import { bandFor } from './bands.js';
import { fromTenths, ratioTenthsHalfUp, roundHalfUp1 } from './decimal.js';
import type { InputIssue } from './input.js';
import { checkFlagKeys, checkScores, throwIfIssues } from './input.js';
import type { DimensionKey, Level, Score } from './rubric.js';
import { DIMENSION_KEYS, dimension, level } from './rubric.js';
import type { Segment, SegmentKey, Verdict } from './segments.js';
import { isSegmentKey, segment as segmentOf, verdictFor } from './segments.js';

export { roundHalfUp1 } from './decimal.js';

export interface AssessmentInput {
  readonly scores: Readonly<Record<DimensionKey, number>>;
  /** Red flag keys, e.g. `pqls.no_pql_definition`. */
  readonly redFlags: readonly string[];
  readonly segment: SegmentKey;
}

export type AssessmentFlag =
  | { readonly kind: 'ticked'; readonly key: string; readonly dimension: DimensionKey; readonly text: string }
  /** Raised for every dimension scored 1, whether or not a red flag was ticked. */
  | { readonly kind: 'automatic'; readonly dimension: DimensionKey; readonly text: string };

export interface NextLevel {
  readonly dimension: DimensionKey;
  readonly current: Level;
  /** The level above; absent when the dimension is already at 5. */
  readonly next?: Level;
}

export interface ScoredAssessment {
  readonly scores: Readonly<Record<DimensionKey, Score>>;
  /** Mean of the five scores rounded half up to one decimal; used for band and verdict. */
  readonly overall: number;
  /** Unrounded mean (sum / 5). */
  readonly overallExact: number;
  readonly band: Band;
  /** The segment with its expected / good / alarm thresholds. */
  readonly segment: Segment;
  readonly verdict: Verdict;
  /** Every dimension tied at the lowest score, in rubric order. */
  readonly weakest: readonly DimensionKey[];
  /** One entry per weakest dimension, in the same order. */
  readonly nextLevels: readonly NextLevel[];
  /** Grouped by dimension in rubric order: the automatic level-1 flag first, then ticked flags in seed order. */
  readonly flags: readonly AssessmentFlag[];
}

export function automaticFlagText(key: DimensionKey): string {
  return `${dimension(key).name} is at level 1 (${level(key, 1).name})`;
}

/**
 * Scores one response. Throws `AssessmentInputError` (with every issue) when a score is missing,
 * not an integer 1..5 or for an unknown dimension, when a red flag key is unknown, or when the
 * segment is unknown.
 */
export function scoreAssessment(input: AssessmentInput): ScoredAssessment {
  const issues: InputIssue[] = [];
  const scores = checkScores(input.scores, 'scores', issues);
  const ticked = checkFlagKeys(input.redFlags, 'redFlags', issues);
  if (!isSegmentKey(input.segment)) {
    issues.push({ path: 'segment', message: `unknown segment ${String(input.segment)}` });
  }
  throwIfIssues(issues);

  const sum = DIMENSION_KEYS.reduce((acc, key) => acc + scores[key], 0);
  const overall = fromTenths(ratioTenthsHalfUp(sum, DIMENSION_KEYS.length));
  const lowest = Math.min(...DIMENSION_KEYS.map((key) => scores[key]));
  const weakest = DIMENSION_KEYS.filter((key) => scores[key] === lowest);

  const flags: AssessmentFlag[] = [];
  for (const key of DIMENSION_KEYS) {
    if (scores[key] === 1) flags.push({ kind: 'automatic', dimension: key, text: automaticFlagText(key) });
    for (const f of ticked) {
      if (f.dimension === key) flags.push({ kind: 'ticked', key: f.key, dimension: key, text: f.text });
    }
  }

  return {
    scores,
    overall,
    overallExact: sum / DIMENSION_KEYS.length,
    band: bandFor(overall),
    segment: segmentOf(input.segment),
    verdict: verdictFor(input.segment, overall),
    weakest,
    nextLevels: weakest.map((key) => nextLevel(key, scores[key])),
    flags,
  };
}

function nextLevel(key: DimensionKey, score: Score): NextLevel {
  const current = level(key, score);
  return score < 5 ? { dimension: key, current, next: level(key, (score + 1) as Score) } : { dimension: key, current };
}

/**
 * Mean rounded half up to one decimal, for per-dimension means of a round.
 * Integer inputs use exact integer arithmetic; throws RangeError on an empty list.
 */
export function meanOf(scores: readonly number[]): number {
  if (scores.length === 0) throw new RangeError('meanOf needs at least one score');
  const sum = scores.reduce((acc, s) => acc + s, 0);
  return scores.every(Number.isSafeInteger) && Number.isSafeInteger(sum)
    ? fromTenths(ratioTenthsHalfUp(sum, scores.length))
    : roundHalfUp1(sum / scores.length);
}
