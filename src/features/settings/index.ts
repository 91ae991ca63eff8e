import type { Feature, FeatureDeps } from '../feature.js';
import { settingsHomeSection } from './home.js';
import { openSettingsModal } from './slack/commands.js';
import { registerSettingsListeners } from './slack/listeners.js';

/**
 * `/loop settings`: the team's segment, assessments channel, time zone and admins. The settings service itself is
 * shared (every feature asks who is an admin), so bootstrap builds it and hands it to everyone as `deps.settings`.
 */
export function createSettingsFeature(deps: FeatureDeps): Feature {
  const listenerDeps = { settings: deps.settings, notifier: deps.slack.notifier, inFlight: deps.slack.inFlight };
  return {
    name: 'settings',
    subcommands: [
      {
        name: 'settings',
        usage: 'settings',
        summary: 'Team defaults: segment, assessments channel, time zone, Loopkeeper admins (admins only).',
        run: ({ client, request }) => openSettingsModal(listenerDeps, client, request),
      },
    ],
    register: (app) => registerSettingsListeners(app, listenerDeps),
    homeSections: [settingsHomeSection],
  };
}
