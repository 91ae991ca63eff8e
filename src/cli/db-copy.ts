import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.js';
import { type DatabaseLocation, DatabaseUrlError, parseDatabaseUrl } from '../db/database-url.js';
import { type DialectName, dialectOf } from '../db/dialect.js';
import { migrateToLatest } from '../db/migrate.js';
import { type Db, openDatabase } from '../db/open-database.js';
import { count } from '../domain/text/plural.js';

// `npm run db:copy -- --from <DATABASE_URL> --to <DATABASE_URL>`: moves a Loopkeeper database to another one (the
// documented path: an existing SQLite file to a new PostgreSQL database). Needs no Slack tokens and reads no .env.

export const DB_COPY_USAGE = `Usage: npm run db:copy -- --from <DATABASE_URL> --to <DATABASE_URL>
  Copies every Loopkeeper row from one database into another, empty one, in a single transaction (all or nothing),
  then compares the row counts of every table. Both sides are migrated to the latest schema first.
  Stop Loopkeeper while it runs, so nothing is written to the source during the copy.
  Example: npm run db:copy -- --from file:./data/loopkeeper.sqlite --to postgres://user:password@localhost:5432/loopkeeper`;

interface TableSpec {
  name: keyof Database;
  /** The primary key, which the source is read in the order of, one batch after the other. */
  key: readonly string[];
  /** The autoIncrement() column: an identity column on PostgreSQL, whose next value is set after the copy. */
  identity?: 'id';
}

/**
 * Every table, parents before children, so each foreign key (`references(...)` in migrations/) points at rows
 * already copied: team_admins -> teams; assessment_scores, assessment_red_flags, assessment_summary_posts ->
 * assessments; assessment_round_* -> assessment_rounds; ritual_posts -> rituals; follow_ups -> rituals, ritual_posts;
 * mqa_events, mqa_deliveries -> mqa_items; risk_events, risk_review_reminders -> risks.
 */
export const COPIED_TABLES = [
  { name: 'teams', key: ['team_id'] },
  { name: 'team_admins', key: ['team_id', 'user_id'] },
  { name: 'assessments', key: ['id'], identity: 'id' },
  { name: 'assessment_scores', key: ['assessment_id', 'dimension'] },
  { name: 'assessment_red_flags', key: ['assessment_id', 'flag_key'] },
  { name: 'assessment_summary_posts', key: ['id'], identity: 'id' },
  { name: 'assessment_rounds', key: ['id'], identity: 'id' },
  { name: 'assessment_round_invitees', key: ['round_id', 'user_id'] },
  { name: 'assessment_round_responses', key: ['round_id', 'user_id'] },
  { name: 'rituals', key: ['id'], identity: 'id' },
  { name: 'ritual_posts', key: ['id'], identity: 'id' },
  { name: 'follow_ups', key: ['id'], identity: 'id' },
  { name: 'mqa_settings', key: ['team_id'] },
  { name: 'mqa_routes', key: ['id'], identity: 'id' },
  { name: 'mqa_items', key: ['id'], identity: 'id' },
  { name: 'mqa_events', key: ['id'], identity: 'id' },
  { name: 'mqa_deliveries', key: ['id'], identity: 'id' },
  { name: 'risks', key: ['id'], identity: 'id' },
  { name: 'risk_events', key: ['id'], identity: 'id' },
  { name: 'risk_review_reminders', key: ['id'], identity: 'id' },
  { name: 'home_viewers', key: ['team_id', 'user_id'] },
  { name: 'gtm_leads', key: ['team_id', 'id'] },
  { name: 'gtm_touchpoints', key: ['team_id', 'id'] },
  { name: 'gtm_deals', key: ['team_id', 'id'] },
  { name: 'gtm_spend', key: ['team_id', 'month', 'channel'] },
  // Derived from the four above, copied as they are so the copy reads the same figures at once.
  { name: 'gtm_kpi_lead_days', key: ['team_id', 'day', 'stage'] },
  { name: 'gtm_kpi_deal_days', key: ['team_id', 'day', 'currency'] },
  { name: 'gtm_kpi_source_days', key: ['team_id', 'kind', 'day', 'source', 'currency'] },
  { name: 'gtm_kpi_channel_days', key: ['team_id', 'day', 'channel'] },
  // Sealed as they are: the new deployment needs the same token key to open them.
  { name: 'installations', key: ['installation_key'] },
  { name: 'ingest_tokens', key: ['id'], identity: 'id' },
  { name: 'control_plane_canvases', key: ['team_id'] },
] as const satisfies readonly TableSpec[];

