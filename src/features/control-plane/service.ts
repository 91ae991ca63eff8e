import { retryDelayMs } from '../../kernel/backoff.js';
import type { Clock } from '../../kernel/clock.js';
import { type HomeRefresher, noHomeRefresh } from '../../kernel/home-refresh.js';
import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import { isPassingFailure, isSlackPlatformError } from '../../kernel/post-result.js';
import type { Logger } from '../../logging/logger.js';
import { retryAfterOf } from '../../slack/pacing/slack-calls.js';
import type { ControlPlaneContentLoader } from './content.js';
import { offReasonFor, type SectionHashes, sectionsToRewrite } from './domain/plan.js';
import { headerSection, SECTION_HEADINGS, SECTION_KEYS, type SectionKey } from './domain/sections.js';
import type { CanvasPort, ControlPlaneNotices } from './ports.js';
import type { ControlPlane, ControlPlaneRepository } from './repository.js';

export const CANVAS_TITLE = 'GTM Control Plane';
/** At most one rewrite a minute per team: a burst of changes is one run. */
export const RUN_EVERY_MS = 60_000;
/** Long enough for a run's few calls with their retries; a crashed writer's claim expires after it. */
export const LEASE_MS = 5 * 60_000;
/** Slack's answers to a channel canvas that mean "make a standalone canvas instead". */
const NO_CHANNEL_CANVAS = new Set([
  'team_tier_cannot_create_channel_canvases',
  'channel_canvas_already_exists',
  'free_team_canvas_tab_already_exists',
]);

export type SetupResult =
  | {
      ok: true;
      kind: 'channel' | 'standalone';
      canvasId: string;
      channelId: string;
      /** Why it is a standalone canvas: the plan has no channel canvases, or the channel has its own already. */
      standaloneBecause?: 'plan' | 'channel_has_canvas';
    }
  | { ok: false; reason: 'not_admin' }
  | { ok: false; reason: 'in_progress' }
  | { ok: false; reason: 'slack'; error: string };

