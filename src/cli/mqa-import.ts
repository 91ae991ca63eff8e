import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DATABASE_URL, readEnvironment } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { count } from '../domain/text/plural.js';
import { createMqaDeliveriesRepository } from '../features/mqa/deliveries-repository.js';
import { CSV_IMPORT_ACTOR } from '../features/mqa/domain/index.js';
import { CSV_COLUMNS, importMqaCsv } from '../features/mqa/import.js';
import { createMqaItemsRepository } from '../features/mqa/repository.js';
import { createMqaService } from '../features/mqa/service.js';
import { createMqaSettingsRepository } from '../features/mqa/settings-repository.js';
import { systemClock } from '../kernel/clock.js';

const USAGE = `Usage: npm run mqa:import -- <file.csv> [--team T0123ABC]
Columns (header row, any order): ${Object.keys(CSV_COLUMNS).join(', ')}. account_name, domain and source are required.`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * `npm run mqa:import -- file.csv`: checks every row, writes all or none, upserts by external id or domain. Only needs
 * DATABASE_URL; the running bot posts the new accounts for review on its next tick. Returns the exit code.
 */
export async function runMqaImport(
  args: string[],
  databaseUrl: string,
  io: CliIo,
  now: () => Date = systemClock,
): Promise<number> {
  const teamFlag = args.indexOf('--team');
  const team = teamFlag >= 0 ? args[teamFlag + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (teamFlag < 0 || i !== teamFlag + 1));
  if (!file || (teamFlag >= 0 && !team)) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    io.stderr(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const db = await openDatabase(databaseUrl);
  try {
    await migrateToLatest(db);
    const settings = createMqaSettingsRepository(db);
    let teamId = team;
    if (!teamId) {
      const known = await settings.knownTeams();
      if (known.length !== 1) {
        io.stderr(
          `Name the Slack workspace with --team (known: ${known.length > 0 ? known.join(', ') : 'none yet'}).\n`,
        );
        return 2;
      }
      teamId = known[0] as string;
    }
    const mqa = createMqaService({
      items: createMqaItemsRepository(db),
      deliveries: createMqaDeliveriesRepository(db),
      settings,
      // The CLI never posts (deliverNow: false); the bot's scheduled job does.
      poster: {
        deliver: async () => {
          throw new Error('the import CLI does not post to Slack');
        },
        refresh: async () => {},
        echo: async () => {},
      },
      clock: now,
      isAdmin: async () => false,
    });
    const result = await importMqaCsv(mqa, teamId, csv, CSV_IMPORT_ACTOR);
    if (!result.ok) {
      // Lines are named as people count them in the file, like the data import; the file by its name alone.
      io.stderr(`${basename(file)}: ${count(result.errors.length, 'problem')}; nothing was imported.\n`);
      for (const e of result.errors) io.stderr(`  line ${e.line}: ${e.message}\n`);
      io.stderr('Fix the lines above and run it again.\n');
      return 1;
    }
    io.stdout(
      `Imported ${count(result.created + result.updated, 'account')}: ${result.created} new, ${result.updated} updated.\n`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = readEnvironment().DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  runMqaImport(process.argv.slice(2), url, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`MQA import failed: ${(error as Error).message}\n`);
      process.exit(1);
    });
}
