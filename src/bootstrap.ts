import { sql } from 'kysely';
import type { Config } from './config.js';
import { createAssessmentsRepository } from './features/assessment/repository.js';
import { createTeamsRepository } from './features/settings/repository.js';
import { migrateToLatest } from './db/migrate.js';
import { type Db, openDatabase } from './db/open-database.js';
import { type RunningHttpServer, startHttpServer } from './http/server.js';
import type { Logger } from './logging/logger.js';
import { createInFlight } from './kernel/in-flight.js';
import { type ScheduledJob, createScheduler } from './scheduler/scheduler.js';
import { createAssessmentService } from './features/assessment/service.js';
import { type Clock, systemClock } from './kernel/clock.js';
import { createSettingsService } from './features/settings/service.js';
import { type SlackRuntimeOptions, createSlackRuntime } from './slack/app.js';
import { createAssessmentPoster } from './features/assessment/slack/poster.js';
import { registerListeners } from './slack/listeners/index.js';
import { createNotifier } from './slack/notifier.js';
import { createSlackUserDirectory } from './slack/user-directory.js';
import { createRoundsRepository } from './features/rounds/repository.js';
import { createHistoryService } from './features/rounds/history-service.js';
import { createRoundService } from './features/rounds/service.js';
import { createChartUploader } from './slack/chart-uploader.js';
import { createRoundPoster } from './features/rounds/slack/poster.js';
import { createMqaFeature } from './features/mqa/index.js';
import { createHomeRefresh, createRiskHomeFeature, followUpsHomeSource, mqaHomeSource, ritualsHomeSource } from './features/risks/index.js';
import { createRitualsFeature } from './features/rituals/index.js';
import { createKpisFeature } from './features/kpis/index.js';

export interface Loopkeeper {
  db: Db;
  http: RunningHttpServer;
  /** Resolves once the work started after acks (posting, notices) has finished. */
  idle(): Promise<void>;
  /** Runs the scheduled jobs once at the clock's time (node-cron calls this every minute). */
  tick(): Promise<void>;
  /** Finishes in-flight work, disconnects from Slack, closes the HTTP server and the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  retryConfig?: SlackRuntimeOptions['retryConfig'];
  /** false: no node-cron ticks; tests drive time with tick(). */
  schedule?: boolean;
}

