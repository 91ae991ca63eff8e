import { redactSecrets } from './redact.js';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVEL_ORDER: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(name: string): Logger;
}

export type LogSink = (line: string, level: LogLevelName) => void;

const defaultSink: LogSink = (line, level) => {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
};

export function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** JSON-lines logger: one object per line with time, level, logger name and message; secrets are redacted. */
export function createLogger(options: { level: LogLevelName; name?: string; sink?: LogSink }): Logger {
  const sink = options.sink ?? defaultSink;
  const name = options.name ?? 'loopkeeper';
  const write = (level: LogLevelName, message: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVEL_ORDER[level] < LOG_LEVEL_ORDER[options.level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, logger: name, msg: message };
    for (const [key, value] of Object.entries(fields ?? {})) entry[key] = serialise(value);
    sink(redactSecrets(JSON.stringify(entry)), level);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (child) => createLogger({ ...options, sink, name: `${name}.${child}` }),
  };
}
