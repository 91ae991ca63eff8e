import { retryDelayMs } from '../../kernel/backoff.js';
import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import type { Logger } from '../../logging/logger.js';
import type { DigestPeriod, DigestSection, DigestSectionKey, DigestSectionProvider } from '../digest-section.js';
import { occurrencesBetween, previousOccurrence, type RitualPost, type StoredRitual } from './domain/index.js';
import { followUpLines } from './follow-ups-digest-section.js';
import type { FollowUpsRepository } from './follow-ups-repository.js';
import type { RitualPoster } from './ports.js';
import type { RitualPostsRepository } from './posts-repository.js';
import type { RitualsRepository } from './repository.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far back a scan looks at most, whatever the schedule's start. */
const MAX_LOOKBACK_MS = 400 * DAY_MS;
/** A post more than this after its occurrence carries the "posted late" note. */
const LATE_AFTER_MS = 5 * 60_000;
/** Longer than the Web API client's own retries (about 30 min), so no second instance posts while one still tries. */
export const DEFAULT_LEASE_MS = 40 * 60_000;

const GTM_ORDER: DigestSectionKey[] = ['assessment', 'followups', 'mqa', 'kpis', 'risks'];

export interface RitualPostingDeps {
  /** Runs each due row's work as work of its workspace (its token; skipped when uninstalled). */
  inWorkspace?: InWorkspace;
  rituals: RitualsRepository;
  posts: RitualPostsRepository;
  followUps: FollowUpsRepository;
  poster: RitualPoster;
  /** Section providers the features have registered; a missing key shows nothing. */
  /** Every feature's digest sections; read at each post, so all features are built by then. */
  sections: () => DigestSectionProvider[];
  logger: Logger;
  leaseMs?: number;
}

/**
 * The ritual job, run at every tick: record each due occurrence once (the unique key is the claim), then post what
 * is pending under a lease, retrying failures with backoff. Occurrences found too late (outside the grace window)
 * are recorded as missed and mentioned in the next post.
 */