/** Slack's error code of a thrown WebClient error (or the error's message). */
export function errorCodeOf(error: unknown): string {
  const data = (error as { data?: { error?: unknown } }).data;
  if (typeof data?.error === 'string') return data.error;
  if ((error as { code?: unknown }).code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  return error instanceof Error ? error.message : String(error);
}

export interface ControlPlaneServiceDeps {
  repository: ControlPlaneRepository;
  content: ControlPlaneContentLoader;
  canvas: CanvasPort;
  notices: ControlPlaneNotices;
  isAdmin(teamId: string, userId: string): Promise<boolean>;
  clock: Clock;
  logger: Logger;
  inWorkspace?: InWorkspace;
  /** App Home shows where the canvas is (or that it stopped). */
  home?: HomeRefresher;
}

/** The canvas as one markdown document, every section in order (what a new canvas is created with). */
function wholeDocument(sections: Record<SectionKey, string>): string {
  return SECTION_KEYS.map((k) => sections[k]).join('\n');
}

export function createControlPlaneService(deps: ControlPlaneServiceDeps) {
  const { repository, canvas, clock, logger } = deps;
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;
  const home = deps.home ?? noHomeRefresh;

  async function header(content: Awaited<ReturnType<ControlPlaneContentLoader['build']>>, now: Date) {
    let reviewPost: { url: string; day: string } | undefined;
    if (content.reviewPost) {
      // A link is nice to have: the header is still right without it, so a failure here never fails the run.
      const url = await canvas
        .permalink(content.reviewPost.channelId, content.reviewPost.ts)
        .catch((error: unknown) => {
          logger.warn('no permalink for the latest GTM review post', { error: errorCodeOf(error) });
          return undefined;
        });
      if (url) reviewPost = { url, day: content.reviewPost.day };
    }
    return headerSection({ updatedAt: now, timeZone: content.timeZone, reviewPost });
  }

  /** Tells the admin once that the canvas stopped; the claim makes it one DM across instances and restarts. */
  async function sendOffNotice(row: ControlPlane, now: Date): Promise<void> {
    const told = await deps.notices
      .tellOff({ userId: row.createdBy, channelId: row.channelId, reason: row.offReason ?? 'canvas_deleted' })
      .catch((error: unknown) => {
        logger.warn('could not tell the admin that the Control Plane canvas stopped', { teamId: row.teamId, error });
        return false;
      });
    if (told) await repository.markNoticeSent(row.teamId);
    // Slack refused or failed: the claim is let go later, so the DM is tried again without flooding.
    else await repository.release(row.teamId, new Date(now.getTime() + retryDelayMs(1)));
  }

  /** One run for one claimed team: rewrites the sections whose content changed, the header last. */
  async function run(row: ControlPlane, now: Date): Promise<void> {
    if (row.status === 'off') return sendOffNotice(row, now);
    const canvasId = row.canvasId as string;
    const content = await deps.content.build(row.teamId);
    const changed = sectionsToRewrite(row.hashes, content.hashes);
    const next = new Date(now.getTime() + RUN_EVERY_MS);
    if (changed.length === 0) return repository.finishRun(row.teamId, row.hashes, false, now, next);

    const hashes: SectionHashes = { ...row.hashes };
    // A run ends well inside its lease (429s are waited out in it), so no second writer can claim the team meanwhile.
    const deadline = now.getTime() + LEASE_MS / 2;
    try {
      for (const key of changed) {
        if (clock().getTime() > deadline) {
          await repository.finishRun(row.teamId, hashes, true, now, clock());
          return;
        }
        const markdown = key === 'header' ? await header(content, now) : content.sections[key];
        const sectionId = await canvas.findSection(canvasId, SECTION_HEADINGS[key]);
        // Someone removed the section in Slack: it comes back (the header at the top, the others at the end).
        if (sectionId) await canvas.replaceSection(canvasId, sectionId, markdown);
        else await canvas.insertSection(canvasId, key === 'header' ? 'start' : 'end', markdown);
        // The header dates the other sections: once one is written, a run that stops before the header (which
        // comes last) leaves it to the next run.
        if (key !== 'header') delete hashes.header;
        hashes[key] = content.hashes[key];
      }
    } catch (error) {
      const code = errorCodeOf(error);
      const reason = offReasonFor(code);
      if (reason) {
        logger.warn('the Control Plane canvas turned itself off', { teamId: row.teamId, error: code });
        // The claim is kept: this run sends the DM, and no other instance can take the row meanwhile.
        await repository.turnOff(row.teamId, reason, code);
        home.refresh(row.teamId, 'team');
        const off = await repository.find(row.teamId);
        if (off?.status === 'off' && off.noticeState === 'pending') await sendOffNotice(off, now);
        return;
      }
      // Slack is down or busy past the client's retries (or answered something unexpected): what was written
      // counts, the rest is tried again on the backoff every outbox uses.
      const attempts = row.attempts + 1;
      if (!isPassingFailure(code))
        logger.error('a Control Plane canvas update failed', { teamId: row.teamId, error: code });
      await repository.failRun(
        row.teamId,
        hashes,
        code,
        attempts,
        new Date(clock().getTime() + retryDelayMs(attempts)),
      );
      return;
    }
    await repository.finishRun(row.teamId, hashes, true, now, next);
  }

  return {
    find: (teamId: string) => repository.find(teamId),

    /**
     * Creates the canvas in `channelId`: the channel's own canvas where the plan allows, else a standalone canvas
     * tabbed in the channel. Then it is announced there. One setup at a time per team (claimed in the database).
     */
    async setUp(teamId: string, userId: string, channelId: string): Promise<SetupResult> {
      if (!(await deps.isAdmin(teamId, userId))) return { ok: false, reason: 'not_admin' };
      const now = clock();
      const previous = await repository.find(teamId);
      if (!(await repository.claimSetup(teamId, channelId, userId, now, LEASE_MS)))
        return { ok: false, reason: 'in_progress' };
      if (previous?.status === 'active' && previous.canvasId && previous.kind && previous.channelId === channelId) {
        // The same channel again: the canvas it has is kept and rewritten whole at the next tick, not doubled.
        const kept = { canvasId: previous.canvasId, kind: previous.kind, hashes: {}, nextRunAt: now };
        await repository.markCreated(teamId, kept, now);
        return { ok: true, kind: previous.kind, canvasId: previous.canvasId, channelId };
      }
      try {
        const content = await deps.content.build(teamId);
        const document = wholeDocument({ ...content.sections, header: await header(content, now) });
        let kind: 'channel' | 'standalone' = 'channel';
        let standaloneBecause: 'plan' | 'channel_has_canvas' | undefined;
        let canvasId: string;
        try {
          canvasId = await canvas.createChannelCanvas(channelId, CANVAS_TITLE, document);
        } catch (error) {
          const code = errorCodeOf(error);
          if (!NO_CHANNEL_CANVAS.has(code)) throw error;
          kind = 'standalone';
          standaloneBecause = code === 'channel_canvas_already_exists' ? 'channel_has_canvas' : 'plan';
          canvasId = await canvas.createStandaloneCanvas(channelId, CANVAS_TITLE, document);
        }
        await repository.markCreated(
          teamId,
          { canvasId, kind, hashes: content.hashes, nextRunAt: new Date(now.getTime() + RUN_EVERY_MS) },
          now,
        );
        home.refresh(teamId, 'team');
        await deps.notices.announce({ teamId, channelId, canvasId, kind, by: userId }).catch((error: unknown) => {
          logger.warn('could not announce the Control Plane canvas', { teamId, error });
        });
        return { ok: true, kind, canvasId, channelId, ...(standaloneBecause ? { standaloneBecause } : {}) };
      } catch (error) {
        await repository.dropSetup(teamId);
        // Slack's answer is the admin's to hear; anything else (the database) is ours, for the error handler.
        if (!isSlackPlatformError(error) && retryAfterOf(error) === undefined) throw error;
        return { ok: false, reason: 'slack', error: errorCodeOf(error) };
      }
    },

    /** The job: each team whose canvas is due, claimed first, so two instances never write one canvas at once. */
    async runDue(now: Date): Promise<void> {
      for (const teamId of await repository.due(now)) {
        await inWorkspace(teamId, async () => {
          const claimed = await repository.claim(teamId, clock(), LEASE_MS);
          if (!claimed) return;
          try {
            await run(claimed, clock());
          } catch (error) {
            // Reading the other features' data failed (the database): try again at the next tick's claim.
            logger.error('a Control Plane canvas run failed', { teamId, error });
            await repository.release(teamId, clock());
          }
        });
      }
    },
  };
}

export type ControlPlaneService = ReturnType<typeof createControlPlaneService>;
