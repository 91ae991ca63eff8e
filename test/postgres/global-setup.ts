import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test server's `postgres` database; test databases are created beside it. */
    postgresAdminUrl: string;
  }
}

/** Every test database is a copy of this one, migrated once; nothing may stay connected to it. */
export const MIGRATED_TEMPLATE = 'loopkeeper_template';

/**
 * Starts one real PostgreSQL for the run (or uses TEST_DATABASE_URL's server), and migrates the template that each
 * test's database is copied from.
 */
export async function setup(project: TestProject) {
  let server: EmbeddedPostgres | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    server = await startEmbeddedPostgres();
    adminUrl = server.url();
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${MIGRATED_TEMPLATE} with (force)`);
    await admin.query(`create database ${MIGRATED_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const template = await openDatabase(withDatabase(adminUrl, MIGRATED_TEMPLATE), { poolSize: 1 });
  try {
    await migrateToLatest(template);
  } finally {
    await template.destroy();
  }
  project.provide('postgresAdminUrl', adminUrl);
  return async () => {
    await server?.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
