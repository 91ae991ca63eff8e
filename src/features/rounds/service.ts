import type { Clock } from '../../kernel/clock.js';
import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import { isSlackPlatformError, type PostResult } from '../../kernel/post-result.js';
import type { DimensionKey, FunctionKey } from '../assessment/domain/index.js';
import type { RoundAnswer, StoredRound } from './domain/round.js';
import { checkRoundAnswer } from './domain/round-input.js';
import type { ChartPublisher, RoundPoster } from './ports.js';
import { noCharts } from './ports.js';
import type { RoundsRepository } from './repository.js';
import { buildRoundResult, type RoundResult, summarizeResponses } from './round-result.js';

/** Invitees who haven't answered get one DM this long before the deadline. */
export const NUDGE_BEFORE_MS = 24 * 3_600_000;
/** Longer than the Web API client's own retries (about 30 min), so no click or tick posts while an attempt still runs. */
export const SUMMARY_LEASE_MS = 40 * 60_000;

export interface StartRoundInput {
  teamId: string;
  startedBy: string;
  channelId: string;
  durationMs: number;
  invitees: string[];
  anonymous: boolean;
  segment: string | null;
}

export interface RoundAnswerInput {
  function: FunctionKey;
  scores: Record<DimensionKey, number>;
  redFlags: string[];
  notes: Partial<Record<DimensionKey, string>>;
}

export type StartRoundResult =
  | { ok: true; round: StoredRound }
  | { ok: false; failure: Extract<PostResult, { ok: false }> };
export type AnswerResult =
  | { ok: true; outcome: 'created' | 'edited' | 'duplicate'; round: StoredRound }
  | { ok: false; reason: 'not_found' | 'closed'; round?: StoredRound };
export type CloseResult =
  | { ok: true; result: RoundResult }
  | { ok: false; reason: 'not_found' | 'already_closed' | 'not_allowed'; round?: StoredRound };

/** After failed attempt number `attempts` (1-based): 1, 2, 4 ... minutes, at most an hour; a summary is never given up. */
export const summaryRetryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

