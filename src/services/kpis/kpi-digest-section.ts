import type { DigestSectionProvider } from '../digest-sections.js';
import { KPI_EMPTY_TEXT, kpiLines } from './kpi-lines.js';
import type { KpiService } from './kpi-service.js';

/** The GTM review digest's KPI section: the review period against the period of the same length before it. */
export function createKpiDigestSectionProvider(deps: { kpis: KpiService }): DigestSectionProvider {
  return {
    key: 'kpis',
    async build(period) {
      const report = await deps.kpis.report(period.teamId, { from: period.from, to: period.to });
      return { key: 'kpis', title: 'GTM KPIs', lines: kpiLines(report), emptyText: KPI_EMPTY_TEXT };
    },
  };
}
