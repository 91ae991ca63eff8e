/**
 * What the worker threads run. Each task is a plain function of a context (a read-only database connection of the
 * thread's own) and structured-clonable input, so the same code runs in a worker or, where no worker can be used, on
 * the calling thread.
 */
import { type DimensionChart, renderDimensionChart } from '../charts/dimension-chart.js';
import type { Db } from '../db/open-database.js';
import { type ExportedArchive, exportArchive } from '../features/data/export.js';
import { createDataRepository } from '../features/data/repository.js';
import type { DigestPeriod, DigestSection } from '../features/digest-section.js';
import { createKpiDigestSectionProvider } from '../features/kpis/digest-section.js';
import { createKpiQueries } from '../features/kpis/queries.js';
import { createGtmDataRepository } from '../features/kpis/repository.js';
import { createKpiService } from '../features/kpis/service.js';

export interface TaskContext {
  /** The database: in a worker, a read-only connection of its own, opened on first use. */
  db(): Promise<Db>;
}

export const TASKS = {
  /** The five-dimension chart as PNG bytes (a Uint8Array once it has crossed threads). */
  async renderChart(_context: TaskContext, chart: DimensionChart): Promise<Uint8Array> {
    return renderDimensionChart(chart);
  },

  /** The GTM review digest's KPI section: the rollup reads and the in-memory aggregation behind it. */
  async kpiDigestSection(context: TaskContext, input: { period: DigestPeriod; now: Date }): Promise<DigestSection> {
    const db = await context.db();
    const kpis = createKpiService({
      queries: createKpiQueries(db),
      data: createGtmDataRepository(db),
      clock: () => input.now,
    });
    return createKpiDigestSectionProvider({ kpis }).build(input.period);
  },

  /** `/loop data export`: every table of the team read in one transaction, written as CSV files in a zip. */
  async exportTeam(context: TaskContext, input: { teamId: string; at: Date }): Promise<ExportedArchive> {
    return exportArchive(createDataRepository(await context.db()), input.teamId, input.at);
  },
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<(typeof TASKS)[K]>[1];
export type TaskOutput<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]>>;

/** Tasks that read the database: a worker can serve them only where it can open its own connection (a SQLite file). */
export const READS_DATABASE: Readonly<Record<TaskName, boolean>> = {
  renderChart: false,
  kpiDigestSection: true,
  exportTeam: true,
};

export function runTask<K extends TaskName>(
  context: TaskContext,
  name: K,
  input: TaskInput<K>,
): Promise<TaskOutput<K>> {
  const task = TASKS[name] as (context: TaskContext, input: TaskInput<K>) => Promise<TaskOutput<K>>;
  if (typeof task !== 'function') return Promise.reject(new Error(`No worker task named ${String(name)}`));
  return task(context, input);
}
