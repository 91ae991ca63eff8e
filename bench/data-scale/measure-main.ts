// Runs the data-scale measures in a fresh process, so peak RSS is this work's and not the benchmark's.
// Usage: SLACK_BOT_TOKEN=… SLACK_API_URL=… [BENCH_MEASURES=<name part>] [BENCH_WARM_RUNS=5] tsx bench/data-scale/measure-main.ts <database>;
// <database> is a DATABASE_URL (file:…sqlite or postgres://…) or a SQLite file's path. Prints one JSON line.
// Slack is the double the parent process runs: posts and Home publishes cross loopback HTTP as in production.
import { PerformanceObserver } from 'node:perf_hooks';
import { openDatabase } from '../../src/db/open-database.js';
import { MEASURES } from './measures.js';
import { DATA_END } from './rituals-dataset.js';
import { wireServices } from './wiring.js';

export interface MeasureTiming {
  name: string;
  /** 'measured', or why not. */
  status: 'measured' | 'pending: service not built yet';
  /** A breakdown of the measure above it (not a target on its own). */
  part?: boolean;
  /** First build in the process (cold caches, what the first person waits for). */
  coldMs?: number;
  /** Median of the next builds (BENCH_WARM_RUNS, five unless told). */
  warmMs?: number;
  /** What was built, e.g. "5 sections, 31 lines". */
  detail?: string;
  /** Time spent in garbage collection during the cold build (to tell a GC pause from slow work). */
  coldGcMs?: number;
}

export interface MeasureOutput {
  measures: MeasureTiming[];
  /** Peak resident set size of this process (getrusage maxrss), in MB. */
  peakRssMb: number;
  /** RSS before the database was opened, in MB. */
  startRssMb: number;
  /** The measure during which the peak RSS was reached. */
  peakDuring?: string;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round1 = (ms: number) => Math.round(ms * 10) / 10;
const database = process.argv[2];
const token = process.env.SLACK_BOT_TOKEN;
const apiUrl = process.env.SLACK_API_URL;
if (!database || !token || !apiUrl) {
  process.stderr.write('usage: SLACK_BOT_TOKEN=… SLACK_API_URL=… measure-main.ts <database URL or SQLite path>\n');
  process.exit(1);
}
// Builds after the cold one, of which the median is reported; the harness test asks for one, to be quick.
const warmRuns = Math.max(1, Number(process.env.BENCH_WARM_RUNS ?? 5) || 5);
const startRssMb = mb(process.memoryUsage().rss);
// A fresh process and, for PostgreSQL, a fresh pool of the app's default size: the first build of each view is cold.
const db = await openDatabase(/^[a-z][a-z0-9+.-]+:/i.test(database) ? database : `file:${database}`);
const services = wireServices(db, { token, apiUrl }, () => DATA_END);
const measures: MeasureTiming[] = [];
let peakDuring: string | undefined;
let peakKb = process.resourceUsage().maxRSS;
let gcMs = 0;
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
});
gcObserver.observe({ entryTypes: ['gc'] });
// GC entries arrive asynchronously: a timer turn after the run lets the observer see the run's collections.
const settle = () => new Promise((done) => setTimeout(done, 0));
try {
  // BENCH_MEASURES=<text>[|<text>…]: only the measures whose name contains one of them (to look into one number).
  const only = process.env.BENCH_MEASURES?.split('|').filter(Boolean) ?? [];
  for (const measure of MEASURES.filter((m) => only.length === 0 || only.some((text) => m.name.includes(text)))) {
    const times: number[] = [];
    let detail = '';
    let coldGcMs = 0;
    for (let i = 0; i <= warmRuns; i += 1) {
      await measure.prepare?.(services);
      await settle();
      const gcBefore = gcMs;
      const started = performance.now();
      detail = await measure.run(services);
      times.push(performance.now() - started);
      await settle();
      if (i === 0) coldGcMs = gcMs - gcBefore;
    }
    const maxRss = process.resourceUsage().maxRSS;
    if (maxRss > peakKb) {
      peakKb = maxRss;
      peakDuring = measure.name;
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    measures.push({
      name: measure.name,
      status: 'measured',
      ...(measure.part ? { part: true } : {}),
      coldMs: round1(times[0] as number),
      warmMs: round1(warm[Math.floor(warm.length / 2)] as number),
      detail,
      coldGcMs: round1(coldGcMs),
    });
  }
} finally {
  gcObserver.disconnect();
  await db.destroy();
}
const output: MeasureOutput = {
  measures,
  peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
  startRssMb,
  ...(peakDuring ? { peakDuring } : {}),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
