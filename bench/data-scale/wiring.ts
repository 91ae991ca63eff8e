import { webApi } from '@slack/bolt';
import { createAssessmentsRepository } from '../../src/db/repositories/assessments-repository.js';
import { createFollowUpsRepository } from '../../src/db/repositories/follow-ups-repository.js';
import { createRitualPostsRepository } from '../../src/db/repositories/rituals-posts-repository.js';
import { createRitualsRepository } from '../../src/db/repositories/rituals-repository.js';
import { createTeamsRepository } from '../../src/db/repositories/teams-repository.js';
import type { Db } from '../../src/db/open-database.js';
import { createLogger } from '../../src/logging/logger.js';
import { createInFlight } from '../../src/runtime/in-flight.js';
import { createAssessmentService } from '../../src/services/assessment-service.js';
import type { Clock } from '../../src/services/clock.js';
import { createSettingsService } from '../../src/services/settings-service.js';
import { createAssessmentPoster } from '../../src/slack/assessment-poster.js';
import { createHomePublisher } from '../../src/slack/listeners/events/home-publisher.js';
import { createKpisFeature } from '../../src/slack/listeners/kpis/feature.js';
import { createMqaFeature } from '../../src/slack/listeners/mqa/feature.js';
import { createHomeRefresh, createRiskHomeFeature, followUpsHomeSource, mqaHomeSource, ritualsHomeSource } from '../../src/slack/listeners/risks/feature.js';
import { createRitualsFeature } from '../../src/slack/listeners/rituals/feature.js';
import { createNotifier } from '../../src/slack/notifier.js';
import { createSlackUserDirectory } from '../../src/slack/user-directory.js';

/**
 * The services the data-scale measures use, wired as src/bootstrap.ts wires them (same feature factories, same
 * order of the digest's section providers), minus the Bolt App and the HTTP server: a WebClient pointed at the
 * Slack double the parent process runs, so posts and Home publishes go through Slack's Web API as in production.
 */
export function wireServices(db: Db, slack: { token: string; apiUrl: string }, clock: Clock) {
  // Errors only, to stderr: the parent fails the run on a crash and shows stderr.
  const logger = createLogger({ level: 'error', sink: (line) => process.stderr.write(`${line}\n`) });
  const client = new webApi.WebClient(slack.token, { slackApiUrl: slack.apiUrl });
  const notifier = createNotifier(client, logger.child('notifier'));
  const inFlight = createInFlight((error) => logger.error('background work failed', { error }));
  const settings = createSettingsService({
    teams: createTeamsRepository(db, { timeZone: 'Europe/Berlin' }),
    directory: createSlackUserDirectory(client),
    clock,
  });
  const assessments = createAssessmentService({ assessments: createAssessmentsRepository(db), poster: createAssessmentPoster(notifier), clock });
  const homeRefresh = createHomeRefresh({ db, inFlight, logger });
  const mqaFeature = createMqaFeature({ db, client, notifier, settings, clock, logger, ingestToken: undefined, home: homeRefresh });
  const ritualsFeature = createRitualsFeature({ db, client, notifier, settings, clock, logger, home: homeRefresh });
  ritualsFeature.sections.push(mqaFeature.readModels.digestProvider);
  const riskHome = createRiskHomeFeature({
    db,
    client,
    notifier,
    settings,
    assessments,
    homeRefresh,
    clock,
    sources: {
      myMqaItems: mqaHomeSource((teamId, userId) => mqaFeature.readModels.itemsFor(teamId, userId)),
      nextRituals: ritualsHomeSource((teamId, now, limit) => ritualsFeature.rituals.nextOccurrences(teamId, now, limit)),
      openFollowUps: followUpsHomeSource((teamId, userId) => ritualsFeature.followUps.openFollowUpsFor(teamId, userId)),
    },
  });
  ritualsFeature.sections.push(riskHome.digestProvider);
  const kpisFeature = createKpisFeature({ db, clock, ingestToken: undefined, logger });
  ritualsFeature.sections.push(kpisFeature.digestProvider);

  const ritualsJob = ritualsFeature.jobs.find((j) => j.name === 'ritual-posts');
  if (!ritualsJob) throw new Error("the rituals feature has no 'ritual-posts' job");
  return {
    db,
    assessments,
    /** The GTM review's section providers, as registered by the features. */
    sections: ritualsFeature.sections,
    /** The scheduled ritual job (records due occurrences, builds the sections, posts). */
    ritualsJob,
    rituals: createRitualsRepository(db),
    posts: createRitualPostsRepository(db),
    followUps: createFollowUpsRepository(db),
    home: riskHome.home,
    /** What app_home_opened does after recording the viewer: build Home from current data and views.publish it. */
    publishHome: createHomePublisher(client, riskHome.home),
    mqaItemsFor: (teamId: string, userId: string) => mqaFeature.readModels.itemsFor(teamId, userId),
  };
}

export type BenchServices = ReturnType<typeof wireServices>;