export function createRoundService(deps: {
  /** Runs each due row's work as work of its workspace (its token; skipped when uninstalled). */
  inWorkspace?: InWorkspace;
  rounds: RoundsRepository;
  poster: RoundPoster;
  clock: Clock;
  charts?: ChartPublisher;
  isAdmin: (teamId: string, userId: string) => Promise<boolean>;
}) {
  const { rounds, poster, clock, isAdmin } = deps;
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;
  const charts = deps.charts ?? noCharts;

  /** The latest closed round before this one that had answers. */
  async function previousOf(round: StoredRound): Promise<RoundResult['previous']> {
    const closed = await rounds.closedRounds(round.teamId);
    for (const candidate of closed) {
      if (candidate.id >= round.id) continue;
      const summary = summarizeResponses(candidate, await rounds.responses(candidate.id));
      if (summary) return { round: candidate, summary };
    }
    return undefined;
  }

  async function result(round: StoredRound): Promise<RoundResult> {
    return buildRoundResult(round, await rounds.responses(round.id), await previousOf(round));
  }

  /**
   * True when the claimed attempt needs no post: Slack has the summary (recorded now; the notes and the chart of that
   * attempt are not made again), or Slack could not say and the attempt is tried again later, asking again.
   * Slack refusing to let us look (a public channel the bot posts to without being a member) never changes: then
   * the summary is posted, at worst twice, rather than never.
   */
  async function settledEarlier(round: StoredRound): Promise<boolean> {
    try {
      const ts = await poster.findSummary(round);
      if (!ts) return false;
      await rounds.markSummaryPosted(round.id, ts);
      return true;
    } catch (error) {
      if (isSlackPlatformError(error)) return false;
      await rounds.markSummaryFailed(
        round.id,
        `could not check whether Slack has the summary: ${error instanceof Error ? error.message : String(error)}`,
        new Date(clock().getTime() + summaryRetryDelayMs(round.summaryAttempts + 1)),
      );
      return true;
    }
  }

  /** One summary attempt, claimed in the database so two processes never both post. */
  async function postSummary(round: StoredRound, now: Date): Promise<void> {
    // The lease counts from the claim itself: `now` may be the start of a tick that has run for a while.
    const claimedAt = new Date(Math.max(now.getTime(), clock().getTime()));
    if (
      !(await rounds.claimSummaryAttempt(
        round.id,
        round.summaryAttempts,
        claimedAt,
        new Date(claimedAt.getTime() + SUMMARY_LEASE_MS),
      ))
    )
      return;
    const fresh = (await rounds.findById(round.teamId, round.id)) ?? round;
    // An earlier attempt either failed or never finished (its process died, or could not record Slack's answer, while
    // Slack had the summary): Slack is asked first, so a summary it has is recorded instead of posted twice.
    if (round.summaryAttempts > 0 && (await settledEarlier(fresh))) return;
    const res = await result(fresh);
    const posted = await poster.postSummary(res);
    if (!posted.ok) {
      // Backoff counts from when the attempt ended (the client may have retried for a while).
      await rounds.markSummaryFailed(
        round.id,
        `${posted.reason}: ${posted.detail}`,
        new Date(clock().getTime() + summaryRetryDelayMs(round.summaryAttempts + 1)),
      );
      return;
    }
    await rounds.markSummaryPosted(round.id, posted.ts);
    // Notes first, then the chart: both are replies in the summary's thread, and neither undoes the posted summary.
    if (res.responses.some((r) => Object.keys(r.notes).length > 0))
      await poster.postNotes(res, posted.channelId, posted.ts);
    if (res.summary) {
      await charts.publish(posted.channelId, posted.ts, {
        title: `Round #${round.id}`,
        current: res.summary.means,
        ...(res.previous ? { previous: res.previous.summary.means } : {}),
      });
    }
  }

  async function closeClaimed(round: StoredRound, now: Date): Promise<RoundResult> {
    const closed = (await rounds.findById(round.teamId, round.id)) ?? round;
    await postSummary(closed, now);
    await poster.updateInvitation(closed, await rounds.countResponses(round.id));
    return result((await rounds.findById(round.teamId, round.id)) ?? closed);
  }

  return {
    /** Stores the round, posts the invitation; a round whose invitation can't be posted is removed again. */
    async start(input: StartRoundInput): Promise<StartRoundResult> {
      const now = clock();
      const round = await rounds.insert({
        teamId: input.teamId,
        channelId: input.channelId,
        startedBy: input.startedBy,
        segment: input.segment,
        anonymous: input.anonymous,
        invitees: input.invitees,
        createdAt: now,
        deadlineAt: new Date(now.getTime() + input.durationMs),
      });
      const posted = await poster.postInvitation(round, 0);
      if (!posted.ok) {
        await rounds.delete(input.teamId, round.id);
        return { ok: false, failure: posted };
      }
      await rounds.setInvitationTs(round.id, posted.ts);
      return { ok: true, round: { ...round, invitationTs: posted.ts } };
    },

    /** The service's clock, for file names and messages at the edge. */
    now: () => clock(),

    find: (teamId: string, roundId: number) => rounds.findById(teamId, roundId),

    /** Open and before its deadline (a round past it may wait a minute for the job to close it). */
    acceptsAnswers: (round: StoredRound) => round.status === 'open' && clock().getTime() < round.deadlineAt.getTime(),

    /** The respondent's current answer, to pre-fill the modal. */
    myAnswer: (roundId: number, userId: string) => rounds.findResponse(roundId, userId),

    /** Validates (throws AssessmentInputError) and stores the answer; the latest answer counts. */
    async answer(
      teamId: string,
      roundId: number,
      userId: string,
      input: RoundAnswerInput,
      sourceViewId: string | null,
    ): Promise<AnswerResult> {
      checkRoundAnswer(input);
      const round = await rounds.findById(teamId, roundId);
      if (!round) return { ok: false, reason: 'not_found' };
      const now = clock();
      if (round.status !== 'open' || now.getTime() >= round.deadlineAt.getTime())
        return { ok: false, reason: 'closed', round };
      const notes = Object.fromEntries(
        Object.entries(input.notes).filter((e): e is [string, string] => Boolean(e[1]?.trim())),
      );
      const answer: RoundAnswer = { function: input.function, scores: input.scores, redFlags: input.redFlags, notes };
      const outcome = await rounds.upsertResponse(roundId, userId, answer, {
        invited: round.invitees.length === 0 || round.invitees.includes(userId),
        now,
        sourceViewId,
      });
      return { ok: true, outcome, round };
    },

    /** Refreshes the answered count on the invitation. */
    async refreshInvitation(teamId: string, roundId: number): Promise<void> {
      const round = await rounds.findById(teamId, roundId);
      if (round) await poster.updateInvitation(round, await rounds.countResponses(roundId));
    },

    /** "Close round": the starter or an admin; a second click finds it closed and changes nothing. */
    async closeByUser(teamId: string, roundId: number, userId: string): Promise<CloseResult> {
      const round = await rounds.findById(teamId, roundId);
      if (!round) return { ok: false, reason: 'not_found' };
      if (round.status === 'closed') return { ok: false, reason: 'already_closed', round };
      if (round.startedBy !== userId && !(await isAdmin(teamId, userId)))
        return { ok: false, reason: 'not_allowed', round };
      const now = clock();
      if (!(await rounds.claimClose(round.id, userId, now))) return { ok: false, reason: 'already_closed', round };
      return { ok: true, result: await closeClaimed(round, now) };
    },

    /** The scheduled job: closes rounds past their deadline, nudges once, retries failed summaries. */
    async runDue(now: Date): Promise<void> {
      // One failing round must not stop the others (or the nudges): keep going, then report the first failure.
      const failures: unknown[] = [];
      const each = async (teamId: string, work: () => Promise<unknown>) => {
        try {
          await inWorkspace(teamId, work);
        } catch (error) {
          failures.push(error);
        }
      };
      for (const round of await rounds.findDue(now)) {
        await each(round.teamId, async () => {
          if (await rounds.claimClose(round.id, 'deadline', now)) await closeClaimed(round, now);
        });
      }
      for (const round of await rounds.findSummaryRetries(now)) await each(round.teamId, () => postSummary(round, now));
      for (const round of await rounds.findToNudge(now, NUDGE_BEFORE_MS)) {
        // A round shorter than the nudge window would be nudged as it starts: no nudge for those.
        if (round.invitees.length === 0 || round.deadlineAt.getTime() - round.createdAt.getTime() <= NUDGE_BEFORE_MS)
          continue;
        await each(round.teamId, async () => {
          if (!(await rounds.claimNudge(round.id, now))) return;
          const answered = new Set((await rounds.responses(round.id)).map((r) => r.userId));
          for (const userId of round.invitees.filter((u) => !answered.has(u))) await poster.nudge(round, userId);
        });
      }
      if (failures.length > 0) throw failures[0];
    },

    result,
  };
}

export type RoundService = ReturnType<typeof createRoundService>;