export function createRitualPosting(deps: RitualPostingDeps) {
  const { rituals, posts, poster, logger } = deps;
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;

  async function recordDue(ritual: StoredRitual, now: Date): Promise<void> {
    const latest = await posts.latestOccurrence(ritual.id, 'post');
    const fromMs = Math.max(
      ritual.scheduleFrom.getTime(),
      latest ? latest.getTime() + 1 : 0,
      now.getTime() - MAX_LOOKBACK_MS,
    );
    for (const occurrenceAt of occurrencesBetween(ritual, new Date(fromMs), new Date(now.getTime() + 1))) {
      const tooLate = now.getTime() - occurrenceAt.getTime() > ritual.graceHours * HOUR_MS;
      await posts.record(
        {
          teamId: ritual.teamId,
          ritualId: ritual.id,
          occurrenceAt,
          kind: 'post',
          status: tooLate ? 'missed' : 'pending',
          channelId: ritual.channelId,
        },
        now,
      );
    }
    if (ritual.headsUpHours !== null) {
      // The pre-read goes out once the next occurrence is within the heads-up window, and only before it happens.
      const ahead = occurrencesBetween(
        ritual,
        new Date(Math.max(now.getTime() + 1, ritual.scheduleFrom.getTime())),
        new Date(now.getTime() + ritual.headsUpHours * HOUR_MS + 1),
      );
      for (const occurrenceAt of ahead) {
        await posts.record(
          {
            teamId: ritual.teamId,
            ritualId: ritual.id,
            occurrenceAt,
            kind: 'heads_up',
            status: 'pending',
            channelId: ritual.channelId,
          },
          now,
        );
      }
    }
  }

  async function sectionsFor(ritual: StoredRitual, post: RitualPost, period: DigestPeriod): Promise<DigestSection[]> {
    const provider = (key: DigestSectionKey) => deps.sections().find((p) => p.key === key);
    if (ritual.kind === 'gtm_review') {
      const present = GTM_ORDER.map(provider).filter((p): p is DigestSectionProvider => p !== undefined);
      return Promise.all(present.map((p) => p.build(period)));
    }
    // A sync's agenda starts with what the previous sync left open.
    const previous = await posts.previousPosted(ritual.id, post.occurrenceAt);
    const fromPrevious = previous
      ? (await deps.followUps.listForPost(ritual.teamId, previous.id)).filter((f) => f.status === 'open')
      : [];
    const sections: DigestSection[] = [
      {
        key: 'followups',
        title: 'Open follow-ups from the previous sync',
        lines: followUpLines(fromPrevious, period),
        emptyText: previous
          ? 'Nothing is open from the previous sync.'
          : 'This is the first sync: there are no earlier follow-ups.',
      },
    ];
    const mqa = ritual.kind === 'monthly_sync' ? provider('mqa') : undefined;
    if (mqa) sections.push(await mqa.build(period));
    return sections;
  }

  async function deliver(post: RitualPost, now: Date): Promise<void> {
    const ritual = await rituals.find(post.teamId, post.ritualId);
    if (!ritual || ritual.paused) {
      await posts.markCancelled(post.id);
      return;
    }
    // The previous attempt died after sending: if Slack has the message, record it instead of posting again.
    if (post.inFlightSince) {
      const ts = await poster.findPosted(post.channelId, post.id, new Date(post.inFlightSince.getTime() - 60_000));
      if (ts) {
        await posts.markPosted(post.id, ts, now, now.getTime() - post.occurrenceAt.getTime() > LATE_AFTER_MS);
        return;
      }
    }
    if (post.kind === 'heads_up' && now.getTime() >= post.occurrenceAt.getTime()) {
      // Retries ran past the meeting: a pre-read after the fact would mislead, so it is recorded as skipped.
      await posts.markSkipped(post.id, post.lastError);
      logger.warn('ritual heads-up skipped: its meeting has started', {
        postId: post.id,
        ritualId: ritual.id,
        attempts: post.attempts,
      });
      return;
    }
    // Always the ritual's current channel: an admin may have moved it (e.g. off an archived channel) since recording.
    const channelId = ritual.channelId;
    if (channelId !== post.channelId) await posts.setChannel(post.id, channelId);
    const schedule = { ...ritual, paused: false };
    const periodFrom = previousOccurrence(schedule, post.occurrenceAt) ?? ritual.createdAt;
    const period: DigestPeriod = {
      teamId: ritual.teamId,
      from: periodFrom,
      to: post.kind === 'post' ? post.occurrenceAt : now,
      timeZone: ritual.timeZone,
    };
    const missed = post.kind === 'post' ? await posts.unmentionedMissed(ritual.id, post.occurrenceAt) : [];
    const late = post.kind === 'post' && now.getTime() - post.occurrenceAt.getTime() > LATE_AFTER_MS;
    const content = {
      postId: post.id,
      kind: post.kind,
      ritual,
      occurrenceAt: post.occurrenceAt,
      periodFrom,
      lateSince: late ? post.occurrenceAt : null,
      missed: missed.map((m) => m.occurrenceAt),
      sections: await sectionsFor(ritual, post, period),
    };
    await posts.markInFlight(post.id, now);
    const result = await poster.post(channelId, content);
    if (result.ok) {
      await posts.markPosted(post.id, result.ts, now, late);
      await posts.markMentioned(missed.map((m) => m.id));
      return;
    }
    const attempts = post.attempts + 1;
    await posts.markFailed(post.id, result.detail, new Date(now.getTime() + retryDelayMs(attempts)));
    logger.warn('ritual post failed; will retry', {
      postId: post.id,
      ritualId: ritual.id,
      attempts,
      error: result.detail,
    });
    // A channel problem needs a person: tell the ritual's creator once (whichever attempt first hits it), keep retrying meanwhile.
    if (result.reason !== 'other' && (await posts.markProblemTold(post.id)))
      await poster.tellPostProblem(ritual.createdBy, ritual, result.reason);
  }

  return {
    async run(now: Date): Promise<void> {
      for (const ritual of await rituals.listActive()) {
        try {
          await inWorkspace(ritual.teamId, () => recordDue(ritual, now));
        } catch (error) {
          logger.error('ritual scan failed', { ritualId: ritual.id, error });
        }
      }
      for (const post of await posts.due(now)) {
        try {
          await inWorkspace(post.teamId, async () => {
            if (await posts.claim(post.id, now, leaseMs)) await deliver(post, now);
          });
        } catch (error) {
          // The lease expires and a later tick tries again; in_flight_since tells it to check Slack first.
          logger.error('ritual post crashed', { postId: post.id, error });
        }
      }
    },
  };
}
