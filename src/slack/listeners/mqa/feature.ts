import type { webApi } from '@slack/bolt';
import { createMqaDeliveriesRepository } from '../../../db/repositories/mqa-deliveries-repository.js';
import { createMqaItemsRepository } from '../../../db/repositories/mqa-items-repository.js';
import { createMqaSettingsRepository } from '../../../db/repositories/mqa-settings-repository.js';
import type { Db } from '../../../db/open-database.js';
import { mqaIngestRoute } from '../../../http/ingest-mqa.js';
import type { Logger } from '../../../logging/logger.js';
import type { Clock } from '../../../services/clock.js';
import type { HomeRefresher } from '../../../services/home-refresh.js';
import { createMqaJob } from '../../../services/mqa/mqa-job.js';
import { createMqaService } from '../../../services/mqa/mqa-service.js';
import { createMqaReadModels } from '../../../services/mqa/mqa-views.js';
import type { SettingsService } from '../../../services/settings-service.js';
import type { Notifier } from '../../notifier.js';
import { createMqaPoster } from './mqa-poster.js';

/**
 * The MQA feature's wiring in one place, so bootstrap adds a few lines: the service for listeners, the scheduled job,
 * the read models (App Home's itemsFor, the digest's 'mqa' provider) and the POST /api/mqa route.
 */
export function createMqaFeature(deps: {
  db: Db;
  client: webApi.WebClient;
  notifier: Notifier;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
  ingestToken: string | undefined;
  home?: HomeRefresher;
}) {
  const items = createMqaItemsRepository(deps.db);
  const settingsRepo = createMqaSettingsRepository(deps.db);
  const timeZoneOf = async (teamId: string) => (await deps.settings.getSettings(teamId)).timeZone;
  const service = createMqaService({
    items,
    deliveries: createMqaDeliveriesRepository(deps.db),
    settings: settingsRepo,
    poster: createMqaPoster(deps.client, deps.notifier, deps.logger),
    clock: deps.clock,
    isAdmin: (teamId, userId) => deps.settings.isAdmin(teamId, userId),
    home: deps.home,
  });
  return {
    service,
    job: createMqaJob({ mqa: service, items, timeZoneOf }),
    readModels: createMqaReadModels({ items, settings: settingsRepo, timeZoneOf, clock: deps.clock }),
    ingestRoute: mqaIngestRoute({ mqa: service, token: deps.ingestToken, knownTeams: () => settingsRepo.knownTeams(), logger: deps.logger }),
  };
}
