import { startLoopkeeper } from './bootstrap.js';
import { ConfigError, loadConfig, readEnvironment } from './config.js';
import { DatabaseUrlError } from './db/database-url.js';
import { createLogger } from './logging/logger.js';

/** In-flight work gets this long after SIGTERM/SIGINT before the process gives up and exits non-zero. */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });

  // Handlers go in before start-up, so a signal that arrives while connecting still shuts down cleanly.
  let app: { stop(): Promise<void> } | undefined;
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) {
      logger.warn('second signal: exiting without waiting', { signal });
      process.exit(1);
    }
    signalled = true;
    logger.info('shutting down', { signal });
    setTimeout(() => {
      logger.error('shutdown took too long: exiting', { deadlineMs: SHUTDOWN_DEADLINE_MS });
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // During start-up there is nothing to stop yet: start-up finishes, sees the flag and stops.
    if (app) stopAndExit(app);
  };
  const stopAndExit = (running: { stop(): Promise<void> }) =>
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  try {
    if (config.sandbox) {
      // Loaded only here: a real deployment never loads the double or the page.
      const { startSandbox } = await import('./sandbox/index.js');
      const sandbox = await startSandbox({ config, logger, demo: process.argv.includes('--demo') });
      app = sandbox;
      process.stdout.write(
        `Loopkeeper runs in a local sandbox workspace: no Slack app needed (database ${config.databaseUrl}; set SLACK_BOT_TOKEN and SLACK_APP_TOKEN for a real workspace).\n` +
          `Sandbox: open ${sandbox.url}\n`,
      );
    } else {
      app = await startLoopkeeper(config, { logger });
    }
  } catch (error) {
    if (error instanceof DatabaseUrlError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Loopkeeper could not start: ${(error as Error).message}\n`);
      logger.error('start-up failed', { error });
    }
    process.exit(1);
  }
  if (signalled) stopAndExit(app);
}

void main();
