import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type AppOptions, type Logger, LogLevel } from '@slack/bolt';
import type { SlackDouble } from './index.js';

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
