import { sql } from 'kysely';
import type { Config } from './config.js';
import { markTeamReinstalled } from './db/active-teams.js';
import { createDatabaseClock } from './db/database-clock.js';
import { migrateToLatest } from './db/migrate.js';
import { type Db, openDatabase } from './db/open-database.js';
import { createAssessmentFeature } from './features/assessment/index.js';
import { createControlPlaneFeature } from './features/control-plane/index.js';
import { createDataFeature } from './features/data/index.js';
import type { Contributions, Feature, FeatureDeps } from './features/feature.js';
import { createHomeFeature } from './features/home/index.js';
import { createHomeRefresher } from './features/home/refresher.js';
import { createHomeViewersRepository } from './features/home/repository.js';
import { createKpisFeature } from './features/kpis/index.js';
import { createMqaFeature } from './features/mqa/index.js';
import { createRisksFeature } from './features/risks/index.js';
import { createRitualsFeature } from './features/rituals/index.js';
import { createRoundsFeature } from './features/rounds/index.js';
import { createSettingsFeature } from './features/settings/index.js';
import { createTeamsRepository } from './features/settings/repository.js';
import { createSettingsService } from './features/settings/service.js';
import { type RunningHttpServer, startHttpServer } from './http/server.js';
import type { Clock } from './kernel/clock.js';
import { createInFlight } from './kernel/in-flight.js';
import type { Logger } from './logging/logger.js';
import { createScheduler } from './scheduler/scheduler.js';
import { createSlackRuntime, type SlackRuntimeOptions } from './slack/app.js';
import { createChartUploader } from './slack/chart-uploader.js';
import { registerCommandRouter } from './slack/command-router.js';
import { registerErrorHandler } from './slack/error-handler.js';
import { createInstallationStore } from './slack/installations/installation-store.js';
import { createTokenCipher } from './slack/installations/token-cipher.js';
import { createListenerTable } from './slack/listener-table.js';
import { createNotifier } from './slack/notifier.js';
import { createSlackUserDirectory } from './slack/user-directory.js';
import { distributedWorkspaces, singleWorkspace } from './slack/workspaces.js';
import { offloadDigestSections } from './workers/digest-sections.js';
import { createWorkerPool } from './workers/pool.js';

/**
 * Every feature, in the order Loopkeeper shows them: the usage list, App Home's buttons and sections. A new feature
 * is one line here.
 */
const FEATURES = [
  createAssessmentFeature,
  createRoundsFeature,
  createRitualsFeature,
  createMqaFeature,
  createRisksFeature,
  createKpisFeature,
  createControlPlaneFeature,
  createSettingsFeature,
  createDataFeature,
  createHomeFeature,
];

/** Builds every feature; what they contribute to each other is readable once all are built. */
export function buildFeatures(deps: Omit<FeatureDeps, 'contributions'>): {
  features: Feature[];
  contributions: Contributions;
} {
  const features: Feature[] = [];
  const contributions: Contributions = {
    digestSections: () =>
      offloadDigestSections(
        features.flatMap((f) => f.digestSections ?? []),
        deps.workers,
        deps.clock,
      ),
    homeSections: () => features.flatMap((f) => f.homeSections ?? []),
    subcommands: () => features.flatMap((f) => f.subcommands ?? []),
  };
  for (const create of FEATURES) features.push(create({ ...deps, contributions }));
  return { features, contributions };
}

/**
 * Slack's word that a workspace uninstalled Loopkeeper: its installation may already be gone, so the listener must
 * not wait for one (Bolt does not authorise these events either).
 */
const isUninstallSignal = (body: unknown) => {
  const type = (body as { event?: { type?: string } }).event?.type;
  return type === 'app_uninstalled' || type === 'tokens_revoked';
};

/** How often the offset to the database's clock is measured again. */
const CLOCK_SYNC_MS = 60_000;

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
  /** Worker threads for charts, KPI sections and exports; default min(2, cores - 1); 0 runs them on the main thread. */
  workerThreads?: number;
}

