import {
  compareResultOrder,
  type DimensionKey,
  latestBefore,
  type ResultRef,
  type SegmentKey,
  type StoredAssessment,
  scoreAssessment,
} from '../assessment/domain/index.js';
import type { AssessmentsRepository } from '../assessment/repository.js';
import type { StoredRound, StoredRoundResponse } from './domain/round.js';
import type { RoundsRepository } from './repository.js';
import { summarizeResponses } from './round-result.js';

/** One result of the team: a single assessment, or a closed round with answers (its per-dimension means). */
export interface TeamResult extends ResultRef {
  overall: number;
  /** The band's name. */
  band: string;
  scores: Record<DimensionKey, number>;
  /** 1 for a single assessment. */
  respondents: number;
}

export function assessmentResult(a: StoredAssessment): TeamResult {
  const scored = scoreAssessment({
    scores: a.scores as Record<DimensionKey, number>,
    redFlags: a.redFlags,
    segment: a.segment as SegmentKey,
  });
  return {
    kind: 'assessment',
    id: a.id,
    at: a.createdAt,
    overall: scored.overall,
    band: scored.band.name,
    scores: { ...scored.scores },
    respondents: 1,
  };
}

/** Undefined for a round nobody answered: it has no score to compare with. */
export function roundTeamResult(round: StoredRound, responses: StoredRoundResponse[]): TeamResult | undefined {
  const summary = summarizeResponses(round, responses);
  if (!summary) return undefined;
  return {
    kind: 'round',
    id: round.id,
    at: round.closedAt ?? round.deadlineAt,
    overall: summary.overall,
    band: summary.band.name,
    scores: { ...summary.means },
    respondents: summary.respondents,
  };
}

/** Rounds read a page at a time when looking back: rounds without answers are skipped. */
const ROUND_PAGE = 20;

/** The team's results in the one order history uses (see compareResultOrder). Rounds are optional for callers that have none. */
export function createTeamResults(deps: { assessments: AssessmentsRepository; rounds?: RoundsRepository }) {
  const { assessments, rounds } = deps;

  async function closedRoundResults(teamId: string): Promise<TeamResult[]> {
    if (!rounds) return [];
    const closed = await rounds.closedRounds(teamId);
    const loaded = await Promise.all(
      closed.map(async (round) => roundTeamResult(round, await rounds.responses(round.id))),
    );
    return loaded.filter((r): r is TeamResult => r !== undefined);
  }

  /** The latest round with answers closed at or before `at` (the comparator decides ties). */
  async function latestRoundUpTo(teamId: string, ref: ResultRef): Promise<TeamResult | undefined> {
    if (!rounds) return undefined;
    for (let offset = 0; ; offset += ROUND_PAGE) {
      const page = await rounds.closedRoundsUpTo(teamId, ref.at, ROUND_PAGE, offset);
      for (const round of page) {
        const result = roundTeamResult(round, await rounds.responses(round.id));
        if (result && compareResultOrder(result, ref) < 0) return result;
      }
      if (page.length < ROUND_PAGE) return undefined;
    }
  }

  return {
    /** Every result, oldest first. */
    async all(teamId: string): Promise<TeamResult[]> {
      const singles = (await assessments.listAll(teamId)).map(assessmentResult);
      return [...singles, ...(await closedRoundResults(teamId))].sort(compareResultOrder);
    },

    /** The team's result just before `ref`, of any kind, reading only the few rows that can be it. */
    async previousBefore(teamId: string, ref: ResultRef): Promise<TeamResult | undefined> {
      // Singles at the instant of `ref` come before a round, and before another single only with a lower id.
      // Both read at once: a person is waiting for the summary this is part of.
      const [single, round] = await Promise.all([
        assessments.findLatestBefore(teamId, ref.at, ref.kind === 'assessment' ? ref.id : Number.MAX_SAFE_INTEGER),
        latestRoundUpTo(teamId, ref),
      ]);
      return latestBefore([...(single ? [assessmentResult(single)] : []), ...(round ? [round] : [])], ref);
    },
  };
}

export type TeamResults = ReturnType<typeof createTeamResults>;
