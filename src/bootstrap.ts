import { sql } from 'kysely';
import type { Config } from './config.js';
import { createAssessmentsRepository } from './db/repositories/assessments-repository.js';
import { createTeamsRepository } from './db/repositories/teams-repository.js';
import { migrateToLatest } from './db/migrate.js';
import { type Db, openDatabase } from './db/open-database.js';
import { type RunningHttpServer, startHttpServer } from './http/server.js';
import type { Logger } from './logging/logger.js';
import { createInFlight } from './runtime/in-flight.js';
import { type ScheduledJob, createScheduler } from './scheduler/scheduler.js';
import { createAssessmentService } from './services/assessment-service.js';
import { type Clock, systemClock } from './services/clock.js';
import { createSettingsService } from './services/settings-service.js';
import { type SlackRuntimeOptions, createSlackRuntime } from './slack/app.js';
import { createAssessmentPoster } from './slack/assessment-poster.js';
import { registerListeners } from './slack/listeners/index.js';
import { createNotifier } from './slack/notifier.js';
import { createSlackUserDirectory } from './slack/user-directory.js';

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
  const assessments = createAssessmentService({
    assessments: createAssessmentsRepository(db),
    poster: createAssessmentPoster(notifier),
    clock,
  });
  registerListeners(slack.app, { settings, assessments, notifier, inFlight, logger: logger.child('listeners') });
  // Each feature with due work (ritual posts, reminders, chasers) adds its job here.
  const jobs: ScheduledJob[] = [];
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
