import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { SQLITE_SLICE_MS } from '../../src/db/sqlite-driver.js';

const folders: string[] = [];
const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Synchronous work of `ms`, as a handler's own code would do between queries. */
function workFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

async function sqliteFile(): Promise<{ db: Db; url: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'loopkeeper-driver-'));
  folders.push(folder);
  const url = `sqlite://${join(folder, 'test.sqlite')}`;
  const db = await openDatabase(url);
  opened.push(db);
  await sql`create table notes (id integer primary key, body text not null)`.execute(db);
  return { db, url };
}

describe('the SQLite driver', () => {
  it('lets a timer run in the middle of a long chain of awaited queries', async () => {
    const { db } = await sqliteFile();
    let queriesBeforeTimer: number | undefined;
    let done = 0;
    setImmediate(() => (queriesBeforeTimer = done));
    // Each query alone is short, and a synchronous driver would run all of them before the timer.
    for (let i = 0; i < 20_000 && queriesBeforeTimer === undefined; i += 1) {
      await db
        .insertInto('notes' as never)
        .values({ body: `note ${i}` } as never)
        .execute();
      done += 1;
    }
    expect(queriesBeforeTimer).toBeDefined();
    expect(queriesBeforeTimer).toBeLessThan(20_000);
  });

  it('runs a short transaction through in one turn of the loop, even late in a busy turn', async () => {
    const { db } = await sqliteFile();
    await new Promise((resolve) => setImmediate(resolve));
    await db
      .selectFrom('notes' as never)
      .selectAll()
      .execute();
    workFor(SQLITE_SLICE_MS - 1);
    let turned = false;
    await db.transaction().execute(async (trx) => {
      setImmediate(() => (turned = true));
      // The turn is past its slice now, the transaction itself is not: waiting for a turn here would hold the
      // connection, and every other caller's query, across it.
      workFor(1);
      for (const body of ['a', 'b', 'c'])
        await trx
          .insertInto('notes' as never)
          .values({ body } as never)
          .execute();
    });
    expect(turned).toBe(false);
  });

  it('lets a timer run in the middle of a long transaction', async () => {
    const { db } = await sqliteFile();
    let insertsBeforeTimer: number | undefined;
    let done = 0;
    setImmediate(() => (insertsBeforeTimer = done));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 20_000 && insertsBeforeTimer === undefined; i += 1) {
        await trx
          .insertInto('notes' as never)
          .values({ body: `note ${i}` } as never)
          .execute();
        done += 1;
      }
    });
    expect(insertsBeforeTimer).toBeDefined();
    expect(insertsBeforeTimer).toBeLessThan(20_000);
    expect(
      await db
        .selectFrom('notes' as never)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({ n: done });
  });

  it('gives the same rows and counts when a statement is reused, with other parameters', async () => {
    const { db } = await sqliteFile();
    for (const body of ['a', 'b', 'c'])
      await db
        .insertInto('notes' as never)
        .values({ body } as never)
        .execute();
    const select = (body: string) =>
      db
        .selectFrom('notes' as never)
        .select(['id', 'body'] as never)
        .where('body' as never, '=', body as never)
        .execute();
    expect(await select('b')).toEqual([{ id: 2, body: 'b' }]);
    expect(await select('c')).toEqual([{ id: 3, body: 'c' }]);
    const updated = await db
      .updateTable('notes' as never)
      .set({ body: 'z' } as never)
      .where('id' as never, '>', 1 as never)
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    expect(await select('z')).toHaveLength(2);
  });

  it('rolls a failed transaction back and keeps queries from other callers out of it until it ends', async () => {
    const { db } = await sqliteFile();
    let other: Promise<unknown[]> | undefined;
    let otherSettled = false;
    const failing = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notes' as never)
        .values({ body: 'inside' } as never)
        .execute();
      other = db
        .selectFrom('notes' as never)
        .selectAll()
        .execute();
      void other.finally(() => (otherSettled = true));
      // However many turns of the loop the transaction takes, the other caller's query waits for it.
      for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(otherSettled).toBe(false);
      throw new Error('abandoned');
    });
    await expect(failing).rejects.toThrow('abandoned');
    expect(await other).toEqual([]);
    expect(
      await db
        .selectFrom('notes' as never)
        .selectAll()
        .execute(),
    ).toEqual([]);
  });

  it('reads a file read-only beside the writer and refuses writes there', async () => {
    const { db, url } = await sqliteFile();
    await db
      .insertInto('notes' as never)
      .values({ body: 'written' } as never)
      .execute();
    const reader = await openDatabase(url, { readOnly: true });
    opened.push(reader);
    expect(
      await reader
        .selectFrom('notes' as never)
        .select('body' as never)
        .execute(),
    ).toEqual([{ body: 'written' }]);
    await expect(
      reader
        .insertInto('notes' as never)
        .values({ body: 'no' } as never)
        .execute(),
    ).rejects.toThrow(/readonly/i);
  });
});
