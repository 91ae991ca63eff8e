import { afterEach } from 'vitest';
import { type Loopkeeper, startLoopkeeper } from '../../src/bootstrap.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { SlackDouble, type SlackDoubleOptions, type SlackTransport } from '../../src/slack-double/index.js';
import { createTestClock } from './test-clock.js';
import { type TestDatabase, testDatabase } from './test-database.js';

export const ALICE = 'U0ALICE';
export const BOB_ADMIN = 'U0BOB';
export const GENERAL = 'C0GENERAL';
export const PRIVATE_NOT_MEMBER = 'G0SECRET';
export const ARCHIVED = 'C0OLD';

/**
 * Makes `userId` a Loopkeeper admin of the test team, as if Bob had added them in `/loop settings`; `false` takes it
 * away again. Straight in the database, so a test can change it between opening a modal and submitting it.
 */
export async function setLoopkeeperAdmin(app: Loopkeeper, userId: string, admin = true): Promise<void> {
  if (!admin) return void (await app.db.deleteFrom('team_admins').where('user_id', '=', userId).execute());
  const at = '2026-11-23T09:00:00.000Z';
  const team = { team_id: 'T0TEST', segment: null, assessments_channel_id: null, time_zone: null };
  await app.db
    .insertInto('teams')
    .values({ ...team, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('team_id').doNothing())
    .execute();
  await app.db
    .insertInto('team_admins')
    .values({ team_id: 'T0TEST', user_id: userId, added_by: BOB_ADMIN, added_at: at })
    .execute();
}

/**
 * How the tests' Loopkeeper talks to Slack when a test does not say: Socket Mode, unless
 * `LOOPKEEPER_TEST_SLACK_TRANSPORT=http` runs the suite in HTTP mode.
 */
export const DEFAULT_TEST_TRANSPORT: SlackTransport =
  process.env.LOOPKEEPER_TEST_SLACK_TRANSPORT === 'http' ? 'http' : 'socket';

/** Loopkeeper's request URL for Slack in HTTP mode (slash commands, interactivity, events). */
export const slackRequestUrl = (app: Loopkeeper) => `http://127.0.0.1:${app.http.port}/slack/events`;

/**
 * Per-test Slack double + the real Loopkeeper (real Bolt App in Socket Mode, or `transport: 'http'`: SLACK_MODE=http
 * with the double's signing secret, Slack's requests signed and POSTed to /slack/events; a real database of the
 * dialect under test), stopped after each test.
 * Seeds alice (member), bob (workspace admin), #general (bot member), #secret (private, bot not a member), #old (archived).
 */
export function useLoopkeeper() {
  const running: Array<{ double: SlackDouble; app?: Loopkeeper; database: TestDatabase }> = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      await r.app?.stop();
      await r.double.stop();
      await r.database.dispose();
    }
  });

  return async function start(
    options: {
      double?: SlackDoubleOptions;
      env?: Record<string, string>;
      start?: Date;
      /** 'socket' (Socket Mode, the default) or 'http' (Bolt's HTTPReceiver on the app's own HTTP server). */
      transport?: SlackTransport;
    } = {},
  ) {
    const transport = options.transport ?? DEFAULT_TEST_TRANSPORT;
    const double = await SlackDouble.start(options.double);
    const database = await testDatabase();
    const { url } = database;
    const entry: { double: SlackDouble; app?: Loopkeeper; database: TestDatabase } = { double, database };
    running.push(entry);
    double.addUser({ id: ALICE, name: 'alice', tz: 'Europe/Berlin' });
    double.addUser({ id: BOB_ADMIN, name: 'bob', isAdmin: true });
    double.addChannel({ id: GENERAL, name: 'general' });
    double.addChannel({ id: PRIVATE_NOT_MEMBER, name: 'secret', isPrivate: true, isMember: false });
    double.addChannel({ id: ARCHIVED, name: 'old', isArchived: true });

    const slackEnv: Record<string, string> =
      transport === 'http'
        ? { SLACK_MODE: 'http', SLACK_SIGNING_SECRET: double.signingSecret }
        : { SLACK_APP_TOKEN: double.appToken };
    const config: Config = loadConfig({
      SLACK_BOT_TOKEN: double.botToken,
      ...slackEnv,
      SLACK_API_URL: double.apiUrl,
      DATABASE_URL: url,
      PORT: '0',
      LOG_LEVEL: 'error',
      ...options.env,
    });
    const logLines: string[] = [];
    const logger = createLogger({ level: 'debug', sink: (line) => logLines.push(line) });
    const clock = createTestClock(options.start ?? new Date('2026-11-23T10:00:00Z'));
    const app = await startLoopkeeper(config, {
      logger,
      clock: clock.now,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
      schedule: false,
    });
    entry.app = app;
    // Socket Mode: the app connects to the double. HTTP: the double learns the app's request URL (a new port after
    // every start) and checks it with Slack's url_verification challenge.
    const connect = (running: Loopkeeper) =>
      transport === 'http'
        ? double.deliverOverHttp({ requestUrl: slackRequestUrl(running) })
        : double.waitForConnection();
    await connect(app);
    /**
     * Simulates a restart: stops the running app, then starts a new one on the same database file, double and
     * clock (advance the clock in between to cross a deadline while "down"). Returns the new app.
     */
    const restart = async (): Promise<Loopkeeper> => {
      await entry.app?.stop();
      entry.app = undefined;
      const next = await startLoopkeeper(config, {
        logger,
        clock: clock.now,
        retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
        schedule: false,
      });
      entry.app = next;
      await connect(next);
      return next;
    };
    return { double, app, clock, config, logLines, databaseUrl: url, restart, transport };
  };
}
