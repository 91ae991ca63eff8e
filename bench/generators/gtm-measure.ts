import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createKpiDigestSectionProvider } from '../../src/features/kpis/digest-section.js';
import { createKpiQueries } from '../../src/features/kpis/queries.js';
import { createGtmDataRepository } from '../../src/features/kpis/repository.js';
import { createKpiService } from '../../src/features/kpis/service.js';
import { seededRandom } from '../data-scale/random.js';
import { fillGtmData } from './gtm-data.js';

/**
 * One-off measurement of the GTM review's KPI section at the target volumes (1,000,000 touchpoints, 100,000 deals,
 * 200,000 leads): `npx tsx bench/generators/gtm-measure.ts`. Prints one JSON line. The benchmark proper should add
 * these volumes to bench/data-scale with `fillGtmData` and this measure.
 */
const TEAM = 'T0BENCH';
const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-gtm-'));
const path = join(dir, 'gtm.sqlite');
try {
  const kysely = await openDatabase(`file:${path}`);
  await migrateToLatest(kysely);
  await kysely.destroy();
  const started = performance.now();
  const raw = new SQLite(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  fillGtmData(raw, TEAM, { leads: 200_000, touchpoints: 1_000_000, deals: 100_000 }, seededRandom(20261123));
  // Another team's rows, so every query has to filter by team.
  fillGtmData(raw, 'T0OTHER', { leads: 20_000, touchpoints: 100_000, deals: 10_000 }, seededRandom(7));
  raw.exec('analyze');
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const generatedMs = Math.round(performance.now() - started);

  const db = await openDatabase(`file:${path}`);
  const clock = () => new Date('2026-11-23T10:00:00Z');
  const kpis = createKpiService({ queries: createKpiQueries(db), data: createGtmDataRepository(db), clock });
  const digestProvider = createKpiDigestSectionProvider({ kpis });
  const runs: number[] = [];
  const rssBefore = process.memoryUsage().rss;
  let lines = 0;
  for (const [from, to] of [
    ['2026-11-02T09:00:00Z', '2026-11-23T09:00:00Z'],
    ['2025-06-02T09:00:00Z', '2025-06-23T09:00:00Z'],
    ['2026-08-23T09:00:00Z', '2026-11-23T09:00:00Z'],
  ] as const) {
    const t = performance.now();
    const section = await digestProvider.build({
      teamId: TEAM,
      from: new Date(from),
      to: new Date(to),
      timeZone: 'UTC',
    });
    runs.push(Math.round(performance.now() - t));
    lines += section.lines.length;
  }
  const rssAfter = process.memoryUsage().rss;
  await db.destroy();
  process.stdout.write(
    `${JSON.stringify({ generatedMs, sectionMs: { threeWeeks: runs[0], threeWeeksMid: runs[1], quarter: runs[2] }, lines, rssGrowthMb: Math.round((rssAfter - rssBefore) / 1e6), peakRssMb: Math.round(process.memoryUsage().rss / 1e6) })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
