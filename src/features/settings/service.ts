import { isIanaTimeZone } from '../../domain/time/time-zone.js';
import type { Clock } from '../../kernel/clock.js';
import type { UserDirectory } from '../../kernel/post-result.js';
import { isSegmentKey } from '../assessment/domain/index.js';
import type { TeamSettings } from './domain/team-settings.js';
import type { TeamsRepository } from './repository.js';

export interface SettingsInput {
  segment: string | null;
  assessmentsChannelId: string | null;
  timeZone: string;
  admins: string[];
}

export type SettingsField = keyof SettingsInput;

export type SaveSettingsResult =
  | { ok: true; settings: TeamSettings }
  | { ok: false; reason: 'not_admin' }
  | { ok: false; reason: 'invalid'; errors: Partial<Record<SettingsField, string>> };

export function createSettingsService(deps: { teams: TeamsRepository; directory: UserDirectory; clock: Clock }) {
  const { teams, directory, clock } = deps;

  async function isAdmin(teamId: string, userId: string): Promise<boolean> {
    const settings = await teams.getSettings(teamId);
    return settings.admins.includes(userId) || (await directory.isWorkspaceAdmin(userId));
  }

  /** Input problems by field, or undefined; no I/O, so a modal can answer inline before its ack. */
  function validate(input: SettingsInput): Partial<Record<SettingsField, string>> | undefined {
    const errors: Partial<Record<SettingsField, string>> = {};
    const timeZone = input.timeZone.trim();
    if (!isIanaTimeZone(timeZone)) {
      errors.timeZone = `"${timeZone}" is not a time zone. Use an IANA name such as Europe/Berlin or America/New_York.`;
    }
    if (input.segment !== null && !isSegmentKey(input.segment)) errors.segment = 'Pick one of the listed segments.';
    return Object.keys(errors).length > 0 ? errors : undefined;
  }

  return {
    getSettings: (teamId: string) => teams.getSettings(teamId),
    isAdmin,

    validate,

    /** Validates, checks that the actor is (still) an admin, and saves. */
    async save(teamId: string, actorId: string, input: SettingsInput): Promise<SaveSettingsResult> {
      const errors = validate(input);
      if (errors) return { ok: false, reason: 'invalid', errors };
      if (!(await isAdmin(teamId, actorId))) return { ok: false, reason: 'not_admin' };
      await teams.saveSettings(teamId, { ...input, timeZone: input.timeZone.trim() }, actorId, clock());
      return { ok: true, settings: await teams.getSettings(teamId) };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
