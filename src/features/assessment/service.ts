import { retryDelayMs } from '../../kernel/backoff.js';
import type { Clock } from '../../kernel/clock.js';
import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import { isPassingFailure, isSlackPlatformError, type PostResult } from '../../kernel/post-result.js';
import type { Logger } from '../../logging/logger.js';
import { type ChartPublisher, noCharts } from '../rounds/ports.js';
import type { RoundsRepository } from '../rounds/repository.js';
import { createTeamResults, type TeamResult } from '../rounds/team-results.js';
import {
  type AssessmentComparison,
  compareAssessments,
  type DimensionKey,
  type MessageRef,
  type ScoredAssessment,
  type SegmentKey,
  type StoredAssessment,
  type SummaryPost,
  scoreAssessment,
} from './domain/index.js';
import type { AssessmentsRepository } from './repository.js';

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

export type PostFailure = Extract<PostResult, { ok: false }>;

/** A note to the person that the summary is on its way: Slack is slow, or it failed and is retried by itself. */
export interface OnItsWay {
  assessmentId: number;
  channelId: string;
  retry?: { detail: string; retryInMs: number };
}

export interface AssessmentPoster {
  postSummary(channelId: string, summary: AssessmentSummary): Promise<PostResult>;
  /** The summary's ts if Slack already has it in the channel (an attempt died mid-post). Throws when it can't tell. */
  findPosted(channelId: string, assessmentId: number): Promise<string | undefined>;
  /** Tells the person privately; where the note is, to replace it later, or undefined when Slack didn't take it. */
  tellOnItsWay(userId: string, note: OnItsWay): Promise<MessageRef | undefined>;
  /** Replaces the note with the outcome: posted (with a link) or refused (with "Post again"). False when Slack refused. */
  updateNotice(notice: MessageRef, assessmentId: number, outcome: PostResult): Promise<boolean>;
  /** Tells the person privately that the channel refused the post, with "Post again". */
  tellRefused(userId: string, assessmentId: number, failure: PostFailure): Promise<boolean>;
}

/** What became of a request to post a summary. */
export type PublishOutcome =
  | { state: 'posted'; channelId: string; ts: string }
  /** `retrying`: a passing failure the scheduler retries by itself; `told`: the person already heard (their note says so). */
  | { state: 'failed'; failure: PostFailure; retrying: boolean; told: boolean }
  /** Another attempt holds the post right now (a tick, a second instance, a second click). */
  | { state: 'in_progress'; channelId: string };

/** Longer than the Web API client's own retries (about 30 min), so no tick or click posts while an attempt still runs. */
export const SUMMARY_LEASE_MS = 40 * 60_000;
/** How long a person waits for the summary before hearing privately that it is on its way. */
export const DEFAULT_SLOW_NOTICE_MS = 5_000;

function score(assessment: StoredAssessment): ScoredAssessment {
  return scoreAssessment({
    scores: assessment.scores as Record<DimensionKey, number>,
    redFlags: assessment.redFlags,
    segment: assessment.segment as SegmentKey,
  });
}