// A table added to Database but not to the list above does not compile: it would otherwise be left behind.
type Unlisted = Exclude<keyof Database, (typeof COPIED_TABLES)[number]['name']>;
const everyTableIsListed: Record<Unlisted, never> = {};
void everyTableIsListed;

const TABLE_NAMES: readonly string[] = COPIED_TABLES.map((t) => t.name);

/** kysely's own bookkeeping: each side's migrations write it; it is never copied. */
const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

const DEFAULT_BATCH_SIZE = 500;
// Bound parameters per insert, below SQLite's limit (32766) and PostgreSQL's (65535).
const MAX_PARAMETERS = 30_000;

export interface DbCopyIo {
  out(line: string): void;
  err(line: string): void;
  /** Rows read and written at a time (default 500); tests make it small to cross batch boundaries. */
  batchSize?: number;
}

type Row = Record<string, unknown>;
/** Tables by runtime name: the rows are copied as they are, column by column. */
type AnyDb = Kysely<Record<string, Row>>;
type Counts = Map<string, number>;

/** A problem with what was asked for: exit 2, nothing written. */
class Refusal extends Error {}

/**
 * Copies every Loopkeeper row from --from to --to; returns the exit code: 0 copied and verified, 1 failed (nothing
 * written) or the counts differ afterwards, 2 a usage error or a refusal (nothing written).
 */