/** Wiring: database -> migrations -> shared pieces -> features -> Slack app -> HTTP server. Used by main.ts and the tests. */
export async function startLoopkeeper(config: Config, options: StartOptions): Promise<Loopkeeper> {
  const { logger } = options;
  const startedAt = Date.now();

  const db = await openDatabase(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    onConnectionError: (error) => logger.warn('a database connection broke; the next query opens a new one', { error }),
  });
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info('database migrated', { applied });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Leases and due times are read on the database's clock, so instances whose clocks drift still agree.
  const databaseClock = createDatabaseClock(db);
  let clockSync: NodeJS.Timeout | undefined;
  if (!options.clock) {
    await databaseClock.sync();
    clockSync = setInterval(() => {
      databaseClock.sync().catch((error) => logger.warn('could not read the database clock', { error }));
    }, CLOCK_SYNC_MS).unref();
  }
  const clock = options.clock ?? databaseClock.now;

  const installationStore = config.oauth
    ? createInstallationStore(db, createTokenCipher(config.oauth.tokenKey, config.oauth.previousTokenKeys), clock)
    : undefined;
  const slack = createSlackRuntime(config.slack, {
    logger,
    logLevel: config.logLevel,
    retryConfig: options.retryConfig,
    ...(config.oauth && installationStore
      ? {
          distribution: {
            oauth: config.oauth,
            installationStore,
            // A reinstall ends the countdown to the purge of the workspace's data.
            onInstalled: (teamId: string) => markTeamReinstalled(db, teamId).then(() => undefined),
          },
        }
      : {}),
  });
  // Every Slack call goes out with the token of the workspace whose work is running (one token when there is one).
  const workspaces = slack.botTokenFor
    ? distributedWorkspaces(slack.botTokenFor, slack.clientWithToken)
    : singleWorkspace(slack.client);
  const client = workspaces.scopedClient;
  const notifier = createNotifier(client, logger.child('notifier'));
  const inFlight = createInFlight((error) => logger.error('background work failed', { error }));
  const settings = createSettingsService({
    teams: createTeamsRepository(db, { timeZone: config.defaultTimeZone }),
    directory: createSlackUserDirectory(client),
    clock,
  });
  // Made before the features that change what Home shows; App Home connects its publisher.
  const homeRefresh = createHomeRefresher({
    viewers: createHomeViewersRepository(db),
    run: (task) => inFlight.run(task),
    onError: (error, userId) => logger.child('home').warn('App Home refresh failed', { userId, error }),
    inWorkspace: workspaces.run,
  });
  // Charts, the KPI section and exports run in worker threads with read-only connections of their own.
  const workers = createWorkerPool({
    databaseUrl: config.databaseUrl,
    db,
    ...(options.workerThreads !== undefined ? { size: options.workerThreads } : {}),
    logger: logger.child('workers'),
  });
  const charts = createChartUploader(client, logger.child('charts'), (chart) => workers.run('renderChart', chart));
  const { features, contributions } = buildFeatures({
    db,
    slack: { client, notifier, inFlight, charts, workspaces },
    clock,
    logger,
    config,
    settings,
    homeRefresh,
    installations: installationStore,
    workers,
  });

  // Every listener's run counts as in flight: Slack's events are acked before their listener starts, and shutdown
  // (and the tests' idle()) must wait for the work they do, not only for what they hand to inFlight themselves.
  slack.app.use(({ context, body, next }) =>
    context.teamId && !isUninstallSignal(body)
      ? workspaces.run(context.teamId, () => inFlight.track(next()))
      : inFlight.track(next()),
  );
  registerCommandRouter(slack.app, () => contributions.subcommands());
  const listenerTable = createListenerTable(slack.app);
  for (const feature of features) feature.register?.(listenerTable.listeners);
  listenerTable.install();
  registerErrorHandler(slack.app, { logger: logger.child('listeners'), notifier });
  const jobs = features.flatMap((f) => f.jobs ?? []);
  const every = config.schedulerIntervalSeconds;
  const scheduler = createScheduler({
    jobs,
    clock,
    logger: logger.child('scheduler'),
    expression: every === 60 ? '* * * * *' : `*/${every} * * * * *`,
  });

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
    host: config.httpHost,
    slackListener: slack.httpListener,
    routes: features.flatMap((f) => f.routes ?? []),
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
    await workers.close();
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
        clearInterval(clockSync);
        await scheduler.stop();
        await slack.stop();
        await inFlight.drain();
        await http.close();
        await workers.close();
        await db.destroy();
        logger.info('Loopkeeper stopped');
      })();
      return stopping;
    },
  };
}
