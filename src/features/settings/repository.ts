import type { Db } from '../../db/open-database.js';
import type { TeamSettings, TeamSettingsUpdate } from './domain/team-settings.js';

export function createTeamsRepository(db: Db, defaults: { timeZone: string }) {
  return {
    async getSettings(teamId: string): Promise<TeamSettings> {
      const [team, admins] = await Promise.all([
        db.selectFrom('teams').selectAll().where('team_id', '=', teamId).executeTakeFirst(),
        db.selectFrom('team_admins').select('user_id').where('team_id', '=', teamId).orderBy('added_at').execute(),
      ]);
      return {
        teamId,
        segment: team?.segment ?? null,
        assessmentsChannelId: team?.assessments_channel_id ?? null,
        timeZone: team?.time_zone ?? defaults.timeZone,
        admins: admins.map((a) => a.user_id),
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
