import type { Db } from './open-database.js';

/** Every table that holds a team's own rows; any of them proves Loopkeeper has worked for that workspace. */
const TEAM_TABLES = [
  'teams',
  'team_admins',
  'home_viewers',
  'assessments',
  'assessment_rounds',
  'rituals',
  'risks',
  'mqa_settings',
  'mqa_items',
  'gtm_leads',
  'gtm_touchpoints',
  'gtm_deals',
  'gtm_spend',
  'ingest_tokens',
] as const;

/**
 * Workspaces this database knows, from any team-scoped table, not only `teams` (a row there appears only once
 * `/loop settings` is saved). Ingest and the import CLIs use it to let `team_id` be left out for a one-team database.
 */
export async function knownTeams(db: Db): Promise<string[]> {
  const [first, ...rest] = TEAM_TABLES.map((table) => db.selectFrom(table as 'teams').select('team_id'));
  const query = rest.reduce((q, next) => q.union(next), first!);
  const rows = await query.execute();
  return [...new Set(rows.map((r) => r.team_id))].sort();
}
