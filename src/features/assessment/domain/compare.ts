/** Change between two assessments (or two round summaries), without floating noise. */

import { fromTenths, toTenths } from './decimal.js';
import type { DimensionKey } from './rubric.js';
import { DIMENSION_KEYS } from './rubric.js';

/**
 * What a comparison needs: per-dimension values and the rounded overall, all on the one-decimal
 * grid. A `ScoredAssessment` fits as is; for a `RoundSummary` pass `{ scores: s.means, overall: s.overall }`.
 */
export interface Comparable {
  readonly scores: Readonly<Record<DimensionKey, number>>;
  readonly overall: number;
}

export type Direction = 'up' | 'down' | 'same';

export interface Delta {
  readonly current: number;
  readonly previous: number;
  /** current - previous, exact to one decimal (0.3, never 0.30000000000000004). */
  readonly delta: number;
  readonly direction: Direction;
}

export type AssessmentComparison =
  | { readonly kind: 'first' }
  | {
      readonly kind: 'compared';
      readonly overall: Delta;
      readonly dimensions: Readonly<Record<DimensionKey, Delta>>;
    };

export function deltaOf(current: number, previous: number): Delta {
  const diff = toTenths(current) - toTenths(previous);
  return {
    current,
    previous,
    delta: fromTenths(diff),
    direction: diff > 0 ? 'up' : diff < 0 ? 'down' : 'same',
  };
}

/** `{ kind: 'first' }` when there is no previous assessment. Throws RangeError on values off the one-decimal grid. */
export function compareAssessments(current: Comparable, previous: Comparable | undefined): AssessmentComparison {
  if (!previous) return { kind: 'first' };
  const dimensions = {} as Record<DimensionKey, Delta>;
  for (const key of DIMENSION_KEYS) dimensions[key] = deltaOf(current.scores[key], previous.scores[key]);
  return { kind: 'compared', overall: deltaOf(current.overall, previous.overall), dimensions };
}
