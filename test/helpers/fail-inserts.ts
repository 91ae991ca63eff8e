import { sql } from 'kysely';
import type { Db } from '../../src/db/open-database.js';
import { TEST_DIALECT } from './test-database.js';

/**
 * Makes the database refuse inserts into `table` whose `column` equals `value`, as a full disk would, until the
 * returned function is called: a trigger, written once per dialect.
 */
export async function failInserts(db: Db, table: string, column: string, value: string): Promise<() => Promise<void>> {
  const t = sql.id(table);
  const c = sql.id(column);
  if (TEST_DIALECT === 'sqlite') {
    await sql`create trigger fail_inserts before insert on ${t} when new.${c} = ${sql.lit(value)}
              begin select raise(abort, 'disk gone'); end`.execute(db);
    return async () => void (await sql`drop trigger fail_inserts`.execute(db));
  }
  await sql`create function fail_inserts() returns trigger language plpgsql as $$
              begin raise exception 'disk gone'; end $$`.execute(db);
  await sql`create trigger fail_inserts before insert on ${t} for each row
            when (new.${c} = ${sql.lit(value)}) execute function fail_inserts()`.execute(db);
  return async () => {
    await sql`drop trigger fail_inserts on ${t}`.execute(db);
    await sql`drop function fail_inserts()`.execute(db);
  };
}
