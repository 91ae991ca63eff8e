import { retryDelayMs } from '../../kernel/backoff.js';
import type { Clock } from '../../kernel/clock.js';
import { type HomeRefresher, noHomeRefresh } from '../../kernel/home-refresh.js';
import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import type { Logger } from '../../logging/logger.js';
import { type FollowUp, formatLocalDate, parseLocalDate, wallClockAt } from './domain/index.js';
import type { FollowUpsRepository } from './follow-ups-repository.js';
import type { RitualPoster } from './ports.js';
import { DEFAULT_LEASE_MS } from './posting.js';
import type { RitualPostsRepository } from './posts-repository.js';
import type { RitualsRepository } from './repository.js';

export interface FollowUpDraft {
  what: string | null;
  ownerId: string | null;
  dueDate: string | null;
}

export type FollowUpField = keyof FollowUpDraft;

export type AddFollowUpResult =
  | { ok: true; followUp: FollowUp; created: boolean }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; errors: Partial<Record<FollowUpField, string>> };

const MAX_WHAT = 500;
/** Reminders go out from this local time on the due date, not at midnight. */
const REMIND_FROM_MINUTES = 9 * 60;

export interface FollowUpsServiceDeps {
  /** Runs each due row's work as work of its workspace (its token; skipped when uninstalled). */
  inWorkspace?: InWorkspace;
  followUps: FollowUpsRepository;
  posts: RitualPostsRepository;
  rituals: RitualsRepository;
  poster: RitualPoster;
  clock: Clock;
  logger: Logger;
  home?: HomeRefresher;
}

export function createFollowUpsService(deps: FollowUpsServiceDeps) {
  const { followUps, posts, rituals, poster, clock, logger } = deps;
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;
  const home = deps.home ?? noHomeRefresh;

  return {
    /** Stores a follow-up on a ritual post (once per modal submission). Listing it in the thread is `announce`. */
    async add(
      teamId: string,
      actorId: string,
      postId: number,
      draft: FollowUpDraft,
      sourceViewId: string | null,
    ): Promise<AddFollowUpResult> {
      const post = await posts.find(teamId, postId);
      const ritual = post && (await rituals.findAny(teamId, post.ritualId));
      if (!post || !ritual) return { ok: false, reason: 'not_found' };
      const errors: Partial<Record<FollowUpField, string>> = {};
      const what = (draft.what ?? '').trim();
      if (what === '') errors.what = 'Say what needs to happen.';
      else if (what.length > MAX_WHAT) errors.what = `Keep it under ${MAX_WHAT} characters (it has ${what.length}).`;
      if (!draft.ownerId) errors.ownerId = 'Pick who owns it.';
      const today = formatLocalDate(wallClockAt(clock(), ritual.timeZone));
      if (!draft.dueDate || !parseLocalDate(draft.dueDate)) errors.dueDate = 'Pick a due date.';
      else if (draft.dueDate < today)
        errors.dueDate = `The due date is in the past (today is ${today} in ${ritual.timeZone}).`;
      if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
      const { followUp, created } = await followUps.insert(
        {
          teamId,
          ritualId: ritual.id,
          postId,
          what,
          ownerId: draft.ownerId!,
          dueDate: draft.dueDate!,
          timeZone: ritual.timeZone,
          createdBy: actorId,
          sourceViewId,
        },
        clock(),
      );
      if (created) home.refresh(teamId, [followUp.ownerId, actorId]);
      return { ok: true, followUp, created };
    },

    /** Lists the follow-up in its post's thread (after the modal closed). */
    async announce(followUp: FollowUp): Promise<void> {
      if (followUp.threadMessageTs || followUp.postId === null) return;
      const post = await posts.find(followUp.teamId, followUp.postId);
      if (!post?.postedTs) return;
      const result = await poster.postFollowUpInThread(post.channelId, post.postedTs, followUp);
      if (result.ok) await followUps.setThreadMessage(followUp.id, result.channelId, result.ts);
    },

    /** Closes an open follow-up; false when it was already done (a second click). */
    async markDone(teamId: string, actorId: string, id: number): Promise<{ ok: boolean; followUp?: FollowUp }> {
      const closed = await followUps.markDone(teamId, id, actorId, clock());
      const followUp = await followUps.find(teamId, id);
      if (closed && followUp) {
        home.refresh(teamId, [followUp.ownerId, actorId]);
        if (followUp.threadMessageTs) await poster.updateFollowUpInThread(followUp);
      }
      return { ok: closed, ...(followUp ? { followUp } : {}) };
    },

    /** For `/loop followups` and App Home: the person's open actions, soonest due first. */
    openFollowUpsFor: (teamId: string, userId: string) => followUps.openFor(teamId, userId),

    /**
     * The reminder job: a DM to the owner on the due date (from 09:00 local), once. It is sent under a lease longer
     * than the client's own retries and marked reminded only once Slack took it; a failed DM is retried after
     * 1, 2, 4 ... minutes, at most hourly, never dropped.
     */
    async sendDueReminders(now: Date): Promise<void> {
      // Any zone's date is at most a day ahead of UTC's.
      const latestDate = formatLocalDate(wallClockAt(new Date(now.getTime() + 86_400_000), 'UTC'));
      for (const f of await followUps.unremindedOpen(latestDate, now)) {
        const local = wallClockAt(now, f.timeZone);
        const today = formatLocalDate(local);
        if (f.dueDate > today || (f.dueDate === today && local.minutes < REMIND_FROM_MINUTES)) continue;
        await inWorkspace(f.teamId, async () => {
          // The lease and the backoff count from the moment they are taken, not from the tick's start.
          if (!(await followUps.claimReminder(f.id, clock(), DEFAULT_LEASE_MS))) return;
          if (await poster.remindOwner(f)) {
            await followUps.markReminded(f.id, clock());
            return;
          }
          const attempts = f.remindAttempts + 1;
          await followUps.markReminderFailed(f.id, new Date(clock().getTime() + retryDelayMs(attempts)));
          logger.warn('follow-up reminder failed; will retry', { followUpId: f.id, attempts });
        });
      }
    },
  };
}

export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
