import type { webApi } from '@slack/bolt';
import { createMqaDeliveriesRepository } from './deliveries-repository.js';
import { createMqaItemsRepository } from './repository.js';
import { createMqaSettingsRepository } from './settings-repository.js';
import type { Db } from '../../db/open-database.js';
import { mqaIngestRoute } from './routes.js';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../kernel/clock.js';
import type { HomeRefresher } from '../../kernel/home-refresh.js';
import { createMqaJob } from './job.js';
import { createMqaService } from './service.js';
import { createMqaReadModels } from './read-models.js';
import type { SettingsService } from '../settings/service.js';
import type { Notifier } from '../../slack/notifier.js';
import { createMqaPoster } from './slack/poster.js';

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
