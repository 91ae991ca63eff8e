import { join } from 'node:path';
import { SlackDouble } from '../../src/slack-double/index.js';
import { tempDatabase } from '../apps.js';
import { childEnv, ROOT, spawnTsx } from '../child.js';
import { BENCH_TEAM } from './datasets.js';
import { type GenerateResult, generateDatabase } from './generate.js';
import type { MeasureOutput } from './measure-main.js';
import { HOME_VIEWER } from './measures.js';
import { copySqliteToPostgres, type PostgresLoad, startBenchPostgres } from './postgres.js';
import { BENCH_RITUAL_CHANNELS } from './rituals-dataset.js';

/** What the Slack double received from the measures: posts per ritual channel (with their digest sections), Home publishes, violations. */
export interface SlackSeen {
  posts: Array<{ channelId: string; messages: number; sections: string[] }>;
  homePublishes: number;
  violations: string[];
}

/** The same views built from the same data on PostgreSQL (the SQLite run's fields sit at the top of DataScaleResult). */
export interface PostgresDataScale extends MeasureOutput {
  /** Version, where it ran, the settings that matter for the numbers. */
  server: string;
  /** fsync or synchronous_commit off on that server: commits wait for no WAL flush. */
  durabilityOff: boolean;
  /** What "cold" means for this run (fresh process and pool; whether the server's cache was emptied). */
  cold: string;
  /** Copying the generated SQLite file into the database (migrations, COPY, indexes, VACUUM ANALYZE). */
  load: PostgresLoad;
  slack: SlackSeen;
  /** Where the last post of a ritual channel or the last Home view reads differently from SQLite's (every block's text and structure; not ids); empty when none. */
  differsFromSqlite: string[];
}

/** The SQLite run at the top level (as before PostgreSQL was measured, so older results read the same), PostgreSQL beside it. */
export interface DataScaleResult extends MeasureOutput {
  scale: number;
  /** Builds after the cold one whose median is "warm" (absent in older results: 5). */
  warmRuns?: number;
  generated: GenerateResult;
  slack: SlackSeen;
  /** Absent in results from before PostgreSQL was measured, or when the run was asked for SQLite only. */
  postgres?: PostgresDataScale;
}

/** The section titles of a ritual post: the bold first line of each section block between dividers. */
function sectionTitles(blocks: any[] | undefined): string[] {
  return (blocks ?? []).flatMap((b, i, all) => {
    if (b.type !== 'section' || all[i - 1]?.type !== 'divider') return [];
    const match = /^\*([^*]+)\*/.exec(String(b.text?.text ?? ''));
    return match ? [match[1] as string] : [];
  });
}

interface ViewsRun extends MeasureOutput {
  slack: SlackSeen;
  /** The last post of each ritual channel and the last Home view, as read (`readable`): to compare the dialects. */
  built: Record<string, string>;
}

/**
 * Measures the views in a child process reading `database` (a DATABASE_URL), so the peak RSS is theirs alone. The
 * Slack double runs here, in the parent: the child's posts and Home publishes reach it over loopback HTTP, and its
 * Block Kit checks apply to what the measures built.
 */
