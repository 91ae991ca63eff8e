import type { Feature, FeatureDeps } from '../feature.js';
import { createIngestTokensRepository } from '../ingest/repository.js';
import { settingsHomeSection } from './home.js';
import { createIngestTokensService } from './ingest-tokens.js';
import { openSettingsModal } from './slack/commands.js';
import { openIngestTokensModal } from './slack/ingest-tokens.js';
import { registerSettingsListeners } from './slack/listeners.js';

/**
 * `/loop settings`: the team's segment, assessments channel, time zone and admins, and the workspace's ingest tokens
 * (`/loop settings tokens`, or the button in the settings modal). The settings service itself is shared (every
 * feature asks who is an admin), so bootstrap builds it and hands it to everyone as `deps.settings`.
 */
export function createSettingsFeature(deps: FeatureDeps): Feature {
  const ingestTokens = createIngestTokensService({
    tokens: createIngestTokensRepository(deps.db),
    isAdmin: (teamId, userId) => deps.settings.isAdmin(teamId, userId),
    clock: deps.clock,
  });
  const listenerDeps = {
    settings: deps.settings,
    ingestTokens,
    notifier: deps.slack.notifier,
    inFlight: deps.slack.inFlight,
  };
  return {
    name: 'settings',
    subcommands: [
      {
        name: 'settings',
        usage: 'settings | settings tokens',
        summary:
          "Team defaults: segment, assessments channel, time zone, Loopkeeper admins; `settings tokens`: the workspace's ingest tokens for CRM pushes (admins only).",
        run: ({ client, request, args }) =>
          args[0]?.toLowerCase() === 'tokens'
            ? openIngestTokensModal(listenerDeps, client, request)
            : openSettingsModal(listenerDeps, client, request),
      },
    ],
    register: (app) => registerSettingsListeners(app, listenerDeps),
    homeSections: [settingsHomeSection],
  };
}
