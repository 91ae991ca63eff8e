export type { NewAssessment, StoredAssessment } from './assessment.js';
export type { Band, BandKey } from './bands.js';

export { BAND_KEYS, BANDS, band, bandFor } from './bands.js';
export type { AssessmentComparison, Comparable, Delta, Direction } from './compare.js';
export { compareAssessments, deltaOf } from './compare.js';
export { fromTenths, toTenths } from './decimal.js';
export type { DurationParse } from './duration.js';
export { DEFAULT_ROUND_MS, formatRoundDuration, MAX_ROUND_MS, MIN_ROUND_MS, parseRoundDuration } from './duration.js';
export type { FunctionKey } from './functions.js';
export { FUNCTION_KEYS, FUNCTIONS, functionName, isFunctionKey } from './functions.js';
export type { DimensionGap, FunctionResponse, ProductMarketingGap } from './gap.js';
export { functionCounts, productMarketingGap } from './gap.js';
export type { InputIssue } from './input.js';
export { AssessmentInputError, NOTE_MAX_CHARS, noteLength } from './input.js';
export type { ResultKind, ResultRef } from './results.js';
export { compareResultOrder, latestBefore, resultName } from './results.js';
export type { DimensionSummary, FlagCount, RoundResponse, RoundSummary } from './rounds.js';
export { DISAGREEMENT_SPREAD, roundSummary } from './rounds.js';
export type { Dimension, DimensionKey, Level, LevelName, RedFlag, Score } from './rubric.js';
export {
  DIMENSION_KEYS,
  DIMENSIONS,
  dimension,
  isDimensionKey,
  isScore,
  LEVEL_NAMES,
  level,
  RED_FLAGS,
  redFlag,
  SCORES,
} from './rubric.js';
export type { AssessmentFlag, AssessmentInput, NextLevel, ScoredAssessment } from './scoring.js';
export { automaticFlagText, meanOf, roundHalfUp1, scoreAssessment } from './scoring.js';
export type { Segment, SegmentKey, Verdict } from './segments.js';
export {
  isSegmentKey,
  SEGMENT_KEYS,
  SEGMENTS,
  segment,
  VERDICT_LABELS,
  VERDICTS,
  verdictFor,
} from './segments.js';

export type { MessageRef, SummaryPost, SummaryPostStatus } from './summary-post.js';