async function measureViews(database: string, warmRuns: number): Promise<ViewsRun> {
  const double = await SlackDouble.start({ teamId: BENCH_TEAM });
  try {
    for (const [i, id] of BENCH_RITUAL_CHANNELS.entries()) double.addChannel({ id, name: `gtm-ritual-${i}` });
    double.addUser({ id: HOME_VIEWER, name: 'sales-seven', tz: 'Europe/Berlin' });
    const child = spawnTsx(
      join(ROOT, 'bench', 'data-scale', 'measure-main.ts'),
      childEnv({
        SLACK_BOT_TOKEN: double.botToken,
        SLACK_API_URL: double.apiUrl,
        BENCH_WARM_RUNS: String(warmRuns),
      }),
      [database],
    );
    const code = await child.closed();
    const line = child.stdout().trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{'))
      throw new Error(`data-scale measures failed (exit ${code}):\n${child.stderr()}${child.stdout()}`);
    const built: Record<string, string> = {};
    const posts = BENCH_RITUAL_CHANNELS.map((channelId) => {
      const messages = double.channel(channelId)?.messages ?? [];
      const last = messages.at(-1);
      if (last) built[`last post in ${channelId}`] = readable({ text: last.text, blocks: last.blocks });
      return { channelId, messages: messages.length, sections: sectionTitles(last?.blocks) };
    });
    const publishes = double.callsTo('views.publish');
    const home = publishes.at(-1)?.args.view;
    if (home) built['last App Home view'] = readable(typeof home === 'string' ? JSON.parse(home) : home);
    const slack = { posts, homePublishes: publishes.length, violations: double.violations };
    return { ...(JSON.parse(line) as MeasureOutput), slack, built };
  } finally {
    await double.stop();
  }
}

/**
 * A post or view as a person reads it, as JSON: without block_id, action_id and value, which the double fills with
 * random ids where the app set none, and which carry ids of rows the run itself inserted (those differ by dialect:
 * PostgreSQL's identity sequence also advances on an insert that ends in ON CONFLICT DO NOTHING, SQLite's does not).
 */
const readable = (value: unknown) =>
  JSON.stringify(value, (key, v) => (key === 'block_id' || key === 'action_id' || key === 'value' ? undefined : v));

const differences = (a: Record<string, string>, b: Record<string, string>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]);

/**
 * Generates the SQLite database; unless `postgres` is false, copies the same rows into a fresh PostgreSQL database
 * before anything reads them (the measures write: they make a post due again and post it). Then measures the views
 * on SQLite, then on PostgreSQL, each in its own fresh child process, one after the other.
 */
export async function measureDataScale(options: {
  scale: number;
  postgres?: boolean;
  warmRuns?: number;
  progress?: (message: string) => void;
}): Promise<DataScaleResult> {
  const progress = options.progress ?? (() => {});
  const warmRuns = options.warmRuns ?? 5;
  const database = tempDatabase('loopkeeper-bench-data-');
  // The server starts (initdb, postmaster) while the SQLite file is generated.
  const starting = options.postgres === false ? undefined : startBenchPostgres();
  starting?.catch(() => {}); // awaited below; a failure is reported there
  try {
    const generated = await generateDatabase(database.path, options.scale);
    const server = await starting;
    let load: PostgresLoad | undefined;
    if (server) {
      progress(`data scale: generated in ${generated.ms} ms; copying the same rows into PostgreSQL`);
      load = await copySqliteToPostgres(database.path, server.url);
      // Loading left the server's shared buffers full of these tables: a restart empties them, so the first build
      // reads through the OS cache as SQLite's first build does. An existing server is not restarted.
      if (server.restart) {
        progress(`data scale: loaded in ${load.ms} ms; restarting PostgreSQL`);
        await server.restart();
      }
    }
    progress('data scale: building the views on SQLite');
    const { built: sqliteBuilt, ...sqlite } = await measureViews(database.url, warmRuns);
    const result: DataScaleResult = { scale: options.scale, warmRuns, generated, ...sqlite };
    if (!server || !load) return result;

    progress('data scale: building the views on PostgreSQL');
    const cold = server.restart
      ? 'fresh process and pool, server restarted after loading (shared buffers empty; data files in the OS cache)'
      : 'fresh process and pool; server not restarted (BENCH_DATABASE_URL), so its cache is warm from loading';
    const { built, ...measured } = await measureViews(server.url, warmRuns);
    result.postgres = {
      server: server.server,
      durabilityOff: server.durabilityOff,
      cold,
      load,
      ...measured,
      differsFromSqlite: differences(sqliteBuilt, built),
    };
    return result;
  } finally {
    await (await starting?.catch(() => undefined))?.stop();
    database.remove();
  }
}
