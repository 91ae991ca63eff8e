import { defineConfig } from 'vitest/config';

/** The tests that touch the database run a second time on a real PostgreSQL server. */
const DATABASE_TESTS = [
  'test/db/**/*.test.ts',
  'test/e2e/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/postgres/**/*.test.ts',
  'test/control-plane/control-plane.test.ts',
];

export default defineConfig({
  test: {
    // End-to-end tests start a real Bolt app and a loopback Slack double each; forks keep native
    // better-sqlite3 handles and sockets isolated per file.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/postgres/**'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: DATABASE_TESTS,
          globalSetup: ['test/postgres/global-setup.ts'],
          env: { LOOPKEEPER_TEST_DATABASE: 'postgres' },
        },
      },
    ],
  },
});
