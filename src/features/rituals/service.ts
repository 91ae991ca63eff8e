import { isIanaTimeZone } from '../../domain/time/time-zone.js';
import type { Clock } from '../../kernel/clock.js';
import type { HomeRefresher } from '../../kernel/home-refresh.js';
import { noHomeRefresh } from '../../kernel/home-refresh.js';
import {
  formatLocalDate,
  nextOccurrences,
  type RitualDraft,
  type RitualField,
  type StoredRitual,
  type ValidRitual,
  validateRitualDraft,
  wallClockAt,
} from './domain/index.js';
import type { RitualPostsRepository } from './posts-repository.js';
import type { RitualsRepository } from './repository.js';

export interface RitualsServiceDeps {
  rituals: RitualsRepository;
  posts: RitualPostsRepository;
  isAdmin(teamId: string, userId: string): Promise<boolean>;
  teamTimeZone(teamId: string): Promise<string>;
  clock: Clock;
  home?: HomeRefresher;
}

export type SaveRitualResult =
  | { ok: true; ritual: StoredRitual; created: boolean }
  | { ok: false; reason: 'not_admin' | 'not_found' }
  | { ok: false; reason: 'invalid'; errors: Partial<Record<RitualField, string>> };

export interface RitualPreview {
  ok: boolean;
  occurrences: Date[];
  /** The schedule's wall-clock time and zone, to state each occurrence in the ritual's own zone. */
  localTime: string;
  timeZone: string;
  notes: string[];
  errors: Partial<Record<RitualField, string>>;
}

export type RitualChange = 'pause' | 'resume' | 'skip_next' | 'delete';

export function createRitualsService(deps: RitualsServiceDeps) {
  const { rituals, clock } = deps;
  const home = deps.home ?? noHomeRefresh;

  const next = (r: StoredRitual, count: number, now = clock()) =>
    nextOccurrences(r, new Date(Math.max(now.getTime(), r.scheduleFrom.getTime())), count);

  return {
    isAdmin: deps.isAdmin,
    /** The service's clock, for defaults shown in the modals. */
    now: () => clock(),
    teamTimeZone: deps.teamTimeZone,

    async list(teamId: string): Promise<Array<{ ritual: StoredRitual; next: Date[] }>> {
      return (await rituals.listForTeam(teamId)).map((ritual) => ({ ritual, next: next(ritual, 3) }));
    },

    find: (teamId: string, id: number) => rituals.find(teamId, id),

    /** For App Home: the team's next occurrences across rituals, soonest first. */
    async nextOccurrences(
      teamId: string,
      now: Date,
      limit: number,
    ): Promise<Array<{ ritual: StoredRitual; at: Date }>> {
      const all = (await rituals.listForTeam(teamId)).flatMap((ritual) =>
        next(ritual, limit, now).map((at) => ({ ritual, at })),
      );
      return all.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(0, limit);
    },

    /** What the modal shows before saving: the next five occurrences, notes, or the inline errors. */
    preview(draft: RitualDraft): RitualPreview {
      const result = validateRitualDraft(draft, isIanaTimeZone);
      if (!result.ok)
        return {
          ok: false,
          occurrences: [],
          localTime: draft.localTime ?? '',
          timeZone: draft.timeZone ?? '',
          notes: [],
          errors: result.errors,
        };
      const schedule = { ...result.ritual, paused: false };
      return {
        ok: true,
        occurrences: nextOccurrences(schedule, clock(), 5),
        localTime: schedule.localTime,
        timeZone: schedule.timeZone,
        notes: result.notes,
        errors: {},
      };
    },

    /** The draft's per-field errors, without any Slack call: the modal needs them in its ack, within 3 s. */
    checkDraft(draft: RitualDraft): Partial<Record<RitualField, string>> {
      const result = validateRitualDraft(draft, isIanaTimeZone);
      return result.ok ? {} : result.errors;
    },

    /** Creates (id null) or edits a ritual; admins only; invalid input comes back as per-field errors. */
    async save(
      teamId: string,
      actorId: string,
      id: number | null,
      draft: RitualDraft,
      sourceViewId: string | null,
    ): Promise<SaveRitualResult> {
      if (!(await deps.isAdmin(teamId, actorId))) return { ok: false, reason: 'not_admin' };
      const result = validateRitualDraft(draft, isIanaTimeZone);
      if (!result.ok) return { ok: false, reason: 'invalid', errors: result.errors };
      const fields: ValidRitual = result.ritual;
      const now = clock();
      if (id === null) {
        const ritual = await rituals.insert(teamId, fields, actorId, now, sourceViewId);
        home.refresh(teamId, 'team');
        return { ok: true, ritual, created: true };
      }
      const ritual = await rituals.update(teamId, id, fields, now);
      if (!ritual) return { ok: false, reason: 'not_found' };
      home.refresh(teamId, 'team');
      return { ok: true, ritual, created: false };
    },

    /** Pause, resume, skip the next occurrence, or delete; admins only. Returns what changed, for the answer. */
    async change(
      teamId: string,
      actorId: string,
      id: number,
      change: RitualChange,
    ): Promise<
      | { ok: true; ritual: StoredRitual; skipped?: Date }
      | { ok: false; reason: 'not_admin' | 'not_found' | 'nothing_to_skip' }
    > {
      if (!(await deps.isAdmin(teamId, actorId))) return { ok: false, reason: 'not_admin' };
      const ritual = await rituals.find(teamId, id);
      if (!ritual) return { ok: false, reason: 'not_found' };
      const now = clock();
      let skipped: Date | undefined;
      if (change === 'pause' || change === 'resume') await rituals.setPaused(teamId, id, change === 'pause', now);
      else if (change === 'delete') await rituals.softDelete(teamId, id, now);
      else {
        skipped = next({ ...ritual, paused: false }, 1, now)[0];
        if (!skipped) return { ok: false, reason: 'nothing_to_skip' };
        await rituals.setSkipDates(
          teamId,
          id,
          [...ritual.skipDates, formatLocalDate(wallClockAt(skipped, ritual.timeZone))],
          now,
        );
      }
      home.refresh(teamId, 'team');
      return { ok: true, ritual, ...(skipped ? { skipped } : {}) };
    },
  };
}

export type RitualsService = ReturnType<typeof createRitualsService>;
