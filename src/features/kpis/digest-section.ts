import type { DigestSectionProvider } from '../digest-section.js';
import { wholeDaysOf } from './domain/index.js';
import {
  KPI_EMPTY_TEXT,
  kpiLines,
  kpiLinesBesideTable,
  kpiPeriodText,
  kpiTable,
  sourcesCommandFor,
} from './kpi-lines.js';
import type { KpiService } from './service.js';

/**
 * The GTM review digest's KPI section: the whole days from the previous review day to the day before this one, in the
 * ritual's time zone, against the same number of days before; the first line says which days those are. The funnel
 * and deal figures also come as a table; the lines stay for posts that show text only.
 */
export function createKpiDigestSectionProvider(deps: { kpis: KpiService }): DigestSectionProvider {
  return {
    key: 'kpis',
    async build(period) {
      const days = wholeDaysOf(period, period.timeZone);
      const report = await deps.kpis.report(period.teamId, days);
      const command = sourcesCommandFor(days);
      const lines = kpiLines(report, command);
      const periodLine = `_${kpiPeriodText(report)}_`;
      const model = kpiTable(report);
      return {
        key: 'kpis',
        title: 'GTM KPIs',
        lines: lines.length > 0 ? [periodLine, ...lines] : [],
        emptyText: KPI_EMPTY_TEXT,
        ...(model ? { table: { before: [periodLine], model, after: kpiLinesBesideTable(report, command) } } : {}),
      };
    },
  };
}