/** Wiring: database -> migrations -> services -> Slack app -> HTTP server. Used by main.ts and by the tests. */
export async function startLoopkeeper(config: Config, options: StartOptions): Promise<Loopkeeper> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const startedAt = Date.now();

  const db = openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info('database migrated', { applied });
  } catch (error) {
    await db.destroy();
    throw error;
  }

  const slack = createSlackRuntime(config.slack, { logger, logLevel: config.logLevel, retryConfig: options.retryConfig });
  const notifier = createNotifier(slack.client, logger.child('notifier'));
  const inFlight = createInFlight((error) => logger.error('background work failed', { error }));
  const settings = createSettingsService({
    teams: createTeamsRepository(db, { timeZone: config.defaultTimeZone }),
    directory: createSlackUserDirectory(slack.client),
    clock,
  });
  // Assessment rounds, history, export and charts (issue 3).
  const charts = createChartUploader(slack.client, logger.child('charts'));
  const roundsRepository = createRoundsRepository(db);
  const assessments = createAssessmentService({
    assessments: createAssessmentsRepository(db),
    rounds: roundsRepository,
    poster: createAssessmentPoster(notifier),
    clock,
    charts,
    slowNoticeMs: config.slowPostNoticeMs,
    logger: logger.child('assessments'),
  });
  const rounds = createRoundService({
    rounds: roundsRepository,
    poster: createRoundPoster(slack.client, notifier, logger.child('rounds')),
    clock,
    charts,
    isAdmin: (teamId, userId) => settings.isAdmin(teamId, userId),
  });
  const assessmentHistory = createHistoryService({ assessments: createAssessmentsRepository(db), rounds: roundsRepository });
  // App Home's refresh port (issue 7), made before the features that change what Home shows.
  const homeRefresh = createHomeRefresh({ db, inFlight, logger: logger.child('home') });
  // MQA working list (issue 5): service, scheduled job, read models (App Home, digest 'mqa' section), POST /api/mqa.
  const mqaFeature = createMqaFeature({ db, client: slack.client, notifier, settings, clock, logger: logger.child('mqa'), ingestToken: config.ingestToken, home: homeRefresh });
  // Rituals and follow-ups (issue 4). `ritualsFeature.sections` is the GTM review's digest: features push their provider.
  const ritualsFeature = createRitualsFeature({ db, client: slack.client, notifier, settings, clock, logger: logger.child('rituals'), home: homeRefresh });
  ritualsFeature.sections.push(mqaFeature.readModels.digestProvider);
  // Risk register and App Home (issue 7): Home reads other features through narrow sources; a new assessment refreshes the team's Home.
  const riskHome = createRiskHomeFeature({
    db,
    client: slack.client,
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
  // GTM data and KPIs (issue 6): the digest's 'kpis' section, `/loop kpis`, POST /api/{leads,touchpoints,deals,spend}.
  const kpisFeature = createKpisFeature({ db, clock, ingestToken: config.ingestToken, logger: logger.child('kpis') });
  ritualsFeature.sections.push(kpisFeature.digestProvider);
  registerListeners(slack.app, { settings, assessments: riskHome.assessments, notifier, inFlight, logger: logger.child('listeners'), rounds, assessmentHistory, mqa: mqaFeature.service, rituals: ritualsFeature.rituals, followUps: ritualsFeature.followUps, risks: riskHome.risks, home: riskHome.home, kpis: kpisFeature.service });
  // Each feature with due work (ritual posts, reminders, chasers) adds its job here.
  const jobs: ScheduledJob[] = [];
  // Closes rounds at their deadline (also after downtime), nudges once 24 h before, retries failed summaries.
  jobs.push({ name: 'assessment-rounds', run: (now) => rounds.runDue(now) });
  // Posts stored single summaries that are due: after a crash or downtime, and retries of passing failures.
  jobs.push({ name: 'assessment-summaries', run: (now) => assessments.runDue(now) });
  // MQA outbox (cards, reviews, reminders with retries), SLA reminders/escalations, stalls.
  jobs.push(mqaFeature.job);
  // Risk owners' DM when a review date arrives (once per risk and date, claimed in the database).
  jobs.push(riskHome.job);
  jobs.push(...ritualsFeature.jobs);
  const scheduler = createScheduler({ jobs, clock, logger: logger.child('scheduler') });

  const databaseHealthy = async () => {
    try {
      await sql`select 1`.execute(db);
      return true;
    } catch {
      return false;
    }
  };
  const http = await startHttpServer({
    port: config.port,
    slackListener: slack.httpListener,
    routes: [mqaFeature.ingestRoute, ...kpisFeature.ingestRoutes],
    health: async () => {
      const database = (await databaseHealthy()) ? 'ok' : 'error';
      const state = slack.connectionState();
      return {
        status: database === 'ok' && state === 'connected' ? 'ok' : 'degraded',
        database,
        slack: state,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
    },
  });

  try {
    await slack.start();
  } catch (error) {
    await http.close();
    await db.destroy();
    throw error;
  }
  if (options.schedule !== false) scheduler.start();
  logger.info('Loopkeeper is running', { mode: config.slack.mode, port: http.port });

  let stopping: Promise<void> | undefined;
  return {
    db,
    http,
    idle: () => inFlight.drain(),
    tick: () => scheduler.tick(),
    stop() {
      stopping ??= (async () => {
        await scheduler.stop();
        await slack.stop();
        await inFlight.drain();
        await http.close();
        await db.destroy();
        logger.info('Loopkeeper stopped');
      })();
      return stopping;
    },
  };
}
