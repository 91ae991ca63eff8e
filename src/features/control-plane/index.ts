import type { Feature, FeatureDeps } from '../feature.js';
import { createControlPlaneContent } from './content.js';
import { controlPlaneHomeSection } from './home.js';
import { createControlPlaneRepository } from './repository.js';
import { createControlPlaneService } from './service.js';
import { createCanvasClient } from './slack/canvas-client.js';
import { registerControlPlaneListeners } from './slack/listeners.js';
import { createControlPlaneNotices } from './slack/notices.js';

/**
 * The GTM Control Plane canvas: one per team, in a channel, with the latest assessment, KPIs, the MQA working list,
 * follow-ups, top risks and the next rituals (read from those features). A job rewrites only the sections whose
 * content changed, at most once a minute, one writer per team; a deleted canvas or a revoked scope turns it off.
 */
export function createControlPlaneFeature(deps: FeatureDeps): Feature {
  const repository = createControlPlaneRepository(deps.db);
  const isAdmin = (teamId: string, userId: string) => deps.settings.isAdmin(teamId, userId);
  const service = createControlPlaneService({
    repository,
    content: createControlPlaneContent({ db: deps.db, settings: deps.settings, clock: deps.clock }),
    canvas: createCanvasClient(deps.slack.client),
    notices: createControlPlaneNotices(deps.slack.notifier),
    isAdmin,
    clock: deps.clock,
    logger: deps.logger.child('control-plane'),
    inWorkspace: deps.slack.workspaces.run,
    home: deps.homeRefresh,
  });
  const listenerDeps = { controlPlane: service, isAdmin, notifier: deps.slack.notifier, inFlight: deps.slack.inFlight };
  return {
    name: 'control-plane',
    register: (app) => registerControlPlaneListeners(app, listenerDeps),
    // Rewrites the sections whose content changed since the last run (hash per section), claimed per team.
    jobs: [{ name: 'control-plane-canvas', run: (now) => service.runDue(now) }],
    homeSections: [controlPlaneHomeSection((teamId) => service.find(teamId))],
  };
}
