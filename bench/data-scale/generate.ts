import { statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { rebuildRollups } from '../../src/features/kpis/rollups/maintain.js';
import { DATASETS, type Dataset } from './datasets.js';
import { seededRandom } from './random.js';

export interface GeneratedDataset {
  name: string;
  table: string;
  rows: number;
  /** 'generated', or why not: the table is not built yet, or it exists but its generator is not written yet. */
  status: 'generated' | 'pending: table not built yet' | 'pending: table exists, generator not written yet';
}

export interface GenerateResult {
  datasets: GeneratedDataset[];
  ms: number;
  fileMb: number;
}

/**
 * Builds the schema with the app's own migrations, then fills it with seeded synthetic data. `scale` multiplies
 * every row count (1 for the benchmark, small for the harness test).
 */
export async function generateDatabase(
  path: string,
  scale = 1,
  datasets: Dataset[] = DATASETS,
): Promise<GenerateResult> {
  const started = performance.now();
  const kysely = await openDatabase(`file:${path}`);
  try {
    await migrateToLatest(kysely);
  } finally {
    await kysely.destroy();
  }

  const db = new SQLite(path);
  const random = seededRandom(20261123);
  const result: GeneratedDataset[] = [];
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const tables = new Set(
      (db.prepare(`select name from sqlite_master where type = 'table'`).all() as Array<{ name: string }>).map(
        (r) => r.name,
      ),
    );
    const scaled = (d: Dataset) => (d.scales === false ? d.rows : Math.max(1, Math.round(d.rows * scale)));
    const rowsOf = (table: string) => {
      const d = datasets.find((x) => x.table === table);
      if (!d) throw new Error(`no dataset for table ${table}`);
      return scaled(d);
    };
    const counted = (table: string) => (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    const generated = new Set<string>();
    for (const dataset of datasets) {
      const entry = { name: dataset.name, table: dataset.table, rows: scaled(dataset) };
      if (!tables.has(dataset.table)) result.push({ ...entry, status: 'pending: table not built yet' });
      else if (dataset.writtenWith) {
        if (generated.has(dataset.writtenWith))
          result.push({ ...entry, rows: counted(dataset.table), status: 'generated' });
        else result.push({ ...entry, status: 'pending: table exists, generator not written yet' });
      } else if (!dataset.fill) result.push({ ...entry, status: 'pending: table exists, generator not written yet' });
      else {
        const fill = dataset.fill;
        db.transaction(() => fill(db, entry.rows, random, rowsOf))();
        generated.add(dataset.table);
        result.push({ ...entry, rows: counted(dataset.table), status: 'generated' });
      }
    }
    // The fills write the GTM rows directly, faster than an import would: the KPI rollups an import keeps are then
    // built by the same code that keeps them (a second connection; the fills' transactions are committed).
    if (generated.has('gtm_touchpoints')) {
      const app = await openDatabase(`file:${path}`);
      try {
        await rebuildRollups(app);
      } finally {
        await app.destroy();
      }
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('analyze');
  } finally {
    db.close();
  }
  const { size } = statSync(path);
  return {
    datasets: result,
    ms: Math.round(performance.now() - started),
    fileMb: Math.round((size / 1024 / 1024) * 10) / 10,
  };
}
