import type { Feature, FeatureDeps } from '../feature.js';
import { createRoundsRepository } from '../rounds/repository.js';
import { createAssessmentSection } from './digest-section.js';
import { assessmentHomeSection } from './home.js';
import { withHomeRefresh } from './refreshing-service.js';
import { createAssessmentsRepository } from './repository.js';
import { createAssessmentService } from './service.js';
import { openAssessModal } from './slack/commands.js';
import { registerAssessmentListeners } from './slack/listeners.js';
import { createAssessmentPoster } from './slack/poster.js';

/** The five-dimension assessment: `/loop assess`, its summary post (an outbox row), App Home's score, the digest's. */
export function createAssessmentFeature(deps: FeatureDeps): Feature {
  const repository = createAssessmentsRepository(deps.db);
  const service = createAssessmentService({
    inWorkspace: deps.slack.workspaces.run,
    assessments: repository,
    rounds: createRoundsRepository(deps.db),
    poster: createAssessmentPoster(deps.slack.notifier),
    clock: deps.clock,
    charts: deps.slack.charts,
    slowNoticeMs: deps.config.slowPostNoticeMs,
    logger: deps.logger.child('assessments'),
  });
  // A newly stored assessment refreshes the Home of everyone in the team who opened it.
  const assessments = withHomeRefresh(service, deps.homeRefresh);
  const listenerDeps = {
    assessments,
    settings: deps.settings,
    notifier: deps.slack.notifier,
    inFlight: deps.slack.inFlight,
  };
  return {
    name: 'assessment',
    subcommands: [
      {
        name: 'assess',
        usage: 'assess [segment]',
        summary: 'Take the five-dimension feedback-loop assessment and post the summary to a channel.',
        run: ({ client, request, args }) => openAssessModal(listenerDeps, client, request, args.join(' ')),
      },
    ],
    register: (app) => registerAssessmentListeners(app, listenerDeps),
    // Posts stored summaries that are due: after a crash or downtime, and retries of passing failures.
    jobs: [{ name: 'assessment-summaries', run: (now) => service.runDue(now) }],
    digestSections: [createAssessmentSection(repository)],
    homeSections: [assessmentHomeSection(service)],
  };
}