export function createAssessmentService(deps: {
  /** Runs each due row's work as work of its workspace (its token; skipped when uninstalled). */
  inWorkspace?: InWorkspace;
  assessments: AssessmentsRepository;
  /** Closed rounds count as the team's results too; without them only single assessments are compared. */
  rounds?: RoundsRepository;
  poster: AssessmentPoster;
  clock: Clock;
  charts?: ChartPublisher;
  /** After this long without Slack's answer, the person who is waiting gets a private "on its way" note. */
  slowNoticeMs?: number;
  logger?: Logger;
}) {
  const { assessments, poster, clock } = deps;
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;
  const charts = deps.charts ?? noCharts;
  const slowNoticeMs = deps.slowNoticeMs ?? DEFAULT_SLOW_NOTICE_MS;
  const results = createTeamResults({ assessments, ...(deps.rounds ? { rounds: deps.rounds } : {}) });

  async function summarize(teamId: string, id: number): Promise<AssessmentSummary | undefined> {
    const assessment = await assessments.findById(teamId, id);
    return assessment ? summarizeStored(assessment) : undefined;
  }

  async function summarizeStored(assessment: StoredAssessment): Promise<AssessmentSummary> {
    const teamId = assessment.teamId;
    const scored = score(assessment);
    const previous = await results.previousBefore(teamId, {
      kind: 'assessment',
      id: assessment.id,
      at: assessment.createdAt,
    });
    return { assessment, scored, previous, comparison: compareAssessments(scored, previous) };
  }

  /** The lease counts from the claim itself: `now` may be the start of a tick that has run for a while. */
  const claimedAt = (now: Date) => new Date(Math.max(now.getTime(), clock().getTime()));

  async function sendNotice(
    post: SummaryPost,
    summary: AssessmentSummary,
    retry?: OnItsWay['retry'],
  ): Promise<MessageRef | undefined> {
    const { assessment } = summary;
    const notice = await poster.tellOnItsWay(assessment.userId, {
      assessmentId: assessment.id,
      channelId: assessment.targetChannelId,
      ...(retry ? { retry } : {}),
    });
    if (notice) await assessments.recordSummaryNotice(post.id, notice);
    return notice;
  }

  /** One attempt on a claimed post. `waiting`: a person is waiting for it, and hears if Slack is slow. */
  async function attempt(post: SummaryPost, summary: AssessmentSummary, waiting: boolean): Promise<PublishOutcome> {
    const { assessment } = summary;
    const channelId = assessment.targetChannelId;
    if (post.inFlightSince) {
      // The attempt before died while Slack had the post: if Slack has it, record it instead of posting again.
      let found: string | undefined;
      try {
        found = await poster.findPosted(channelId, assessment.id);
      } catch (error) {
        if (!isSlackPlatformError(error)) {
          // Not knowing is not proof of absence: wait for a later tick, still marked in flight.
          deps.logger?.warn('could not check whether an assessment summary was posted; will check again', {
            assessmentId: assessment.id,
            error,
          });
          await assessments.postponeSummaryPost(post, new Date(clock().getTime() + retryDelayMs(post.attempts + 1)));
          return { state: 'in_progress', channelId };
        }
        // Slack won't let us read the channel (e.g. public, posted to without being a member): it never will, so
        // post rather than keep the summary from everyone; at worst it appears twice.
        deps.logger?.warn('cannot check whether an assessment summary was posted; posting it', {
          assessmentId: assessment.id,
          error,
        });
      }
      if (found) {
        await assessments.markSummaryPosted(post, channelId, found);
        if (post.notice) await poster.updateNotice(post.notice, assessment.id, { ok: true, channelId, ts: found });
        return { state: 'posted', channelId, ts: found };
      }
    }

    await assessments.markSummaryInFlight(post.id, clock());
    return send(post, summary, waiting);
  }

  /** Posts a claimed post marked in flight, and records what Slack answered. */
  async function send(post: SummaryPost, summary: AssessmentSummary, waiting: boolean): Promise<PublishOutcome> {
    const { assessment } = summary;
    const channelId = assessment.targetChannelId;
    let slowNotice: Promise<MessageRef | undefined> | undefined;
    const timer =
      waiting && !post.notice
        ? setTimeout(() => {
            slowNotice = sendNotice(post, summary).catch((error: unknown) => {
              deps.logger?.warn('could not tell the person their summary is on its way', {
                assessmentId: assessment.id,
                error,
              });
              return undefined;
            });
          }, slowNoticeMs)
        : undefined;
    let result: PostResult;
    try {
      result = await poster.postSummary(channelId, summary);
    } finally {
      clearTimeout(timer);
    }
    const notice = (await slowNotice) ?? post.notice ?? undefined;

    if (result.ok) {
      await assessments.markSummaryPosted(post, result.channelId, result.ts);
      if (notice) await poster.updateNotice(notice, assessment.id, result);
      // The chart follows the text; its upload failing never undoes the posted summary.
      await charts.publish(result.channelId, result.ts, {
        title: `Assessment #${assessment.id}`,
        current: summary.scored.scores,
        ...(summary.previous ? { previous: summary.previous.scores } : {}),
      });
      return { state: 'posted', channelId: result.channelId, ts: result.ts };
    }

    const error = `${result.reason}: ${result.detail}`;
    if (result.reason !== 'other' || !isPassingFailure(result.detail)) {
      // The channel refused, or Slack gave a final answer (a revoked token, a missing scope): only a person can fix
      // that (invite the bot, unarchive, reinstall...), then press "Post again".
      await assessments.markSummaryFailed(post, error, null);
      const told = notice ? await poster.updateNotice(notice, assessment.id, result) : false;
      return { state: 'failed', failure: result, retrying: false, told };
    }
    // A passing failure (5xx or network after the client's retries): the scheduler tries again with backoff.
    // Backoff counts from when the attempt ended (the client may have retried for a while).
    const retryInMs = retryDelayMs(post.attempts + 1);
    await assessments.markSummaryFailed(post, error, new Date(clock().getTime() + retryInMs));
    const told = notice ? true : (await sendNotice(post, summary, { detail: result.detail, retryInMs })) !== undefined;
    return { state: 'failed', failure: result, retrying: true, told };
  }

  /** Claims the post and makes one attempt, unless it is posted already or someone else holds it. */
  async function claimAndAttempt(
    post: SummaryPost,
    summary: AssessmentSummary,
    waiting: boolean,
    now: Date,
  ): Promise<PublishOutcome> {
    const channelId = summary.assessment.targetChannelId;
    const claimed =
      post.status === 'pending'
        ? await assessments.claimSummaryPost(post.id, claimedAt(now), SUMMARY_LEASE_MS)
        : undefined;
    if (claimed) return attempt(claimed, summary, waiting);
    const latest = await assessments.findById(summary.assessment.teamId, summary.assessment.id);
    if (latest?.postedTs && latest.postedChannelId)
      return { state: 'posted', channelId: latest.postedChannelId, ts: latest.postedTs };
    return { state: 'in_progress', channelId };
  }

  function alreadyPosted(assessment: StoredAssessment): PublishOutcome | undefined {
    return assessment.postedTs && assessment.postedChannelId
      ? { state: 'posted', channelId: assessment.postedChannelId, ts: assessment.postedTs }
      : undefined;
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
      return latest ? summarizeStored(latest) : undefined;
    },

    /**
     * Right after the submission's ack, with the person waiting: posts the summary of the assessment just stored
     * unless another attempt holds it. A refusal the person hasn't heard about yet comes back with told=false for
     * the caller to tell.
     */
    async publish(stored: StoredAssessment): Promise<PublishOutcome> {
      // What the submission just stored, not read back: the person is waiting. Summarized before the claim, so a
      // failed read leaves the post due for the next tick instead of held by a lease.
      const summary = await summarizeStored(stored);
      // The usual case in one statement: the post stored with the assessment, claimed by its assessment's id and
      // marked in flight. If a tick got there first, the claim fails and claimAndAttempt reads where the post went.
      const claimed = await assessments.claimFreshSummaryPostOf(stored.id, claimedAt(clock()), SUMMARY_LEASE_MS);
      if (claimed) return send(claimed, summary, true);
      const post =
        (await assessments.summaryPost(stored.id)) ??
        (await assessments.requeueSummaryPost(summary.assessment, clock()));
      return claimAndAttempt(post, summary, true, clock());
    },

    /** "Post again": a refused or waiting post is tried at once. Undefined when the assessment doesn't exist. */
    async repost(teamId: string, id: number): Promise<PublishOutcome | undefined> {
      const summary = await summarize(teamId, id);
      if (!summary) return undefined;
      const posted = alreadyPosted(summary.assessment);
      if (posted) return posted;
      const post = await assessments.requeueSummaryPost(summary.assessment, clock());
      return claimAndAttempt(post, summary, true, clock());
    },

    /**
     * The scheduled job: posts every stored summary that is due and not held by a live attempt, also after downtime
     * (a process that died after the ack left its post pending). A refusal is told to the person by DM, once.
     */
    async runDue(now: Date): Promise<void> {
      // One failing post must not stop the others: keep going, then report the first failure.
      const failures: unknown[] = [];
      for (const due of await assessments.dueSummaryPosts(now)) {
        try {
          await inWorkspace(due.teamId, async () => {
            const summary = await summarize(due.teamId, due.assessmentId);
            if (!summary) return;
            const outcome = await claimAndAttempt(due, summary, false, now);
            if (outcome.state === 'failed' && !outcome.retrying && !outcome.told) {
              await poster.tellRefused(summary.assessment.userId, summary.assessment.id, outcome.failure);
            }
          });
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw failures[0];
    },
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
