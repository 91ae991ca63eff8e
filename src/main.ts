import { ConfigError, loadConfig, readEnvironment } from './config.js';
import { DatabaseUrlError } from './db/database-url.js';
import { startLoopkeeper } from './bootstrap.js';
import { createLogger } from './logging/logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  let app;
  try {
    app = await startLoopkeeper(config, { logger });
  } catch (error) {
    const message = error instanceof DatabaseUrlError ? error.message : `Loopkeeper could not start: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    logger.error('start-up failed', { error });
    process.exit(1);
  }
  const running = app;
  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    running.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
