import type { Feature, FeatureDeps } from '../feature.js';
import { createRiskDigestSectionProvider } from './digest-section.js';
import { risksHomeSection } from './home.js';
import { createRiskReviewJob } from './job.js';
import { createRisksRepository } from './repository.js';
import { createRiskService } from './service.js';
import { runRiskCommand } from './slack/commands.js';
import { registerRiskListeners } from './slack/listeners.js';
import { createRiskReviewNotifier } from './slack/review-notifier.js';

/** The risk register: `/loop risk`, review-date DMs, the digest's risks and App Home's top risks. */
export function createRisksFeature(deps: FeatureDeps): Feature {
  const repository = createRisksRepository(deps.db);
  const risks = createRiskService({
    inWorkspace: deps.slack.workspaces.run,
    risks: repository,
    teamTimeZone: async (teamId) => (await deps.settings.getSettings(teamId)).timeZone,
    reviewNotifier: createRiskReviewNotifier(deps.slack.notifier),
    home: deps.homeRefresh,
    clock: deps.clock,
  });
  const listenerDeps = { risks, notifier: deps.slack.notifier, inFlight: deps.slack.inFlight };
  return {
    name: 'risks',
    subcommands: [
      {
        name: 'risk',
        usage: 'risk add | list [page]',
        summary:
          'The risk register: add a risk (likelihood x impact), list open risks highest score first to edit, re-score or close.',
        run: ({ client, request, args }) => runRiskCommand(listenerDeps, client, request, args),
      },
    ],
    register: (app) => registerRiskListeners(app, listenerDeps),
    // Risk owners' DM when a review date arrives (once per risk and date, claimed in the database).
    jobs: [createRiskReviewJob(risks)],
    digestSections: [createRiskDigestSectionProvider({ risks: repository })],
    homeSections: [risksHomeSection(risks)],
  };
}
