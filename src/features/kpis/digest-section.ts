import type { DigestSectionProvider } from '../digest-section.js';
import { wholeDaysOf } from './domain/index.js';
import { KPI_EMPTY_TEXT, kpiLines, kpiPeriodText, sourcesCommandFor } from './kpi-lines.js';
import type { KpiService } from './service.js';

/**
 * The GTM review digest's KPI section: the whole days from the previous review day to the day before this one, in the
 * ritual's time zone, against the same number of days before; the first line says which days those are.
 */
export function createKpiDigestSectionProvider(deps: { kpis: KpiService }): DigestSectionProvider {
  return {
    key: 'kpis',
    async build(period) {
      const days = wholeDaysOf(period, period.timeZone);
      const report = await deps.kpis.report(period.teamId, days);
      const lines = kpiLines(report, sourcesCommandFor(days));
      return {
        key: 'kpis',
        title: 'GTM KPIs',
        lines: lines.length > 0 ? [`_${kpiPeriodText(report)}_`, ...lines] : [],
        emptyText: KPI_EMPTY_TEXT,
      };
    },
  };
}
