import type { Clock } from '../../kernel/clock.js';
import type { HomeRefresher } from '../../kernel/home-refresh.js';
import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import type { PostResult } from '../../kernel/post-result.js';
import {
  isReviewDue,
  localDateTime,
  type RawRiskInput,
  type RescoreField,
  type RiskField,
  type RiskFields,
  type RiskInput,
  riskScore,
  type StoredRisk,
  type StoredRiskEvent,
  validateRescore,
  validateResolution,
  validateRiskInput,
} from './domain/index.js';
import type { ChangeOutcome, RisksRepository } from './repository.js';

/** Sends the owner the "time to review" DM; implemented at the Slack edge. */
export interface RiskReviewNotifier {
  /** `timeZone` is the team's: the review date is a day there. */
  remindOwner(risk: StoredRisk, timeZone: string): Promise<PostResult>;
}

export interface RiskServiceDeps {
  /** Runs each due row's work as work of its workspace (its token; skipped when uninstalled). */
  inWorkspace?: InWorkspace;
  risks: RisksRepository;
  /** The team's IANA time zone: review dates are days there. */
  teamTimeZone(teamId: string): Promise<string>;
  reviewNotifier: RiskReviewNotifier;
  home: HomeRefresher;
  clock: Clock;
}

export type FormResult<F extends string> =
  | { ok: false; errors: Partial<Record<F, string>> }
  | { ok: true; outcome: ChangeOutcome };

// Longer than the Web API client's own retries (about thirty minutes), so no second instance sends while one still is.
const REMINDER_LEASE_MS = 40 * 60_000;
/** 1, 2, 4 … 60 minutes between attempts at a reminder Slack didn't take. */
export const reminderRetryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

const fieldsOf = (input: RiskInput): RiskFields => ({ ...input, score: riskScore(input.likelihood, input.impact) });

