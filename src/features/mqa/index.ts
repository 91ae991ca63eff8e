import type { Feature, FeatureDeps } from '../feature.js';
import { createIngestAuth } from '../ingest/auth.js';
import { createMqaDeliveriesRepository } from './deliveries-repository.js';
import { mqaHomeSection } from './home.js';
import { createMqaJob } from './job.js';
import { createMqaReadModels } from './read-models.js';
import { createMqaItemsRepository } from './repository.js';
import { mqaIngestRoute } from './routes.js';
import { createMqaService } from './service.js';
import { createMqaSettingsRepository } from './settings-repository.js';
import { runMqaCommand } from './slack/commands.js';
import { registerMqaListeners } from './slack/listeners.js';
import { createMqaPoster } from './slack/poster.js';

/** The MQA working list: review, routing to Sales, acknowledgement in threads, SLA chasing, ingest and import. */
export function createMqaFeature(deps: FeatureDeps): Feature {
  const logger = deps.logger.child('mqa');
  const items = createMqaItemsRepository(deps.db);
  const settingsRepo = createMqaSettingsRepository(deps.db);
  const timeZoneOf = async (teamId: string) => (await deps.settings.getSettings(teamId)).timeZone;
  const service = createMqaService({
    inWorkspace: deps.slack.workspaces.run,
    items,
    deliveries: createMqaDeliveriesRepository(deps.db),
    settings: settingsRepo,
    poster: createMqaPoster(deps.slack.notifier),
    clock: deps.clock,
    isAdmin: (teamId, userId) => deps.settings.isAdmin(teamId, userId),
    home: deps.homeRefresh,
  });
  const readModels = createMqaReadModels({ items, settings: settingsRepo, timeZoneOf, clock: deps.clock });
  const listenerDeps = {
    mqa: service,
    settings: deps.settings,
    notifier: deps.slack.notifier,
    inFlight: deps.slack.inFlight,
  };
  return {
    name: 'mqa',
    subcommands: [
      {
        name: 'mqa',
        usage: 'mqa add | list [open|mine|mine all|stalled|closed|all] | routes | settings',
        summary:
          'The MQA working list: add an account for Marketing review, see the list; routing rules and settings (admins).',
        run: ({ client, request, args }) => runMqaCommand(listenerDeps, client, request, args),
      },
    ],
    register: (app) => registerMqaListeners(app, listenerDeps),
    // The outbox (cards, reviews, reminders with retries), SLA reminders and escalations, stalls.
    jobs: [createMqaJob({ mqa: service, items, timeZoneOf, inWorkspace: deps.slack.workspaces.run })],
    routes: [
      mqaIngestRoute({
        mqa: service,
        ingest: createIngestAuth({ db: deps.db, envToken: deps.config.ingestToken, clock: deps.clock, logger }),
        logger,
      }),
    ],
    digestSections: [readModels.digestProvider],
    homeSections: [mqaHomeSection(readModels)],
  };
}
