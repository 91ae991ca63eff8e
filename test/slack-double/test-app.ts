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
