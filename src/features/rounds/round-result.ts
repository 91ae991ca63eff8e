import {
  type AssessmentComparison,
  compareAssessments,
  type DimensionKey,
  type FunctionKey,
  functionCounts,
  isFunctionKey,
  isSegmentKey,
  type ProductMarketingGap,
  productMarketingGap,
  type RoundSummary,
  roundSummary,
  type SegmentKey,
} from '../assessment/domain/index.js';
import type { StoredRound, StoredRoundResponse } from './domain/round.js';

export interface RoundResult {
  round: StoredRound;
  /** The latest answer of each respondent. */
  responses: StoredRoundResponse[];
  /** Absent when nobody answered: no score is made up. */
  summary: RoundSummary | undefined;
  gap: ProductMarketingGap;
  functions: Record<FunctionKey, number>;
  /** Respondents who were not on the invitee list (only when the round had one). */
  uninvited: string[];
  previous: { round: StoredRound; summary: RoundSummary } | undefined;
  comparison: AssessmentComparison;
}

const functionOf = (r: StoredRoundResponse): FunctionKey => (isFunctionKey(r.function) ? r.function : 'other');
const scoresOf = (r: StoredRoundResponse) => r.scores as Record<DimensionKey, number>;

export function summarizeResponses(round: StoredRound, responses: StoredRoundResponse[]): RoundSummary | undefined {
  if (responses.length === 0) return undefined;
  const segment = round.segment !== null && isSegmentKey(round.segment) ? (round.segment as SegmentKey) : undefined;
  return roundSummary(
    responses.map((r) => ({ scores: scoresOf(r), redFlags: r.redFlags })),
    segment ? { segment } : {},
  );
}

export function buildRoundResult(
  round: StoredRound,
  responses: StoredRoundResponse[],
  previous: RoundResult['previous'],
): RoundResult {
  const summary = summarizeResponses(round, responses);
  const withFunctions = responses.map((r) => ({ function: functionOf(r), scores: scoresOf(r) }));
  return {
    round,
    responses,
    summary,
    gap: productMarketingGap(withFunctions),
    functions: functionCounts(withFunctions),
    uninvited: round.invitees.length > 0 ? responses.filter((r) => !r.invited).map((r) => r.userId) : [],
    previous,
    comparison:
      summary && previous
        ? compareAssessments(
            { scores: summary.means, overall: summary.overall },
            { scores: previous.summary.means, overall: previous.summary.overall },
          )
        : { kind: 'first' },
  };
}
