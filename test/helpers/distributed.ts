import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { type Loopkeeper, startLoopkeeper } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { SlackDouble } from '../../src/slack-double/index.js';
import { createTestClock } from './test-clock.js';
import { type TestDatabase, testDatabase } from './test-database.js';

/**
 * Loopkeeper in distributed mode (OAuth, HTTP, no bot token) against a double with two workspaces, not installed
 * yet: Acme (anna, a workspace admin, and #gtm C0ACME) and Globex (gus, a workspace admin, and #gtm C0GLOBEX). Stopped after each test.
 */
export function useDistributedLoopkeeper() {
  const running: Array<{ app?: Loopkeeper; double: SlackDouble; database: TestDatabase }> = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      await r.app?.stop();
      await r.double.stop();
      await r.database.dispose();
    }
  });

  return async function start(options: { start?: Date } = {}) {
    const double = await SlackDouble.start();
    const database = await testDatabase();
    const entry: (typeof running)[number] = { double, database };
    running.push(entry);
    const acme = double.addWorkspace({ teamId: 'T0ACME', name: 'Acme <Corp>' });
    acme.addUser({ id: 'U0ANNA', name: 'anna', tz: 'Europe/Berlin', isAdmin: true });
    acme.addChannel({ id: 'C0ACME', name: 'gtm' });
    const globex = double.addWorkspace({ teamId: 'T0GLOBEX', name: 'Globex' });
    globex.addUser({ id: 'U0GUS', name: 'gus', tz: 'America/New_York', isAdmin: true });
    globex.addChannel({ id: 'C0GLOBEX', name: 'gtm' });
    const config = loadConfig({
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: double.signingSecret,
      SLACK_CLIENT_ID: double.oauth.clientId,
      SLACK_CLIENT_SECRET: double.oauth.clientSecret,
      SLACK_STATE_SECRET: randomBytes(16).toString('hex'),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SLACK_API_URL: double.apiUrl,
      DATABASE_URL: database.url,
      PORT: '0',
    });
    const clock = createTestClock(options.start ?? new Date('2026-11-23T10:00:00Z'));
    const app = await startLoopkeeper(config, {
      logger: createLogger({ level: 'error', sink: () => undefined }),
      clock: clock.now,
      retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 20 },
      schedule: false,
    });
    entry.app = app;
    const base = `http://127.0.0.1:${app.http.port}`;
    const installUrl = `${base}/slack/install`;
    double.oauth.setRedirectUrls([`${base}/slack/oauth_redirect`]);
    await double.deliverOverHttp({ requestUrl: `${base}/slack/events` });
    /** Installs into both workspaces through the browser flow; the callback pages, Acme's first. */
    const installBoth = async () => {
      const pages: string[] = [];
      for (const [teamId, userId] of [
        ['T0ACME', 'U0ANNA'],
        ['T0GLOBEX', 'U0GUS'],
      ] as const) {
        const flow = await double.oauth.installViaBrowser({ installUrl, teamId, userId });
        if (flow.callback.status !== 200) throw new Error(`install into ${teamId} answered ${flow.callback.status}`);
        pages.push(flow.callback.body);
      }
      return pages;
    };
    return { double, app, clock, acme, globex, installUrl, installBoth };
  };
}
