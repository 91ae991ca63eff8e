import { type Kysely, sql, type Transaction } from 'kysely';
import { isActiveTeam, markTeamReinstalled, markTeamUninstalled } from '../../db/active-teams.js';
import type { Database } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import type { Db } from '../../db/open-database.js';
import type { TableCount } from './domain/table-counts.js';
import { INSTALLATIONS_TABLE, TEAM_TABLES, type TeamTable } from './tables.js';

type Row = Record<string, unknown>;
/** Tables by runtime name: the export reads whatever columns the schema has. */
type AnyDb = Kysely<Record<string, Row>>;
type Trx = Transaction<Database>;

/** One table of a workspace's export: its columns (secrets left out) and its rows in key order. */
export interface ExportedTable {
  table: string;
  columns: string[];
  rows: unknown[][];
}

const BATCH_SIZE = 1000;
const TABLES: readonly TeamTable[] = TEAM_TABLES;

/** Column names of every table, in the order the schema has them; a table not there (yet) has no entry. */
async function columnsByTable(trx: Trx): Promise<Map<string, string[]>> {
  const { rows } =
    dialectOf(trx) === 'postgres'
      ? await sql<{ table_name: string; column_name: string }>`
          select table_name, column_name from information_schema.columns
          where table_schema = current_schema() order by table_name, ordinal_position`.execute(trx)
      : await sql<{ table_name: string; column_name: string }>`
          select m.name as table_name, p.name as column_name from sqlite_master m, pragma_table_info(m.name) p
          where m.type = 'table' order by m.name, p.cid`.execute(trx);
  const columns = new Map<string, string[]>();
  for (const r of rows) {
    const list = columns.get(r.table_name) ?? [];
    list.push(r.column_name);
    columns.set(r.table_name, list);
  }
  return columns;
}

/** The table's rows of one team: its own team_id, or its parent's. */
function teamRows(db: AnyDb, table: TeamTable, teamId: string) {
  const query = db.selectFrom(table.name);
  const { parent } = table;
  if (!parent) return query.where('team_id', '=', teamId);
  return query.where(parent.column, 'in', db.selectFrom(parent.table).select('id').where('team_id', '=', teamId));
}

/** Every row of the team in `table`, `columns` only, in key order, a batch at a time. */
async function readTeamTable(db: AnyDb, table: TeamTable, teamId: string, columns: string[]): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  let after: unknown[] | undefined;
  for (;;) {
    let query = teamRows(db, table, teamId).select([...new Set([...columns, ...table.key])]);
    if (after) {
      const key = sql.join(table.key.map((k) => sql.ref(k)));
      query = query.where(sql<boolean>`(${key}) > (${sql.join(after)})`);
    }
    for (const k of table.key) query = query.orderBy(k);
    const batch = await query.limit(BATCH_SIZE).execute();
    for (const row of batch) rows.push(columns.map((c) => row[c]));
    if (batch.length < BATCH_SIZE) return rows;
    const last = batch[batch.length - 1] as Row;
    after = table.key.map((k) => last[k]);
  }
}

/** Deletes every row of the team in every table, children first; the counts are in TEAM_TABLES' order. */
async function deleteTeamRows(trx: Trx, teamId: string): Promise<TableCount[]> {
  const present = await columnsByTable(trx);
  const db = trx as unknown as AnyDb;
  const deleted = new Map<string, number>();
  for (const table of [...TABLES].reverse()) {
    if (!present.has(table.name)) continue;
    const { parent } = table;
    let query = db.deleteFrom(table.name);
    query = parent
      ? query.where(parent.column, 'in', db.selectFrom(parent.table).select('id').where('team_id', '=', teamId))
      : query.where('team_id', '=', teamId);
    const result = await query.executeTakeFirst();
    deleted.set(table.name, Number(result.numDeletedRows));
  }
  return TABLES.filter((t) => deleted.has(t.name)).map((t) => ({ table: t.name, rows: deleted.get(t.name) ?? 0 }));
}

