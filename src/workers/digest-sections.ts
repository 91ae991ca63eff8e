import type { DigestSectionProvider } from '../features/digest-section.js';
import type { Clock } from '../kernel/clock.js';
import type { WorkerPool } from './pool.js';

/**
 * The digest's providers, with the KPI section built in a worker thread where the pool can read the database there
 * (SQLite): its rollup reads and aggregation are the one scan of a GTM review that grows with the team's data. The
 * worker builds it with the KPI feature's own provider, so the section is the same either way.
 */
export function offloadDigestSections(
  providers: DigestSectionProvider[],
  workers: WorkerPool | undefined,
  clock: Clock,
): DigestSectionProvider[] {
  const pool = workers?.where('kpiDigestSection') === 'worker' ? workers : undefined;
  if (!pool) return providers;
  return providers.map((provider) =>
    provider.key === 'kpis'
      ? { key: 'kpis', build: (period) => pool.run('kpiDigestSection', { period, now: clock() }) }
      : provider,
  );
}
