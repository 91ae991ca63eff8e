import type { Db } from '../../db/open-database.js';
import type { TeamSettings, TeamSettingsUpdate } from './domain/team-settings.js';

export function createTeamsRepository(db: Db, defaults: { timeZone: string }) {
  return {
    /** One statement (a team row per admin): most commands read settings first, with a person waiting. */
    async getSettings(teamId: string): Promise<TeamSettings> {
      // Admins belong to their team's row (a foreign key), so none is lost by starting from teams.
      const rows = await db
        .selectFrom('teams')
        .leftJoin('team_admins', 'team_admins.team_id', 'teams.team_id')
        .select(['teams.segment', 'teams.assessments_channel_id', 'teams.time_zone', 'team_admins.user_id'])
        .where('teams.team_id', '=', teamId)
        .orderBy('team_admins.added_at')
        .orderBy('team_admins.user_id')
        .execute();
      const team = rows[0];
      return {
        teamId,
        segment: team?.segment ?? null,
        assessmentsChannelId: team?.assessments_channel_id ?? null,
        timeZone: team?.time_zone ?? defaults.timeZone,
        admins: rows.flatMap((row) => (row.user_id === null ? [] : [row.user_id])),
      };
    },

    /** Replaces the team's settings and admin list in one transaction. */
    async saveSettings(teamId: string, update: TeamSettingsUpdate, actorId: string, now: Date): Promise<void> {
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('teams')
          .values({
            team_id: teamId,
            segment: update.segment,
            assessments_channel_id: update.assessmentsChannelId,
            time_zone: update.timeZone,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) =>
            oc.column('team_id').doUpdateSet({
              segment: update.segment,
              assessments_channel_id: update.assessmentsChannelId,
              time_zone: update.timeZone,
              updated_at: at,
            }),
          )
          .execute();
        const kept = [...new Set(update.admins)];
        let removal = trx.deleteFrom('team_admins').where('team_id', '=', teamId);
        if (kept.length > 0) removal = removal.where('user_id', 'not in', kept);
        await removal.execute();
        if (kept.length > 0) {
          await trx
            .insertInto('team_admins')
            .values(kept.map((userId) => ({ team_id: teamId, user_id: userId, added_by: actorId, added_at: at })))
            .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
            .execute();
        }
      });
    },
  };
}

export type TeamsRepository = ReturnType<typeof createTeamsRepository>;
