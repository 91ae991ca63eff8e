import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type AppOptions,
  type InstallationStore,
  type Logger,
  LogLevel,
  MemoryInstallationStore,
} from '@slack/bolt';
import type { SlackDouble } from '../../src/slack-double/index.js';

/** A logger that keeps Bolt quiet but remembers errors (tests can assert on them). */
export function quietLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  let level = LogLevel.ERROR;
  return {
    errors,
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...msg: unknown[]) => {
      errors.push(msg.map(String).join(' '));
    },
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * Starts the real Bolt App in Socket Mode against the double; `register` adds listeners before start.
 * Returns the app (call `app.stop()` in afterEach).
 */
export async function startBoltApp(
  double: SlackDouble,
  register: (app: App) => void,
  clientOptions: NonNullable<AppOptions['clientOptions']> = {},
): Promise<{ app: App; logger: ReturnType<typeof quietLogger> }> {
  const logger = quietLogger();
  const app = new App({
    socketMode: true,
    token: double.botToken,
    appToken: double.appToken,
    logger,
    clientOptions: {
      slackApiUrl: double.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
      ...clientOptions,
    },
  });
  register(app);
  await app.start();
  await double.waitForConnection();
  return { app, logger };
}

/**
 * Starts the real Bolt App with its default HTTPReceiver (Slack's HTTP delivery) on a free port, and points the
 * double's HTTP delivery at its `/slack/events`. Returns the app (call `app.stop()` in afterEach).
 */
export async function startBoltHttpApp(
  double: SlackDouble,
  register: (app: App) => void,
  clientOptions: NonNullable<AppOptions['clientOptions']> = {},
): Promise<{ app: App; logger: ReturnType<typeof quietLogger>; requestUrl: string }> {
  const logger = quietLogger();
  const app = new App({
    token: double.botToken,
    signingSecret: double.signingSecret,
    logger,
    clientOptions: {
      slackApiUrl: double.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
      ...clientOptions,
    },
  });
  register(app);
  const server = (await app.start(0)) as Server;
  const requestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  await double.deliverOverHttp({ requestUrl });
  return { app, logger, requestUrl };
}

/**
 * Starts the real Bolt App as a distributed app: OAuth (Bolt's InstallProvider serves `/slack/install` and
 * `/slack/oauth_redirect`, exchanging codes with the double's oauth.v2.access), no bot token of its own (each request is
 * authorized from the installation store), HTTPReceiver on a free port with the double delivering there. The double's
 * Redirect URL is set to the app's callback. Returns the app, its base URL and the installation store.
 */
export async function startBoltOAuthApp(
  double: SlackDouble,
  register: (app: App) => void,
  options: {
    scopes?: string[];
    userScopes?: string[];
    installationStore?: InstallationStore;
    clientOptions?: NonNullable<AppOptions['clientOptions']>;
  } = {},
): Promise<{
  app: App;
  logger: ReturnType<typeof quietLogger>;
  baseUrl: string;
  installUrl: string;
  installationStore: InstallationStore;
}> {
  const logger = quietLogger();
  const clientOptions = {
    slackApiUrl: double.apiUrl,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
    ...options.clientOptions,
  };
  const installationStore = options.installationStore ?? new MemoryInstallationStore();
  const app = new App({
    signingSecret: double.signingSecret,
    clientId: double.oauth.clientId,
    clientSecret: double.oauth.clientSecret,
    stateSecret: 'slack-double-state-secret',
    scopes: options.scopes ?? ['commands', 'chat:write'],
    installationStore,
    installerOptions: {
      ...(options.userScopes ? { userScopes: options.userScopes } : {}),
      // The InstallProvider's own WebClient (oauth.v2.access, auth.test, token refresh) talks to the double too.
      clientOptions,
    },
    logger,
    clientOptions,
  });
  register(app);
  const server = (await app.start(0)) as Server;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.oauth.setRedirectUrls([`${baseUrl}/slack/oauth_redirect`]);
  await double.deliverOverHttp({ requestUrl: `${baseUrl}/slack/events` });
  return { app, logger, baseUrl, installUrl: `${baseUrl}/slack/install`, installationStore };
}
