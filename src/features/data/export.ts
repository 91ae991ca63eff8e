import type { TableCount } from './domain/table-counts.js';
import { tableCsv } from './domain/table-csv.js';
import { zipArchive } from './domain/zip.js';
import type { DataRepository } from './repository.js';

/** A team's data as a zip of CSV files, one per table, and the row count of each. */
export interface ExportedArchive {
  /** A Buffer on the thread that built it; a Uint8Array once it has crossed from a worker. */
  zip: Uint8Array;
  counts: TableCount[];
}

/** Reads every table of the team (one read transaction) and zips it: the scan a worker thread runs for an export. */
export async function exportArchive(repository: DataRepository, teamId: string, at: Date): Promise<ExportedArchive> {
  const tables = await repository.exportTeam(teamId);
  const zip = zipArchive(
    tables.map((t) => ({ name: `${t.table}.csv`, data: tableCsv(t.columns, t.rows) })),
    at,
  );
  return { zip, counts: tables.map((t) => ({ table: t.table, rows: t.rows.length })) };
}

/** Builds the archive somewhere (a worker thread, or here); `at` stamps the zip's entries. */
export type ExportBuilder = (teamId: string, at: Date) => Promise<ExportedArchive>;
