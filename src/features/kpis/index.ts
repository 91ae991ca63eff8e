import type { Feature, FeatureDeps } from '../feature.js';
import { createIngestAuth } from '../ingest/auth.js';
import { createKpiDigestSectionProvider } from './digest-section.js';
import { createKpiQueries } from './queries.js';
import { createGtmDataRepository } from './repository.js';
import { dataIngestRoutes } from './routes.js';
import { createKpiService } from './service.js';
import { runKpisCommand } from './slack/commands.js';

/** GTM data and KPIs: `/loop kpis`, the digest's KPI section and POST /api/{leads,touchpoints,deals,spend}. */
export function createKpisFeature(deps: FeatureDeps): Feature {
  const data = createGtmDataRepository(deps.db);
  const service = createKpiService({ queries: createKpiQueries(deps.db), data, clock: deps.clock });
  const listenerDeps = { kpis: service, settings: deps.settings };
  const logger = deps.logger.child('kpis');
  return {
    name: 'kpis',
    subcommands: [
      {
        name: 'kpis',
        usage: 'kpis [weeks] | kpis sources [weeks]',
        summary:
          "GTM KPIs for the last 1-52 whole weeks (default 3) against the weeks before: funnel, deals, win rate, attribution; `kpis sources` lists every source's OLS/CS credit.",
        run: ({ request, args }) => runKpisCommand(listenerDeps, request, args),
      },
    ],
    routes: dataIngestRoutes({
      kpis: service,
      ingest: createIngestAuth({ db: deps.db, envToken: deps.config.ingestToken, clock: deps.clock, logger }),
      logger,
    }),
    digestSections: [createKpiDigestSectionProvider({ kpis: service })],
  };
}
