import { webApi } from '@slack/bolt';
import { buildFeatures } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/open-database.js';
import { createAssessmentsRepository } from '../../src/features/assessment/repository.js';
import { createAssessmentService } from '../../src/features/assessment/service.js';
import { createAssessmentPoster } from '../../src/features/assessment/slack/poster.js';
import { createHomeRefresher } from '../../src/features/home/refresher.js';
import { createHomeViewersRepository } from '../../src/features/home/repository.js';
import { createHomeService } from '../../src/features/home/service.js';
import { createHomePublisher } from '../../src/features/home/slack/publisher.js';
import { createFollowUpsRepository } from '../../src/features/rituals/follow-ups-repository.js';
import { createRitualPostsRepository } from '../../src/features/rituals/posts-repository.js';
import { createRitualsRepository } from '../../src/features/rituals/repository.js';
import { createTeamsRepository } from '../../src/features/settings/repository.js';
import { createSettingsService } from '../../src/features/settings/service.js';
import type { Clock } from '../../src/kernel/clock.js';
import { createInFlight } from '../../src/kernel/in-flight.js';
import { createLogger } from '../../src/logging/logger.js';
import { createChartUploader } from '../../src/slack/chart-uploader.js';
import { createNotifier } from '../../src/slack/notifier.js';
import { createSlackUserDirectory } from '../../src/slack/user-directory.js';
import { singleWorkspace } from '../../src/slack/workspaces.js';

/**
 * The services the data-scale measures use, built by src/bootstrap.ts's own `buildFeatures` (same features, same
 * digest sections, same Home sections), minus the Bolt App and the HTTP server: a WebClient pointed at the Slack
 * double the parent process runs, so posts and Home publishes go through Slack's Web API as in production.
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
  const viewers = createHomeViewersRepository(db);
  const homeRefresh = createHomeRefresher({ viewers, run: (task) => inFlight.run(task), onError: () => {} });
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.token,
    SLACK_APP_TOKEN: 'xapp-bench',
    DATABASE_URL: 'file::memory:',
  });
  const { features, contributions } = buildFeatures({
    db,
    slack: {
      client,
      notifier,
      inFlight,
      charts: createChartUploader(client, logger),
      workspaces: singleWorkspace(client),
    },
    clock,
    logger,
    config,
    settings,
    homeRefresh,
  });
  const ritualsJob = features.flatMap((f) => f.jobs ?? []).find((j) => j.name === 'ritual-posts');
  if (!ritualsJob) throw new Error("the rituals feature has no 'ritual-posts' job");
  const home = createHomeService({ sections: () => contributions.homeSections(), settings, viewers, clock });
  const mqaHome = contributions.homeSections().find((section) => section.key === 'mqa');
  if (!mqaHome) throw new Error('the MQA feature has no Home section');
  return {
    db,
    assessments: createAssessmentService({
      assessments: createAssessmentsRepository(db),
      poster: createAssessmentPoster(notifier),
      clock,
    }),
    /** The GTM review's section providers, as the features contribute them. */
    sections: contributions.digestSections(),
    /** The scheduled ritual job (records due occurrences, builds the sections, posts). */
    ritualsJob,
    rituals: createRitualsRepository(db),
    posts: createRitualPostsRepository(db),
    followUps: createFollowUpsRepository(db),
    home,
    /** What app_home_opened does after recording the viewer: build Home from current data and views.publish it. */
    publishHome: createHomePublisher(client, home),
    /** The MQA part of one person's Home on its own. */
    mqaHomeFor: async (teamId: string, userId: string) => {
      const { timeZone } = await settings.getSettings(teamId);
      return mqaHome.load({ teamId, userId, isAdmin: false, now: clock(), timeZone });
    },
  };
}

export type BenchServices = ReturnType<typeof wireServices>;
