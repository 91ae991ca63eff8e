export {
  DIMENSIONS,
  DIMENSION_KEYS,
  LEVEL_NAMES,
  RED_FLAGS,
  SCORES,
  dimension,
  isDimensionKey,
  isScore,
  level,
  redFlag,
} from './rubric.js';
export type { Dimension, DimensionKey, Level, LevelName, RedFlag, Score } from './rubric.js';

export { BANDS, BAND_KEYS, band, bandFor } from './bands.js';
export type { Band, BandKey } from './bands.js';

export {
  SEGMENTS,
  SEGMENT_KEYS,
  VERDICTS,
  VERDICT_LABELS,
  isSegmentKey,
  segment,
  verdictFor,
} from './segments.js';
export type { Segment, SegmentKey, Verdict } from './segments.js';

export { AssessmentInputError, NOTE_MAX_CHARS, noteLength } from './input.js';
export type { InputIssue } from './input.js';

export { automaticFlagText, meanOf, roundHalfUp1, scoreAssessment } from './scoring.js';
export type { AssessmentFlag, AssessmentInput, NextLevel, ScoredAssessment } from './scoring.js';

export { compareAssessments, deltaOf } from './compare.js';
export type { AssessmentComparison, Comparable, Delta, Direction } from './compare.js';

export { DISAGREEMENT_SPREAD, roundSummary } from './rounds.js';
export type { DimensionSummary, FlagCount, RoundResponse, RoundSummary } from './rounds.js';

export { fromTenths, toTenths } from './decimal.js';

export { FUNCTIONS, FUNCTION_KEYS, functionName, isFunctionKey } from './functions.js';
export type { FunctionKey } from './functions.js';

export { functionCounts, productMarketingGap } from './gap.js';
export type { DimensionGap, FunctionResponse, ProductMarketingGap } from './gap.js';

export { DEFAULT_ROUND_MS, MAX_ROUND_MS, MIN_ROUND_MS, formatRoundDuration, parseRoundDuration } from './duration.js';
export type { DurationParse } from './duration.js';

export { compareResultOrder, latestBefore, resultName } from './results.js';
export type { ResultKind, ResultRef } from './results.js';

export type { NewAssessment, StoredAssessment } from './assessment.js';

export type { MessageRef, SummaryPost, SummaryPostStatus } from './summary-post.js';
