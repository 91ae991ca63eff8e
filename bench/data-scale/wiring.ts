import { webApi } from '@slack/bolt';
import { createAssessmentsRepository } from '../../src/features/assessment/repository.js';
import { createFollowUpsRepository } from '../../src/features/rituals/follow-ups-repository.js';
import { createRitualPostsRepository } from '../../src/features/rituals/posts-repository.js';
import { createRitualsRepository } from '../../src/features/rituals/repository.js';
import { createTeamsRepository } from '../../src/features/settings/repository.js';
import type { Db } from '../../src/db/open-database.js';
import { createLogger } from '../../src/logging/logger.js';
import { createInFlight } from '../../src/kernel/in-flight.js';
import { createAssessmentService } from '../../src/features/assessment/service.js';
import type { Clock } from '../../src/kernel/clock.js';
import { createSettingsService } from '../../src/features/settings/service.js';
import { createAssessmentPoster } from '../../src/features/assessment/slack/poster.js';
import { createHomePublisher } from '../../src/features/home/slack/publisher.js';
import { createKpisFeature } from '../../src/features/kpis/index.js';
import { createMqaFeature } from '../../src/features/mqa/index.js';
import { createHomeRefresh, createRiskHomeFeature, followUpsHomeSource, mqaHomeSource, ritualsHomeSource } from '../../src/features/risks/index.js';
import { createRitualsFeature } from '../../src/features/rituals/index.js';
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
