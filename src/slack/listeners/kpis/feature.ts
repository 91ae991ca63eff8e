import type { Db } from '../../../db/open-database.js';
import { createGtmDataRepository } from '../../../db/repositories/gtm-data-repository.js';
import { createKpiQueries } from '../../../db/repositories/gtm-kpi-queries.js';
import { dataIngestRoutes } from '../../../http/data-ingest.js';
import type { HttpRoute } from '../../../http/server.js';
import type { Logger } from '../../../logging/logger.js';
import type { Clock } from '../../../services/clock.js';
import type { DigestSectionProvider } from '../../../services/digest-sections.js';
import { createKpiDigestSectionProvider } from '../../../services/kpis/kpi-digest-section.js';
import { type KpiService, createKpiService } from '../../../services/kpis/kpi-service.js';

/** GTM data and KPIs: the service, the digest's 'kpis' section and POST /api/<kind>. */
export function createKpisFeature(deps: { db: Db; clock: Clock; ingestToken: string | undefined; logger: Logger }): {
  service: KpiService;
  digestProvider: DigestSectionProvider;
  ingestRoutes: HttpRoute[];
} {
  const data = createGtmDataRepository(deps.db);
  const service = createKpiService({ queries: createKpiQueries(deps.db), data, clock: deps.clock });
  return {
    service,
    digestProvider: createKpiDigestSectionProvider({ kpis: service }),
    ingestRoutes: dataIngestRoutes({ kpis: service, token: deps.ingestToken, knownTeams: () => data.knownTeams(), logger: deps.logger }),
  };
}
