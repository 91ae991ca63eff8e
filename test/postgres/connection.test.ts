import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createDatabaseClock } from '../../src/db/database-clock.js';
import { DatabaseUrlError } from '../../src/db/database-url.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { useLoopkeeper } from '../helpers/loopkeeper.js';
import { testDatabase } from '../helpers/test-database.js';
import { childEnv, MAIN, useChildProcesses } from '../ops/child-process.js';
import { type EmbeddedPostgres, freePort, startEmbeddedPostgres } from './embedded-server.js';

// A server of this file's own: it is stopped and restarted, and one role on it needs a password.
let server: EmbeddedPostgres;
beforeAll(async () => {
  server = await startEmbeddedPostgres({ hbaLines: ['host all guarded 127.0.0.1/32 scram-sha-256'] });
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query(`create role guarded login password 'right-password'`);
  await admin.query('create database loopkeeper');
  await admin.end();
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

async function failureOf(url: string, connectTimeoutMs?: number): Promise<Error> {
  try {
    const db = await openDatabase(url, { poolSize: 1, ...(connectTimeoutMs ? { connectTimeoutMs } : {}) });
    await db.destroy();
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('a PostgreSQL that cannot be used stops start-up with its host and cause', () => {
  it('nothing listening', async () => {
    const port = await freePort();
    const error = await failureOf(`postgres://app:secret@127.0.0.1:${port}/loopkeeper`);
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).toBe(
      `DATABASE_URL points to PostgreSQL at 127.0.0.1:${port}, database "loopkeeper", but nothing accepts connections there: check that PostgreSQL is running and the host and port are right`,
    );
  });

  it('a database that does not exist', async () => {
    const error = await failureOf(server.url('no_such_db'));
    expect(error.message).toBe(
      `DATABASE_URL points to PostgreSQL at 127.0.0.1:${server.port}, database "no_such_db", which does not exist on that server: create it (createdb no_such_db) or fix the name in the URL`,
    );
  });

  it('a wrong password, never echoed', async () => {
    const error = await failureOf(`postgres://guarded:wrong-password@127.0.0.1:${server.port}/loopkeeper`);
    expect(error.message).toContain('but the server refused the password of user "guarded"');
    expect(error.message).not.toContain('wrong-password');
    // The right one gets in.
    const db = await openDatabase(`postgres://guarded:right-password@127.0.0.1:${server.port}/loopkeeper`);
    await db.destroy();
  });

  it('TLS asked for, but the server offers none', async () => {
    const error = await failureOf(`${server.url('loopkeeper')}?sslmode=require`);
    expect(error.message).toContain('which does not offer TLS, but the URL asks for it (sslmode)');
  });

  it('a server that accepts the connection and never answers', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    try {
      const error = await failureOf(`postgres://app@127.0.0.1:${port}/loopkeeper`, 300);
      expect(error.message).toBe(
        `DATABASE_URL points to PostgreSQL at 127.0.0.1:${port}, database "loopkeeper", but the server did not answer in time: check the host, the port and any firewall`,
      );
    } finally {
      silent.close();
    }
  });

  describe('through npm start', () => {
    const { run, tempDir } = useChildProcesses();
    it('exits 1 within 15 seconds with the message, no stack', async () => {
      const port = await freePort();
      const started = Date.now();
      const result = await run(MAIN, {
        cwd: tempDir(),
        env: childEnv({
          SLACK_BOT_TOKEN: 'xoxb-1-valid',
          SLACK_APP_TOKEN: 'xapp-1-valid',
          DATABASE_URL: `postgres://app:secret@127.0.0.1:${port}/loopkeeper`,
        }),
        timeoutMs: 15_000,
      });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `DATABASE_URL points to PostgreSQL at 127.0.0.1:${port}, database "loopkeeper", but nothing accepts connections there: check that PostgreSQL is running and the host and port are right`,
      );
    });
  });
});

describe('migrations on PostgreSQL', () => {
  it('instances that start at once: one migrates under the lock, the others wait and find it done', async () => {
    const database = await testDatabase({ migrated: false });
    const dbs: Db[] = [];
    try {
      for (let i = 0; i < 3; i++) dbs.push(await openDatabase(database.url, { poolSize: 2 }));
      const applied = await Promise.all(dbs.map((db) => migrateToLatest(db)));
      // Every migration ran exactly once, in one of the three.
      expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
      const rows = await dbs[0]!
        .selectFrom('kysely_migration' as never)
        .selectAll()
        .execute();
      expect(rows).toHaveLength(Object.keys(migrations).length);
    } finally {
      for (const db of dbs) await db.destroy();
      await database.dispose();
    }
  });
});

describe("the database's clock", () => {
  it('reads the server time even when the local clock is ten minutes behind', async () => {
    const db = await openDatabase(server.url('loopkeeper'), { poolSize: 1 });
    try {
      const behind = () => Date.now() - 10 * 60_000;
      const clock = createDatabaseClock(db, behind);
      await clock.sync();
      expect(Math.abs(clock.offsetMs() - 10 * 60_000)).toBeLessThan(1_000);
      expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1_000);
    } finally {
      await db.destroy();
    }
  });
});

describe('a connection lost at run time', () => {
  const start = useLoopkeeper();
  it('turns /healthz to 503 while PostgreSQL is down, and back to 200 once it is up, without a restart', async () => {
    const { app } = await start({ env: { DATABASE_URL: server.url('loopkeeper') } });
    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${app.http.port}/healthz`);
      return { status: response.status, body: (await response.json()) as { database?: string } };
    };
    expect((await health()).status).toBe(200);
    await server.stop({ keepData: true });
    try {
      const down = await health();
      expect(down).toMatchObject({ status: 503, body: { database: 'error' } });
      // Due work finds the database gone: the tick logs it and the process carries on.
      await app.tick();
    } finally {
      await server.restart();
    }
    expect(await health()).toMatchObject({ status: 200, body: { database: 'ok' } });
  });
});
