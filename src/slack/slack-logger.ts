import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { LOG_LEVEL_ORDER, type Logger, type LogLevelName, serialise } from '../logging/logger.js';

/** Bolt and the Slack SDKs log through this adapter so their lines are structured and redacted too. */
export function slackLoggerFrom(logger: Logger, level: LogLevelName): BoltLogger {
  let current = level as LogLevel;
  const text = (parts: unknown[]) =>
    parts
      .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(serialise(p))))
      .join(' ');
  const enabled = (l: LogLevelName) => LOG_LEVEL_ORDER[l] >= LOG_LEVEL_ORDER[current as LogLevelName];
  return {
    debug: (...m) => enabled('debug') && logger.debug(text(m)),
    info: (...m) => enabled('info') && logger.info(text(m)),
    warn: (...m) => enabled('warn') && logger.warn(text(m)),
    error: (...m) => enabled('error') && logger.error(text(m)),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: () => {},
  };
}
