import type { Db } from '../../db/open-database.js';

/** People who opened App Home: "refresh the team's Home" re-publishes only theirs, a bounded set. */
export function createHomeViewersRepository(db: Db) {
  return {
    async remember(teamId: string, userId: string, at: Date): Promise<void> {
      await db
        .insertInto('home_viewers')
        .values({ team_id: teamId, user_id: userId, last_opened_at: at.toISOString() })
        .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ last_opened_at: at.toISOString() }))
        .execute();
    },

    /** The most recent viewers first, at most `limit`. */
    async list(teamId: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('home_viewers')
        .select('user_id')
        .where('team_id', '=', teamId)
        .orderBy('last_opened_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.user_id);
    },
  };
}

export type HomeViewersRepository = ReturnType<typeof createHomeViewersRepository>;
