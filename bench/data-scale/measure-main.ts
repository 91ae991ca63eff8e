// Runs the data-scale measures in a fresh process, so peak RSS is this work's and not the benchmark's.
// Usage: tsx bench/data-scale/measure-main.ts <sqlite path>; prints one JSON line.
import { openDatabase } from '../../src/db/open-database.js';
import { MEASURES } from './measures.js';

export interface MeasureTiming {
  name: string;
  /** 'measured', or 'pending: service not built yet'. */
  status: 'measured' | 'pending: service not built yet';
  /** First build in the process (cold caches, what the first person waits for). */
  coldMs?: number;
  /** Median of the next five builds. */
  warmMs?: number;
}

export interface MeasureOutput {
  measures: MeasureTiming[];
  /** Peak resident set size of this process (getrusage maxrss), in MB. */
  peakRssMb: number;
  /** RSS before the database was opened, in MB. */
  startRssMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: measure-main.ts <sqlite path>\n');
  process.exit(1);
}
const startRssMb = mb(process.memoryUsage().rss);
const db = openDatabase(`file:${path}`);
const measures: MeasureTiming[] = [];
try {
  for (const measure of MEASURES) {
    if (!measure.run) {
      measures.push({ name: measure.name, status: 'pending: service not built yet' });
      continue;
    }
    const times: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const started = performance.now();
      await measure.run(db);
      times.push(performance.now() - started);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    measures.push({
      name: measure.name,
      status: 'measured',
      coldMs: Math.round((times[0] as number) * 10) / 10,
      warmMs: Math.round((warm[Math.floor(warm.length / 2)] as number) * 10) / 10,
    });
  }
} finally {
  await db.destroy();
}
const output: MeasureOutput = { measures, peakRssMb: mb(process.resourceUsage().maxRSS * 1024), startRssMb };
process.stdout.write(`${JSON.stringify(output)}\n`);