export async function runDbCopy(argv: string[], io: DbCopyIo): Promise<number> {
  const redact = redactor(argv);
  const out = (line: string) => io.out(redact(line));
  const err = (line: string) => io.err(redact(line));
  const args = parseArgs(argv);
  if (args === 'help') {
    out(DB_COPY_USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    err(`${args}\n${DB_COPY_USAGE}`);
    return 2;
  }

  let from: DatabaseLocation;
  let to: DatabaseLocation;
  try {
    from = parseSide('--from', args.from);
    to = parseSide('--to', args.to);
    if (sameDatabase(from, to)) {
      throw new Refusal(`--from and --to name the same database (${describe(from)}): copy to another one.`);
    }
    if (from.kind === 'sqlite' && !existsSync(from.path)) {
      throw new Refusal(`--from names ${from.path}, which does not exist: point it at your Loopkeeper SQLite file.`);
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    err(`${error.message}\n${DB_COPY_USAGE}`);
    return 2;
  }

  let source: Db | undefined;
  let target: Db | undefined;
  let committed = false;
  try {
    source = await openSide('--from', args.from);
    target = await openSide('--to', args.to);

    // Before anything is migrated, so a refusal leaves both sides exactly as they were.
    const held = [...(await countRows(target, await tablesOf(target)))].filter(([, n]) => n > 0);
    if (held.length > 0) {
      err(
        `The target (${describe(to)}) already holds Loopkeeper data: ${held.map(([t, n]) => `${t}: ${count(n, 'row')}`).join(', ')}.`,
      );
      err('db:copy only fills an empty database: point --to at a new one, or empty it first. Nothing was written.');
      return 2;
    }

    const migratedSource = await migrateToLatest(source);
    const migratedTarget = await migrateToLatest(target);
    if (migratedSource.length > 0) out(`Source migrated: ${migratedSource.join(', ')}.`);
    if (migratedTarget.length > 0) out(`Target migrated: ${count(migratedTarget.length, 'migration')} applied.`);

    // The migrated target holds exactly the tables the migrations create: one this command does not know would be
    // left behind, so nothing is copied.
    const known = new Set(TABLE_NAMES);
    const unknown = (tables: string[]) => tables.filter((t) => !known.has(t) && !KYSELY_TABLES.has(t)).sort();
    const unknownInTarget = unknown(await tablesOf(target));
    if (unknownInTarget.length > 0) {
      err(
        `The target has tables db:copy does not know (${unknownInTarget.join(', ')}): a migration newer than this command, or another application's. Nothing was copied.`,
      );
      return 1;
    }
    for (const table of unknown(await tablesOf(source))) {
      out(`Note: the source's table ${table} is not Loopkeeper's; it was not copied.`);
    }

    out(`Copying from ${describe(from)} to ${describe(to)}…`);
    await copyAll(source, target, Math.max(1, io.batchSize ?? DEFAULT_BATCH_SIZE));
    committed = true;

    // After the commit, read afresh on both sides: what a person will find there from now on.
    const sourceCounts = await countRows(source, TABLE_NAMES);
    const targetCounts = await countRows(target, TABLE_NAMES);
    const differ = TABLE_NAMES.filter((t) => sourceCounts.get(t) !== targetCounts.get(t));
    for (const line of countsTable(sourceCounts, targetCounts)) out(line);
    if (differ.length > 0) {
      err(
        `Row counts differ in ${count(differ.length, 'table')} (${differ.join(', ')}): the source changed after it was read, probably because Loopkeeper was still running.`,
      );
      err('Stop Loopkeeper, empty the target (drop and create the database again) and copy once more.');
      return 1;
    }
    const total = [...targetCounts.values()].reduce((a, b) => a + b, 0);
    out(
      `Copied ${count(total, 'row')} in ${count(COPIED_TABLES.length, 'table')}; every table has the same count on both sides.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DatabaseUrlError) {
      err(error.message);
      return 1;
    }
    err(
      committed
        ? `The copy was committed, but checking it failed: ${(error as Error).message}`
        : `The copy failed, nothing was written to the target: ${(error as Error).message}`,
    );
    return 1;
  } finally {
    await source?.destroy().catch(() => undefined);
    await target?.destroy().catch(() => undefined);
  }
}

/** Reads the source in one snapshot and writes the target in one transaction: a failure anywhere rolls all back. */
async function copyAll(sourceDb: Db, targetDb: Db, batchSize: number): Promise<void> {
  const sourceDialect = dialectOf(sourceDb);
  const targetDialect = dialectOf(targetDb);
  let snapshot = sourceDb.transaction();
  if (sourceDialect === 'postgres') snapshot = snapshot.setIsolationLevel('repeatable read').setAccessMode('read only');
  await snapshot.execute(async (sourceTrx) =>
    targetDb.transaction().execute(async (targetTrx) => {
      const src = sourceTrx as unknown as AnyDb;
      const dst = targetTrx as unknown as AnyDb;
      const expected = new Map<string, number>();
      for (const table of COPIED_TABLES) {
        let copied = 0;
        for await (const rows of batches(src, table, batchSize)) {
          const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
          for (let at = 0; at < rows.length; at += perInsert) {
            const chunk = rows.slice(at, at + perInsert);
            try {
              await dst.insertInto(table.name).values(chunk).execute();
            } catch (error) {
              throw new Error(
                `writing ${table.name} rows ${copied + at + 1}-${copied + at + chunk.length} to the target: ${(error as Error).message}`,
              );
            }
          }
          copied += rows.length;
        }
        expected.set(table.name, copied);
      }
      // Inside the transaction, so a target that lost rows (a trigger, a rule) keeps none of them.
      const written = await countRows(dst as unknown as Db, TABLE_NAMES);
      const lost = [...expected].filter(([t, n]) => written.get(t) !== n);
      if (lost.length > 0) {
        throw new Error(
          `the target does not hold what was written: ${lost.map(([t, n]) => `${t} ${written.get(t)} of ${n}`).join(', ')}`,
        );
      }
      await advanceIdentities(src, sourceDialect, dst, targetDialect);
    }),
  );
}

/** The rows of one table in key order, `size` at a time; each batch starts after the last key of the one before. */
async function* batches(db: AnyDb, table: TableSpec, size: number): AsyncGenerator<Row[]> {
  let after: unknown[] | undefined;
  for (;;) {
    let query = db.selectFrom(table.name).selectAll();
    if (after) {
      const key = sql.join(table.key.map((k) => sql.ref(k)));
      query = query.where(sql<boolean>`(${key}) > (${sql.join(after)})`);
    }
    for (const k of table.key) query = query.orderBy(k);
    const rows = await query.limit(size).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    after = table.key.map((k) => last[k]);
  }
}

/**
 * Sets each identity past the highest id the source ever gave out (its max id, or more when rows were deleted), so
 * new rows get fresh ids and an id in an old Slack message never names a different row.
 */
async function advanceIdentities(src: AnyDb, sourceDialect: DialectName, dst: AnyDb, targetDialect: DialectName) {
  const given = await highestIdsGiven(src, sourceDialect);
  for (const table of COPIED_TABLES) {
    if (!('identity' in table)) continue;
    const row = await dst
      .selectFrom(table.name)
      .select((eb) => eb.fn.max(table.identity).as('max'))
      .executeTakeFirst();
    const highest = Math.max(Number(row?.max ?? 0), given.get(table.name) ?? 0);
    if (targetDialect === 'postgres') {
      await sql`alter table ${sql.id(table.name)} alter column ${sql.id(table.identity)} restart with ${sql.lit(highest + 1)}`.execute(
        dst,
      );
    } else if (highest > 0) {
      // SQLite's AUTOINCREMENT follows the ids inserted; sqlite_sequence only needs raising past deleted ones.
      const seq = dst as unknown as Kysely<{ sqlite_sequence: { name: string; seq: number } }>;
      const updated = await seq
        .updateTable('sqlite_sequence')
        .set({ seq: highest })
        .where('name', '=', table.name)
        .where('seq', '<', highest)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) {
        const known = await seq
          .selectFrom('sqlite_sequence')
          .select('seq')
          .where('name', '=', table.name)
          .executeTakeFirst();
        if (!known) await seq.insertInto('sqlite_sequence').values({ name: table.name, seq: highest }).execute();
      }
    }
  }
}

/** Per identity table, the last id the source handed out, deleted rows included. */
async function highestIdsGiven(db: AnyDb, dialect: DialectName): Promise<Map<string, number>> {
  const given = new Map<string, number>();
  if (dialect === 'sqlite') {
    const rows = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(db);
    for (const r of rows.rows) given.set(r.name, Number(r.seq));
    return given;
  }
  for (const table of COPIED_TABLES) {
    if (!('identity' in table)) continue;
    const { rows } = await sql<{ sequence: string | null }>`
      select pg_get_serial_sequence(${table.name}, ${table.identity}) as sequence`.execute(db);
    const sequence = rows[0]?.sequence;
    if (!sequence) continue;
    // The catalog's own, already quoted, name. After a restart is_called is false: last_value is the next id.
    const state = await sql<{ last_value: string | number; is_called: boolean }>`
      select last_value, is_called from ${sql.raw(sequence)}`.execute(db);
    const s = state.rows[0];
    if (s) given.set(table.name, Number(s.last_value) - (s.is_called ? 0 : 1));
  }
  return given;
}

/** The tables of the database (the current schema on PostgreSQL). */
async function tablesOf(db: Db): Promise<string[]> {
  const { rows } =
    dialectOf(db) === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(db);
  return rows.map((r) => r.name);
}

/** Rows per Loopkeeper table among `tables`, in copy order; tables that do not exist yet are left out. */
async function countRows(db: Db, tables: readonly string[]): Promise<Counts> {
  const present = new Set(tables);
  const counts: Counts = new Map();
  for (const { name } of COPIED_TABLES) {
    if (!present.has(name)) continue;
    const row = await (db as unknown as AnyDb)
      .selectFrom(name)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    counts.set(name, Number(row?.n ?? 0));
  }
  return counts;
}

function countsTable(source: Counts, target: Counts): string[] {
  const names = TABLE_NAMES;
  const width = Math.max('total'.length, ...names.map((n) => n.length));
  const total = (c: Counts) => [...c.values()].reduce((a, b) => a + b, 0);
  const line = (name: string, s: number | string, t: number | string, mark = '') =>
    `  ${name.padEnd(width)}  ${String(s).padStart(8)}  ${String(t).padStart(8)}${mark}`;
  return [
    line('table', 'source', 'target'),
    ...names.map((n) => {
      const s = source.get(n) ?? 0;
      const t = target.get(n) ?? 0;
      return line(n, s, t, s === t ? '' : '  <- differs');
    }),
    line('total', total(source), total(target)),
  ];
}

interface CopyArgs {
  from: string;
  to: string;
}

/** The two URLs, 'help', or what is wrong with the arguments. */
function parseArgs(argv: string[]): CopyArgs | 'help' | string {
  const values: Partial<CopyArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const match = /^--(from|to)(?:=(.*))?$/.exec(arg);
    if (!match) {
      return arg.startsWith('-')
        ? `Unknown option ${arg}.`
        : `Unexpected argument "${arg}": name the databases with --from and --to.`;
    }
    const flag = match[1] as keyof CopyArgs;
    let value = match[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value.trim() === '') return `--${flag} needs a DATABASE_URL.`;
    if (values[flag] !== undefined) return `--${flag} is given twice.`;
    values[flag] = value.trim();
  }
  if (!values.from || !values.to) {
    const missing = (['from', 'to'] as const).filter((f) => !values[f]).map((f) => `--${f}`);
    return `Missing ${missing.join(' and ')}.`;
  }
  if (values.from === values.to) return '--from and --to are the same URL: copy to another database.';
  return { from: values.from, to: values.to };
}

function parseSide(flag: string, url: string): DatabaseLocation {
  let location: DatabaseLocation;
  try {
    location = parseDatabaseUrl(url);
  } catch (error) {
    if (error instanceof DatabaseUrlError)
      throw new Refusal(`${flag}: ${error.message.replace(/^DATABASE_URL /, 'the URL ')}`);
    throw error;
  }
  if (location.kind === 'sqlite-memory') {
    throw new Refusal(`${flag} names an in-memory SQLite database, which is gone when the command ends: name a file.`);
  }
  return location;
}

async function openSide(flag: string, url: string): Promise<Db> {
  try {
    return await openDatabase(url, { poolSize: 2 });
  } catch (error) {
    if (error instanceof DatabaseUrlError)
      throw new DatabaseUrlError(`${flag}: ${error.message.replace(/^DATABASE_URL /, 'the URL ')}`);
    throw error;
  }
}

function sameDatabase(a: DatabaseLocation, b: DatabaseLocation): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return canonicalPath(a.path) === canonicalPath(b.path);
  if (a.kind === 'postgres' && b.kind === 'postgres') {
    return a.server.toLowerCase() === b.server.toLowerCase() && a.database === b.database;
  }
  return false;
}

function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Names a database for people: never with its password. */
function describe(location: DatabaseLocation): string {
  switch (location.kind) {
    case 'sqlite':
      return `SQLite ${location.path}`;
    case 'sqlite-memory':
      return 'SQLite in memory';
    case 'postgres':
      return `PostgreSQL ${location.server}, database "${location.database}"`;
  }
}

/** Replaces every password in the PostgreSQL URLs among the arguments, as written and decoded, wherever it shows. */
function redactor(argv: string[]): (line: string) => string {
  const secrets = new Set<string>();
  for (const arg of argv) {
    for (const [url] of arg.matchAll(/postgres(?:ql)?:\/\/\S+/gi)) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        // Not a URL at all: parseDatabaseUrl says so without echoing it; hide what would be its password.
        const userinfo = /^[^:]+:\/\/[^/@]*:([^/@]+)@/.exec(url)?.[1];
        if (userinfo) secrets.add(userinfo);
        continue;
      }
      for (const raw of [parsed.password, parsed.searchParams.get('password') ?? '']) {
        if (!raw) continue;
        secrets.add(raw);
        try {
          secrets.add(decodeURIComponent(raw));
        } catch {
          // A malformed escape: the raw form is redacted.
        }
      }
    }
  }
  const ordered = [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (line) => ordered.reduce((text, secret) => text.split(secret).join('***'), line);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runDbCopy(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`The copy failed, nothing was written to the target: ${(error as Error).message}\n`);
      process.exit(1);
    });
}
