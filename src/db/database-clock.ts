import { sql } from 'kysely';
import type { Clock } from '../kernel/clock.js';
import { dialectOf } from './dialect.js';
import type { Db } from './open-database.js';

export interface DatabaseClock {
  /** The database server's time, read locally: the local clock plus the offset last measured. */
  now: Clock;
  /** Measures the offset again; a failed measurement keeps the last one. */
  sync(): Promise<void>;
  offsetMs(): number;
}

/**
 * Every instance on one PostgreSQL server reads time as the server does, so a lease one instance takes is seen as
 * ending at the same moment by all of them, however far their own clocks drift. The offset is measured like NTP:
 * the server's time against the midpoint of the round trip. SQLite is one machine's file, whose clock is the
 * local one: the offset stays 0.
 */
export function createDatabaseClock(db: Db, local: () => number = Date.now): DatabaseClock {
  let offset = 0;
  const postgres = dialectOf(db) === 'postgres';
  return {
    now: () => new Date(local() + offset),
    offsetMs: () => offset,
    async sync() {
      if (!postgres) return;
      const sent = local();
      const { rows } = await sql<{ ms: number }>`select (extract(epoch from clock_timestamp()) * 1000) as ms`.execute(
        db,
      );
      const received = local();
      const server = Number(rows[0]?.ms);
      if (Number.isFinite(server)) offset = Math.round(server - (sent + received) / 2);
    },
  };
}
