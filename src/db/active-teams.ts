import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from './open-database.js';

// A workspace that uninstalled Loopkeeper (Slack's app_uninstalled, or its bot token revoked) has `uninstalled_at`
// set on its `teams` row until it installs again. Its data is kept for DATA_RETENTION_DAYS, but nothing is sent to it
// any more: every job that scans all teams skips it. A team without a `teams` row is active (that row appears only
// once `/loop settings` is saved, or when an uninstall is recorded).

/** False once the workspace has uninstalled Loopkeeper (until it installs again); true for a team never seen. */
export async function isActiveTeam(db: Db, teamId: string): Promise<boolean> {
  const row = await db.selectFrom('teams').select('uninstalled_at').where('team_id', '=', teamId).executeTakeFirst();
  return !row?.uninstalled_at;
}

/**
 * For queries that pick due work across every team: keeps rows whose team has not uninstalled Loopkeeper.
 * `teamIdColumn` names the row's team id column, qualified when the query joins: `'ritual_posts.team_id'`.
 * `db.selectFrom('ritual_posts').selectAll().where(activeTeamCondition('ritual_posts.team_id'))`
 */
export function activeTeamCondition(teamIdColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`not exists (select 1 from teams as lk_uninstalled where lk_uninstalled.team_id = ${sql.ref(
    teamIdColumn,
  )} and lk_uninstalled.uninstalled_at is not null)`;
}

/**
 * Records that Slack said the workspace uninstalled Loopkeeper. The first time counts: Slack sends app_uninstalled
 * and tokens_revoked for one uninstall, and may deliver each twice. The `teams` row is made if there was none.
 */
export async function markTeamUninstalled(db: Db, teamId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('teams')
    .values({
      team_id: teamId,
      segment: null,
      assessments_channel_id: null,
      time_zone: null,
      created_at: at,
      updated_at: at,
      uninstalled_at: at,
    })
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet({ uninstalled_at: sql<string>`coalesce(teams.uninstalled_at, ${at})` }),
    )
    .execute();
}

/**
 * A reinstall: the workspace is active again and its data is no longer due for the purge. The OAuth install
 * callback calls this once the installation is stored. True when the team had been marked uninstalled.
 */
export async function markTeamReinstalled(db: Db, teamId: string): Promise<boolean> {
  const result = await db
    .updateTable('teams')
    .set({ uninstalled_at: null })
    .where('team_id', '=', teamId)
    .where('uninstalled_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
