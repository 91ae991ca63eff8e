import { DEFAULT_DATABASE_URL, readEnvironment } from '../config.js';
import { DatabaseUrlError } from '../db/database-url.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';

// `npm run migrate` needs only DATABASE_URL, not the Slack tokens.

async function run(): Promise<void> {
  const url = readEnvironment().DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const db = await openDatabase(url);
  try {
    const applied = await migrateToLatest(db);
    process.stdout.write(applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
  } finally {
    await db.destroy();
  }
}

run().catch((error: unknown) => {
  const known = error instanceof DatabaseUrlError;
  process.stderr.write(`${known ? (error as Error).message : `Migration failed: ${(error as Error).message}`}\n`);
  process.exit(1);
});
