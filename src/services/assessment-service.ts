import {
  type AssessmentComparison,
  type DimensionKey,
  type ScoredAssessment,
  type SegmentKey,
  compareAssessments,
  scoreAssessment,
} from '../domain/assessment/index.js';
import type { AssessmentsRepository, StoredAssessment } from '../db/repositories/assessments-repository.js';
import type { RoundsRepository } from '../db/repositories/rounds-repository.js';
import type { Clock } from './clock.js';
import type { PostResult } from './ports.js';
import { type ChartPublisher, noCharts } from './rounds/ports.js';
import { type TeamResult, createTeamResults } from './rounds/team-results.js';

export interface AssessmentSubmission {
  teamId: string;
  userId: string;
  segment: SegmentKey;
  scores: Record<DimensionKey, number>;
  notes: Partial<Record<DimensionKey, string>>;
  redFlags: string[];
  targetChannelId: string;
  originChannelId: string | null;
  /** The modal's view id, so a redelivered submission is stored once. */
  sourceViewId: string | null;
}

export interface AssessmentSummary {
  assessment: StoredAssessment;
  scored: ScoredAssessment;
  /** The team's result just before this one, of any kind (a single assessment or a closed round), as history orders them. */
  previous: TeamResult | undefined;
  comparison: AssessmentComparison;
}

export interface AssessmentPoster {
  postSummary(channelId: string, summary: AssessmentSummary): Promise<PostResult>;
}

function score(assessment: StoredAssessment): ScoredAssessment {
  return scoreAssessment({
    scores: assessment.scores as Record<DimensionKey, number>,
    redFlags: assessment.redFlags,
    segment: assessment.segment as SegmentKey,
  });
}

export function createAssessmentService(deps: {
  assessments: AssessmentsRepository;
  /** Closed rounds count as the team's results too; without them only single assessments are compared. */
  rounds?: RoundsRepository;
  poster: AssessmentPoster;
  clock: Clock;
  charts?: ChartPublisher;
}) {
  const { assessments, poster, clock } = deps;
  const charts = deps.charts ?? noCharts;
  const results = createTeamResults({ assessments, ...(deps.rounds ? { rounds: deps.rounds } : {}) });

  async function summarize(teamId: string, id: number): Promise<AssessmentSummary | undefined> {
    const assessment = await assessments.findById(teamId, id);
    if (!assessment) return undefined;
    const scored = score(assessment);
    const previous = await results.previousBefore(teamId, { kind: 'assessment', id: assessment.id, at: assessment.createdAt });
    return { assessment, scored, previous, comparison: compareAssessments(scored, previous) };
  }

  return {
    /** Validates with the domain (throws AssessmentInputError) and stores; the same view submitted twice is stored once. */
    async submit(submission: AssessmentSubmission) {
      scoreAssessment(submission);
      const notes = Object.fromEntries(
        Object.entries(submission.notes).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())),
      );
      return assessments.insert({ ...submission, notes, createdAt: clock() });
    },

    summarize,

    async latestSummary(teamId: string): Promise<AssessmentSummary | undefined> {
      const latest = await assessments.findLatest(teamId);
      return latest ? summarize(teamId, latest.id) : undefined;
    },

    /**
     * Posts the summary to the assessment's channel unless it is already posted there, and records the outcome
     * so a failed post can be retried later without losing the assessment.
     */
    async publish(teamId: string, id: number): Promise<PostResult> {
      const summary = await summarize(teamId, id);
      if (!summary) throw new Error(`Assessment ${id} not found for team ${teamId}`);
      const { assessment } = summary;
      if (assessment.postedTs && assessment.postedChannelId) {
        return { ok: true, channelId: assessment.postedChannelId, ts: assessment.postedTs };
      }
      const result = await poster.postSummary(assessment.targetChannelId, summary);
      if (result.ok) {
        await assessments.markPosted(id, result.channelId, result.ts);
        // The chart follows the text; its upload failing never undoes the posted summary.
        await charts.publish(result.channelId, result.ts, {
          title: `Assessment #${id}`,
          current: summary.scored.scores,
          ...(summary.previous ? { previous: summary.previous.scores } : {}),
        });
      } else await assessments.markPostFailed(id, `${result.reason}: ${result.detail}`);
      return result;
    },
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
