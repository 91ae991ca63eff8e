import type { Feature, FeatureDeps } from '../feature.js';
import { createHomeViewersRepository } from './repository.js';
import { createHomeService } from './service.js';
import { registerHomeListeners } from './slack/listeners.js';
import { createHomePublisher } from './slack/publisher.js';

/**
 * App Home, the GTM control plane: built from every feature's Home sections (read through the contract), published
 * when the tab opens and whenever a feature says someone's data changed.
 */
export function createHomeFeature(deps: FeatureDeps): Feature {
  const home = createHomeService({
    sections: () => deps.contributions.homeSections(),
    settings: deps.settings,
    viewers: createHomeViewersRepository(deps.db),
    clock: deps.clock,
  });
  deps.homeRefresh.connect(createHomePublisher(deps.slack.client, home));
  return {
    name: 'home',
    register: (app) => registerHomeListeners(app, home),
  };
}
