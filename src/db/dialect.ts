import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: any schema will do, only the adapter is read.
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Days from `from` to `to` (ISO 8601 text columns or values), fractional: the only date arithmetic the queries need,
 * written once per dialect.
 */
export function daysBetween(dialect: DialectName, from: RawBuilder<unknown>, to: RawBuilder<unknown>) {
  return dialect === 'postgres'
    ? sql<number>`(extract(epoch from (${to})::timestamptz - (${from})::timestamptz) / 86400.0)`
    : sql<number>`(julianday(${to}) - julianday(${from}))`;
}
