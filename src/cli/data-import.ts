import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DATABASE_URL, readEnvironment } from '../config.js';
import { DatabaseUrlError } from '../db/database-url.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { count } from '../domain/text/plural.js';
import { describeRowError, GTM_KINDS, isGtmKind } from '../features/kpis/domain/index.js';
import { createKpiQueries } from '../features/kpis/queries.js';
import { createGtmDataRepository } from '../features/kpis/repository.js';
import { createKpiService } from '../features/kpis/service.js';

// `npm run data:import -- <kind> file.csv [--team T0123]` needs only DATABASE_URL, not the Slack tokens.

export const DATA_IMPORT_USAGE = `Usage: npm run data:import -- <${GTM_KINDS.join('|')}> <file.csv> [--team <Slack team id>]
  --team can be left out when the database serves one Slack team. Formats: README.md, "GTM data"; examples in examples/gtm/.`;

const MAX_ERRORS_SHOWN = 50;

export interface DataImportIo {
  databaseUrl: string;
  out(line: string): void;
  err(line: string): void;
  now?: () => Date;
}

/** Runs one import; returns the exit code (0 written, 1 nothing written). */
export async function runDataImport(argv: string[], io: DataImportIo): Promise<number> {
  const args = [...argv];
  let team: string | undefined;
  const teamAt = args.indexOf('--team');
  if (teamAt >= 0) {
    team = args[teamAt + 1];
    args.splice(teamAt, 2);
  }
  const [kind, file, ...extra] = args;
  if (!kind || !file || extra.length > 0 || (teamAt >= 0 && !team)) {
    io.err(DATA_IMPORT_USAGE);
    return 1;
  }
  if (!isGtmKind(kind)) {
    io.err(`"${kind}" is not a kind of GTM data: use one of ${GTM_KINDS.join(', ')}.\n${DATA_IMPORT_USAGE}`);
    return 1;
  }
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`Cannot read ${file}: ${(error as Error).message}. Nothing was imported.`);
    return 1;
  }
  const db = await openDatabase(io.databaseUrl);
  try {
    await migrateToLatest(db);
    const data = createGtmDataRepository(db);
    if (!team) {
      const teams = await data.knownTeams();
      if (teams.length !== 1) {
        io.err(
          teams.length === 0
            ? 'No Slack team has used Loopkeeper with this database yet: pass --team <Slack team id> (it starts with T). Nothing was imported.'
            : `This database serves ${teams.length} Slack teams (${teams.join(', ')}): pass --team <id>. Nothing was imported.`,
        );
        return 1;
      }
      team = teams[0]!;
    }
    const service = createKpiService({ queries: createKpiQueries(db), data, clock: io.now ?? (() => new Date()) });
    const result = await service.importCsv(team, kind, csv);
    if (!result.ok) {
      io.err(`${basename(file)}: ${count(result.errors.length, 'problem')}; nothing was imported.`);
      for (const e of result.errors.slice(0, MAX_ERRORS_SHOWN)) io.err(`  ${describeRowError(e)}`);
      if (result.errors.length > MAX_ERRORS_SHOWN)
        io.err(`  …and ${count(result.errors.length - MAX_ERRORS_SHOWN, 'more problem')}.`);
      return 1;
    }
    io.out(
      `Imported ${result.counts.created + result.counts.updated} ${kind} for team ${team}: ${result.counts.created} new, ${result.counts.updated} updated.`,
    );
    for (const w of result.warnings) io.out(`Note: ${w}`);
    return 0;
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const databaseUrl = readEnvironment().DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  runDataImport(process.argv.slice(2), {
    databaseUrl,
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      const known = error instanceof DatabaseUrlError;
      process.stderr.write(
        `${known ? (error as Error).message : `Import failed, nothing was imported: ${(error as Error).message}`}\n`,
      );
      process.exit(1);
    });
}
