import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { childEnv, MAIN, MIGRATE, ROOT, useChildProcesses } from './child-process.js';

const { run, tempDir } = useChildProcesses();

/** What a stack trace or an unhandled crash looks like in Node's output. */
const STACK_LIKE = [/^\s+at /m, /node:internal/, /Error: /, /triggerUncaughtException/, /\.ts:\d+:\d+/];

const VALID_TOKENS = { SLACK_BOT_TOKEN: 'xoxb-1-startup-test', SLACK_APP_TOKEN: 'xapp-1-startup-test' };

function tablesIn(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as Array<{ name: string }>
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

// Each test starts tsx (about 1 s); the bounds leave room for a loaded machine.
describe('start-up of src/main.ts', { timeout: 30_000 }, () => {
  it('in Socket Mode without tokens exits non-zero with one clear message naming every missing variable, and no stack trace', async () => {
    // A fresh cwd: no stray .env can supply tokens. Without SLACK_MODE it would start the sandbox (test/sandbox).
    const cwd = tempDir();
    const result = await run(MAIN, { cwd, env: childEnv({ SLACK_MODE: 'socket' }) });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('Loopkeeper cannot start: 2 settings need attention.');
    expect(lines.filter((l) => l.startsWith('  - ')).map((l) => l.slice(4).split(' ')[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
    ]);
    expect(result.stderr).toContain('.env');
    for (const pattern of STACK_LIKE) expect(result.stderr).not.toMatch(pattern);
    // Nothing was created: the configuration is checked before the database is touched.
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it('names every malformed variable at once', async () => {
    const result = await run(MAIN, {
      cwd: tempDir(),
      env: childEnv({
        SLACK_BOT_TOKEN: 'not-a-token',
        SLACK_APP_TOKEN: 'xapp-1-ok',
        PORT: '70000',
        LOG_LEVEL: 'loud',
        DEFAULT_TIMEZONE: 'Mars/Base',
        SLACK_API_URL: 'nope',
        SLACK_MODE: 'pigeon',
      }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('Loopkeeper cannot start: 6 settings need attention.');
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'LOG_LEVEL', 'DEFAULT_TIMEZONE', 'SLACK_API_URL', 'SLACK_MODE']) {
      expect(result.stderr).toContain(`  - ${name} `);
    }
    for (const pattern of STACK_LIKE) expect(result.stderr).not.toMatch(pattern);
  });

  it('with DATABASE_URL under a regular file exits non-zero with the clear DATABASE_URL message', async () => {
    const cwd = tempDir();
    const blocker = join(cwd, 'blocker');
    writeFileSync(blocker, 'a regular file, not a folder');
    const path = join(blocker, 'data', 'loopkeeper.sqlite');
    const result = await run(MAIN, { cwd, env: childEnv({ ...VALID_TOKENS, DATABASE_URL: `file:${path}` }) });

    expect(result.code).toBe(1);
    const first = result.stderr.split('\n')[0];
    expect(first).toMatch(
      new RegExp(`^DATABASE_URL points to ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, which cannot be opened`),
    );
    expect(first).toContain('check that the folder exists or can be created and is writable');
    expect(result.stderr).not.toContain('Loopkeeper is running');
    expect(result.stdout).not.toContain('Loopkeeper is running');
  });

  // Each is unusable even for root, who ignores permissions. Before, a folder under /proc made the process spin at
  // 100 % CPU in Node's recursive mkdir, deaf to SIGTERM.
  const unusable: Array<[what: string, path: (cwd: string) => string]> = [
    ['a folder under /proc', () => '/proc/nope/x.sqlite'],
    ['a file straight in /proc', () => '/proc/self/loopkeeper.sqlite'],
    [
      'a folder behind a dangling symlink',
      (cwd) => {
        symlinkSync(join(cwd, 'gone'), join(cwd, 'dangling'));
        return join(cwd, 'dangling', 'data', 'loopkeeper.sqlite');
      },
    ],
    [
      'a folder',
      (cwd) => {
        mkdirSync(join(cwd, 'a-folder'));
        return join(cwd, 'a-folder');
      },
    ],
    [
      'a named pipe',
      (cwd) => {
        execFileSync('mkfifo', [join(cwd, 'pipe.sqlite')]);
        return join(cwd, 'pipe.sqlite');
      },
    ],
  ];
  it.each(unusable)(
    'with DATABASE_URL naming %s ends start-up within seconds with the DATABASE_URL message',
    async (_what, pathIn) => {
      const cwd = tempDir();
      const path = pathIn(cwd);
      // run() kills the process and fails the test if it is still running after 20 s (tsx alone takes seconds on a busy machine).
      const result = await run(MAIN, {
        cwd,
        env: childEnv({ ...VALID_TOKENS, DATABASE_URL: `file:${path}` }),
        timeoutMs: 20_000,
      });

      expect(result.code).toBe(1);
      const prefix = `DATABASE_URL points to ${path}, which `;
      expect(result.stderr.slice(0, prefix.length)).toBe(prefix);
      for (const pattern of STACK_LIKE) expect(result.stderr).not.toMatch(pattern);
      expect(result.stdout).not.toContain('Loopkeeper is running');
      // Nothing was created next to the pretend database.
      expect(existsSync(join(cwd, 'gone'))).toBe(false);
    },
  );

  it('with a named pipe as .env exits at once with a message naming .env instead of waiting for a writer', async () => {
    const cwd = tempDir();
    execFileSync('mkfifo', [join(cwd, '.env')]);
    const result = await run(MAIN, { cwd, env: childEnv(VALID_TOKENS), timeoutMs: 20_000 });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('Loopkeeper cannot start: 1 setting needs attention.');
    expect(result.stderr).toContain(`  - .env (${join(cwd, '.env')}) is not a regular file`);
    for (const pattern of STACK_LIKE) expect(result.stderr).not.toMatch(pattern);
  });

  it('with a PostgreSQL DATABASE_URL naming no database (from .env here) exits non-zero with the clear message', async () => {
    const cwd = tempDir();
    // The tokens and the URL come from the cwd's .env, as `npm start` would read them.
    writeFileSync(
      join(cwd, '.env'),
      `SLACK_BOT_TOKEN=${VALID_TOKENS.SLACK_BOT_TOKEN}\nSLACK_APP_TOKEN=${VALID_TOKENS.SLACK_APP_TOKEN}\nDATABASE_URL=postgres://x\n`,
    );
    const result = await run(MAIN, { cwd, env: childEnv() });

    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(
      'DATABASE_URL names no database on the PostgreSQL server x:5432: add it after the host, as in postgres://user:password@x:5432/loopkeeper',
    );
    expect(result.stdout).not.toContain('Loopkeeper is running');
    // The start-up failure never writes a token.
    expect(result.stdout + result.stderr).not.toContain(VALID_TOKENS.SLACK_BOT_TOKEN);
    expect(result.stdout + result.stderr).not.toContain(VALID_TOKENS.SLACK_APP_TOKEN);
  });

  it('with an unknown PostgreSQL host in the environment names the host', async () => {
    const result = await run(MAIN, {
      cwd: tempDir(),
      env: childEnv({ ...VALID_TOKENS, DATABASE_URL: 'postgres://app:pw@no-such-host.invalid/loopkeeper' }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toMatch(
      /^DATABASE_URL points to PostgreSQL at no-such-host\.invalid:5432, database "loopkeeper", but (the host name cannot be resolved|the server cannot be reached|the server did not answer in time)/,
    );
  });
});

describe('npm run migrate (src/cli/migrate.ts)', { timeout: 40_000 }, () => {
  it('creates and migrates a fresh SQLite file, and is idempotent on a second run', async () => {
    const dir = tempDir();
    const path = join(dir, 'fresh', 'loopkeeper.sqlite');
    // cwd is the project root, as under `npm run migrate`; the environment's DATABASE_URL wins over any .env.
    const env = childEnv({ DATABASE_URL: `file:${path}` });

    const first = await run(MIGRATE, { cwd: ROOT, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied: \S+/);
    expect(existsSync(path)).toBe(true);
    const tables = tablesIn(path);
    expect(tables).toEqual(expect.arrayContaining(['kysely_migration', 'kysely_migration_lock']));
    expect(tables.filter((t) => !t.startsWith('kysely_')).length).toBeGreaterThan(0);

    const second = await run(MIGRATE, { cwd: ROOT, env });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('The database is up to date.\n');
    expect(tablesIn(path)).toEqual(tables);
  });

  it('three processes migrating one fresh file at once: each migration is applied once, and all three succeed', async () => {
    const path = join(tempDir(), 'loopkeeper.sqlite');
    const env = childEnv({ DATABASE_URL: `file:${path}` });
    const results = await Promise.all([1, 2, 3].map(() => run(MIGRATE, { cwd: ROOT, env })));
    expect(results.map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
    const applied = results.flatMap((r) => /^Applied: (.*)$/m.exec(r.stdout)?.[1]?.split(', ') ?? []);
    expect(applied.sort()).toEqual(Object.keys(migrations).sort());
  });

  it('needs no Slack tokens, defaults to ./data/loopkeeper.sqlite under the cwd, and reads DATABASE_URL from .env', async () => {
    const cwd = tempDir();
    const byDefault = await run(MIGRATE, { cwd, env: childEnv() });
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toMatch(/^Applied: /);
    expect(existsSync(join(cwd, 'data', 'loopkeeper.sqlite'))).toBe(true);

    writeFileSync(join(cwd, '.env'), 'DATABASE_URL=sqlite:./from-dotenv/loop.sqlite\n');
    const fromDotenv = await run(MIGRATE, { cwd, env: childEnv() });
    expect(fromDotenv.code).toBe(0);
    expect(fromDotenv.stdout).toMatch(/^Applied: /);
    expect(existsSync(join(cwd, 'from-dotenv', 'loop.sqlite'))).toBe(true);
  });

  it('refuses a PostgreSQL URL naming no database with the clear message and a non-zero exit', async () => {
    const result = await run(MIGRATE, { cwd: tempDir(), env: childEnv({ DATABASE_URL: 'postgres://x' }) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'DATABASE_URL names no database on the PostgreSQL server x:5432: add it after the host, as in postgres://user:password@x:5432/loopkeeper\n',
    );
  });
});
