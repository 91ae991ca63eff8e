import { createAssessmentsRepository } from '../assessment/repository.js';
import type { Feature, FeatureDeps } from '../feature.js';
import { createHistoryService } from './history-service.js';
import { createRoundsRepository } from './repository.js';
import { createRoundService } from './service.js';
import { startRoundCommand } from './slack/commands.js';
import { exportCommand, historyCommand } from './slack/history-command.js';
import { registerRoundListeners } from './slack/listeners.js';
import { createRoundPoster } from './slack/poster.js';

/** Team rounds of the assessment, the team's history and its CSV export: `/loop assess round|history|export`. */
export function createRoundsFeature(deps: FeatureDeps): Feature {
  const repository = createRoundsRepository(deps.db);
  const logger = deps.logger.child('rounds');
  const rounds = createRoundService({
    inWorkspace: deps.slack.workspaces.run,
    rounds: repository,
    poster: createRoundPoster(deps.slack.notifier, logger),
    clock: deps.clock,
    charts: deps.slack.charts,
    isAdmin: (teamId, userId) => deps.settings.isAdmin(teamId, userId),
  });
  const assessmentHistory = createHistoryService({
    assessments: createAssessmentsRepository(deps.db),
    rounds: repository,
  });
  const listenerDeps = { rounds, assessmentHistory, settings: deps.settings, inFlight: deps.slack.inFlight, logger };
  return {
    name: 'rounds',
    subcommands: [
      {
        name: 'assess',
        verb: 'round',
        usage: 'assess round [#channel] [duration] [@people or @group] [anonymous]',
        summary: 'Start a team round: everyone answers privately, the summary posts when it closes.',
        run: ({ client, request, args }) => startRoundCommand(listenerDeps, client, request, args),
      },
      {
        name: 'assess',
        verb: 'history',
        usage: 'assess history',
        summary: "The team's recent results, single assessments and rounds, with the trend.",
        run: ({ request }) => historyCommand(listenerDeps, request),
      },
      {
        name: 'assess',
        verb: 'export',
        usage: 'assess export',
        summary: 'DMs you every result as a CSV.',
        run: ({ client, request }) => exportCommand(listenerDeps, client, request, rounds.now()),
      },
    ],
    register: (app) => registerRoundListeners(app, listenerDeps),
    // Closes rounds at their deadline (also after downtime), nudges once 24 h before, retries failed summaries.
    jobs: [{ name: 'assessment-rounds', run: (now) => rounds.runDue(now) }],
  };
}
