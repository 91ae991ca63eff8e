import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Loopkeeper, startLoopkeeper } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { isActiveTeam } from '../../src/db/active-teams.js';
import { createLogger } from '../../src/logging/logger.js';
import { countTeamRows, seedTeamData } from '../helpers/team-data.js';
import { createTestClock } from '../helpers/test-clock.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';
import { SlackDouble } from '../slack-double/index.js';

const running: Array<{ app?: Loopkeeper; double: SlackDouble; database: TestDatabase }> = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.app?.stop();
    await r.double.stop();
    await r.database.dispose();
  }
});

const START = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;

/** Loopkeeper in distributed mode (OAuth, HTTP, no bot token), installed into two workspaces of the double. */
async function startInstalledInTwo() {
  const double = await SlackDouble.start();
  const database = await testDatabase();
  const entry: (typeof running)[number] = { double, database };
  running.push(entry);
  double.addWorkspace({ teamId: 'T0ACME', name: 'Acme' }).addUser({ id: 'U0ANNA', name: 'anna' });
  double.addWorkspace({ teamId: 'T0GLOBEX', name: 'Globex' }).addUser({ id: 'U0GUS', name: 'gus' });
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
  const clock = createTestClock(START);
  const app = await startLoopkeeper(config, {
    logger: createLogger({ level: 'error', sink: () => undefined }),
    clock: clock.now,
    retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 20 },
    schedule: false,
  });
  entry.app = app;
  const base = `http://127.0.0.1:${app.http.port}`;
  double.oauth.setRedirectUrls([`${base}/slack/oauth_redirect`]);
  await double.deliverOverHttp({ requestUrl: `${base}/slack/events` });
  for (const [teamId, userId] of [
    ['T0ACME', 'U0ANNA'],
    ['T0GLOBEX', 'U0GUS'],
  ] as const) {
    await double.oauth.installViaBrowser({ installUrl: `${base}/slack/install`, teamId, userId });
  }
  return { double, app, clock };
}

const installedTeams = async (app: Loopkeeper) =>
  (await app.db.selectFrom('installations').select('team_id').orderBy('team_id').execute()).map((r) => r.team_id);

describe('uninstall in distributed mode', () => {
  it("deletes the workspace's installation at once, keeps its data for the retention period, then purges it", async () => {
    const { double, app, clock } = await startInstalledInTwo();
    const acme = await seedTeamData(app.db, 'T0ACME', 'U0ANNA');
    const globex = await seedTeamData(app.db, 'T0GLOBEX', 'U0GUS');
    expect(await installedTeams(app)).toEqual(['T0ACME', 'T0GLOBEX']);

    // Slack revokes the tokens, then sends tokens_revoked and app_uninstalled.
    await double.uninstall('T0ACME');
    await app.idle();
    expect(await installedTeams(app)).toEqual(['T0GLOBEX']);
    expect(await isActiveTeam(app.db, 'T0ACME')).toBe(false);
    expect(await isActiveTeam(app.db, 'T0GLOBEX')).toBe(true);
    expect(await countTeamRows(app.db, 'T0ACME')).toEqual(acme);

    clock.set(new Date(START.getTime() + 30 * DAY + 60_000));
    await app.tick();
    expect(Object.values(await countTeamRows(app.db, 'T0ACME')).every((n) => n === 0)).toBe(true);
    expect(await countTeamRows(app.db, 'T0GLOBEX')).toEqual(globex);
    expect(await installedTeams(app)).toEqual(['T0GLOBEX']);
  });
});