/** The queries behind `/loop data export|delete`, the uninstall record and the retention purge. */
export function createDataRepository(db: Db) {
  return {
    /**
     * Every table's rows of the team, read in one transaction (a snapshot on PostgreSQL), so the files agree with
     * each other. Installations are never read; secret columns are left out.
     */
    async exportTeam(teamId: string): Promise<ExportedTable[]> {
      let transaction = db.transaction();
      if (dialectOf(db) === 'postgres')
        transaction = transaction.setIsolationLevel('repeatable read').setAccessMode('read only');
      return transaction.execute(async (trx) => {
        const schema = await columnsByTable(trx);
        const tables: ExportedTable[] = [];
        for (const table of TABLES) {
          const all = schema.get(table.name);
          if (!all) continue;
          const secret = table.secret ?? [];
          const columns = all.filter((c) => !secret.includes(c));
          const rows = await readTeamTable(trx as unknown as AnyDb, table, teamId, columns);
          tables.push({ table: table.name, columns, rows });
        }
        return tables;
      });
    },

    /**
     * Deletes every row of the team in every table in one transaction, children first. The installation stays:
     * Loopkeeper is still installed and keeps working, with nothing remembered.
     */
    deleteTeam(teamId: string): Promise<TableCount[]> {
      return db.transaction().execute((trx) => deleteTeamRows(trx, teamId));
    },

    /** Teams that uninstalled Loopkeeper at or before `cutoff`: due for the purge. */
    async uninstalledBefore(cutoff: Date): Promise<string[]> {
      const rows = await db
        .selectFrom('teams')
        .select('team_id')
        .where('uninstalled_at', 'is not', null)
        .where('uninstalled_at', '<=', cutoff.toISOString())
        .orderBy('team_id')
        .execute();
      return rows.map((r) => r.team_id);
    },

    /**
     * The purge of one uninstalled team, in one transaction that starts with its claim: the `teams` row is taken
     * only while the team is still uninstalled since `cutoff` and has not installed again (no newer installation).
     * Another instance's purge of the same team waits for that row and then finds it gone, so the purge happens
     * once; a reinstall that got there first keeps everything. Undefined when the claim was not ours.
     * The team's own installation row goes too (its tokens were revoked); an org-wide one serves other workspaces.
     */
    async purgeUninstalled(teamId: string, cutoff: Date, now: Date): Promise<TableCount[] | undefined> {
      return db.transaction().execute(async (trx) => {
        const claim = await trx
          .updateTable('teams')
          .set({ updated_at: now.toISOString() })
          .where('team_id', '=', teamId)
          .where('uninstalled_at', 'is not', null)
          .where('uninstalled_at', '<=', cutoff.toISOString())
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('installations')
                  .select('installation_key')
                  .whereRef('installations.team_id', '=', 'teams.team_id')
                  .where('installations.is_enterprise_install', '=', 0)
                  .whereRef('installations.updated_at', '>', 'teams.uninstalled_at'),
              ),
            ),
          )
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) return undefined;
        const counts = await deleteTeamRows(trx, teamId);
        const installations = await trx
          .deleteFrom(INSTALLATIONS_TABLE)
          .where('team_id', '=', teamId)
          .where('is_enterprise_install', '=', 0)
          .executeTakeFirst();
        return [...counts, { table: INSTALLATIONS_TABLE, rows: Number(installations.numDeletedRows) }];
      });
    },

    markUninstalled: (teamId: string, now: Date) => markTeamUninstalled(db, teamId, now),
    markReinstalled: (teamId: string) => markTeamReinstalled(db, teamId),
    isActive: (teamId: string) => isActiveTeam(db, teamId),

    /** Clears the uninstall of a team that uninstalled before `before`; true when it did. */
    async clearUninstalledBefore(teamId: string, before: Date): Promise<boolean> {
      const result = await db
        .updateTable('teams')
        .set({ uninstalled_at: null })
        .where('team_id', '=', teamId)
        .where('uninstalled_at', 'is not', null)
        .where('uninstalled_at', '<', before.toISOString())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type DataRepository = ReturnType<typeof createDataRepository>;