export function createRiskService(deps: RiskServiceDeps) {
  const { risks, clock, home } = deps;
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;

  const today = async (teamId: string) => localDateTime(clock(), await deps.teamTimeZone(teamId)).date;

  /** Whoever's Home shows this risk differently now: the actor and the owner(s). */
  const refreshFor = (teamId: string, ...userIds: Array<string | undefined>) =>
    home.refresh(teamId, [...new Set(userIds.filter((u): u is string => Boolean(u)))]);

  return {
    today,
    /** The team's IANA time zone, in which review dates are days. */
    timeZone: (teamId: string) => deps.teamTimeZone(teamId),
    get: (teamId: string, id: number) => risks.findById(teamId, id),

    async add(
      teamId: string,
      actor: string,
      raw: RawRiskInput,
      sourceViewId: string | null,
    ): Promise<
      { ok: false; errors: Partial<Record<RiskField, string>> } | { ok: true; risk: StoredRisk; created: boolean }
    > {
      const parsed = validateRiskInput(raw, { today: await today(teamId) });
      if (!parsed.ok) return parsed;
      const { risk, created } = await risks.insert(teamId, fieldsOf(parsed.value), {
        actor,
        at: clock(),
        sourceViewId,
      });
      if (created) refreshFor(teamId, actor, risk.ownerId);
      return { ok: true, risk, created };
    },

    async edit(
      teamId: string,
      id: number,
      actor: string,
      raw: RawRiskInput,
      sourceViewId: string | null,
    ): Promise<FormResult<RiskField>> {
      const current = await risks.findById(teamId, id);
      if (!current) return { ok: true, outcome: { kind: 'not_found' } };
      const parsed = validateRiskInput(raw, { today: await today(teamId), currentReviewDate: current.reviewDate });
      if (!parsed.ok) return parsed;
      const outcome = await risks.edit(teamId, id, fieldsOf(parsed.value), { actor, at: clock(), sourceViewId });
      if (outcome.kind === 'changed') refreshFor(teamId, actor, current.ownerId, outcome.risk.ownerId);
      return { ok: true, outcome };
    },

    async rescore(
      teamId: string,
      id: number,
      actor: string,
      raw: { likelihood: string | null; impact: string | null; note: string | null },
      sourceViewId: string | null,
    ): Promise<FormResult<RescoreField>> {
      const parsed = validateRescore(raw);
      if (!parsed.ok) return parsed;
      const { likelihood, impact, note } = parsed.value;
      const outcome = await risks.rescore(
        teamId,
        id,
        { likelihood, impact, score: riskScore(likelihood, impact) },
        note,
        { actor, at: clock(), sourceViewId },
      );
      if (outcome.kind === 'changed') refreshFor(teamId, actor, outcome.risk.ownerId);
      return { ok: true, outcome };
    },

    async close(
      teamId: string,
      id: number,
      actor: string,
      rawResolution: string | null,
      sourceViewId: string | null,
    ): Promise<FormResult<'resolution'>> {
      const parsed = validateResolution(rawResolution);
      if (!parsed.ok) return parsed;
      const outcome = await risks.close(teamId, id, parsed.value, { actor, at: clock(), sourceViewId });
      if (outcome.kind === 'changed') refreshFor(teamId, actor, outcome.risk.ownerId);
      return { ok: true, outcome };
    },

    /** One page of open risks, highest score first, and how many there are in all. */
    async listOpen(
      teamId: string,
      page: number,
      pageSize: number,
    ): Promise<{ risks: StoredRisk[]; total: number; today: string; timeZone: string }> {
      const [list, total, timeZone] = await Promise.all([
        risks.listOpen(teamId, { limit: pageSize, offset: (page - 1) * pageSize }),
        risks.countOpen(teamId),
        deps.teamTimeZone(teamId),
      ]);
      return { risks: list, total, today: localDateTime(clock(), timeZone).date, timeZone };
    },

    /** The open risks this person owns, highest score first (App Home). */
    openOwnedBy: (teamId: string, ownerId: string, limit = 5) => risks.listOpenOwnedBy(teamId, ownerId, limit),

    async history(
      teamId: string,
      id: number,
    ): Promise<{ risk: StoredRisk; events: StoredRiskEvent[]; timeZone: string } | undefined> {
      const risk = await risks.findById(teamId, id);
      if (!risk) return undefined;
      const [events, timeZone] = await Promise.all([risks.events(teamId, id), deps.teamTimeZone(teamId)]);
      return { risk, events, timeZone };
    },

    /**
     * The review-date job: claims one reminder per (risk, review date) once the date arrives in the team's time
     * zone, then DMs the owner. A DM Slack didn't take is retried with backoff on later ticks, never dropped silently.
     */
    async sendDueReviews(now: Date): Promise<void> {
      // Review dates are local days; a day ahead in UTC covers every time zone, the exact check is per team.
      const horizon = new Date(now.getTime() + 36 * 3600_000).toISOString().slice(0, 10);
      const zones = new Map<string, string>();
      for (const risk of await risks.reviewCandidates(horizon)) {
        if (!zones.has(risk.teamId)) zones.set(risk.teamId, await deps.teamTimeZone(risk.teamId));
        if (isReviewDue(risk.reviewDate, now, zones.get(risk.teamId) as string)) await risks.addReminder(risk, now);
      }
      for (const reminder of await risks.dueReminders(now)) {
        await inWorkspace(reminder.teamId, async () => {
          if (!(await risks.leaseReminder(reminder.id, now, REMINDER_LEASE_MS))) return;
          const risk = await risks.findById(reminder.teamId, reminder.riskId);
          // Closed or re-dated since the claim: nothing to review on that date any more.
          if (!risk || risk.status === 'closed' || risk.reviewDate !== reminder.reviewDate) {
            await risks.markReminderSent(reminder.id, now);
            return;
          }
          const result = await deps.reviewNotifier.remindOwner(
            risk,
            zones.get(risk.teamId) ?? (await deps.teamTimeZone(risk.teamId)),
          );
          if (result.ok) {
            await risks.markReminderSent(reminder.id, now);
            return;
          }
          // Never given up: the owner still needs the reminder, so keep trying at most hourly.
          const attempts = reminder.attempts + 1;
          await risks.markReminderFailed(
            reminder.id,
            `${result.reason}: ${result.detail}`,
            new Date(now.getTime() + reminderRetryDelayMs(attempts)),
          );
        });
      }
    },
  };
}

export type RiskService = ReturnType<typeof createRiskService>;
