import type { Db } from '../../db/open-database.js';
import { createGtmDataRepository } from './repository.js';
import { createKpiQueries } from './queries.js';
import { dataIngestRoutes } from './routes.js';
import type { HttpRoute } from '../../http/server.js';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../kernel/clock.js';
import type { DigestSectionProvider } from '../digest-section.js';
import { createKpiDigestSectionProvider } from './digest-section.js';
import { type KpiService, createKpiService } from './service.js';

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
