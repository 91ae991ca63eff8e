import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { count, noun } from './domain/text/plural.js';
import { isIanaTimeZone } from './domain/time/time-zone.js';
import type { LogLevelName } from './logging/logger.js';

export type SlackMode = 'socket' | 'http';

export interface Config {
  slack: {
    mode: SlackMode;
    botToken: string;
    appToken: string | undefined;
    signingSecret: string | undefined;
    /** Base URL of Slack's Web API, ending in '/'; undefined means Slack's default. */
    apiUrl: string | undefined;
  };
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  logLevel: LogLevelName;
  defaultTimeZone: string;
  /** Bearer token for POST /api/mqa; undefined: the endpoint answers 503. */
  ingestToken?: string | undefined;
  /** After this many ms without Slack's answer, a person waiting for their summary hears it is on its way; undefined: 5 s. */
  slowPostNoticeMs?: number | undefined;
  schedulerIntervalSeconds: number;
}

/** Thrown with every problem at once, so a person fixes the environment in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Loopkeeper cannot start: ${count(problems.length, 'setting')} ${noun(problems.length, 'needs', 'need')} attention.\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}\n` +
        'Set them in the environment or in a .env file next to package.json (see README.md, "Configuration").',
    );
    this.name = 'ConfigError';
  }
}

export const DEFAULT_DATABASE_URL = 'file:./data/loopkeeper.sqlite';

const optionalText = z
  .string()
  .transform((v) => v.trim())
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  SLACK_MODE: optionalText.pipe(
    z.enum(['socket', 'http'], { error: 'must be "socket" (the default) or "http"' }).default('socket'),
  ),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string({
        error:
          'is missing: set it to the Bot User OAuth Token (xoxb-...) from your Slack app\'s "OAuth & Permissions" page',
      })
      .startsWith('xoxb-', { error: 'must be a bot token starting with "xoxb-" (Slack app -> "OAuth & Permissions")' }),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .startsWith('xapp-', {
        error:
          'must be an app-level token starting with "xapp-" (Slack app -> "Basic Information" -> "App-Level Tokens", scope connections:write)',
      })
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: 'must be a port number between 1 and 65535 (0 picks a free one)' })
      .transform(Number)
      .refine((port) => port <= 65535, { error: 'must be a port number between 1 and 65535 (0 picks a free one)' })
      .default(3000),
  ),
  DATABASE_URL: optionalText.pipe(z.string().default(DEFAULT_DATABASE_URL)),
  // PostgreSQL connections per instance; SQLite has one connection and ignores it.
  DATABASE_POOL_SIZE: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,3}$/, { error: 'must be a whole number of connections from 1 to 100 (default 10)' })
      .transform(Number)
      .refine((size) => size >= 1 && size <= 100, {
        error: 'must be a whole number of connections from 1 to 100 (default 10)',
      })
      .default(10),
  ),
  LOG_LEVEL: optionalText.pipe(
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info'),
  ),
  DEFAULT_TIMEZONE: optionalText.pipe(
    z
      .string()
      .refine(isIanaTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin or America/New_York' })
      .default('UTC'),
  ),
  // Bearer token for POST /api/mqa (CRM ingest); unset turns the endpoint off.
  INGEST_TOKEN: optionalText.pipe(
    z.string().min(16, { error: 'must be at least 16 characters (it guards POST /api/mqa)' }).optional(),
  ),
  // How often due work is looked for; a minute suits people, a test of several instances wants seconds.
  SCHEDULER_INTERVAL_SECONDS: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,2}$/, { error: 'must be a whole number of seconds from 1 to 60 (default 60)' })
      .transform(Number)
      .refine((seconds) => seconds >= 1 && seconds <= 60, {
        error: 'must be a whole number of seconds from 1 to 60 (default 60)',
      })
      .default(60),
  ),
  SLOW_POST_NOTICE_MS: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,6}$/, { error: 'must be a whole number of milliseconds from 0 to 600000 (default 5000)' })
      .transform(Number)
      .refine((ms) => ms <= 600_000, {
        error: 'must be a whole number of milliseconds from 0 to 600000 (default 5000)',
      })
      .optional(),
  ),
});

const present = (value: string | undefined) => value !== undefined && value.trim() !== '';

/** Checks between variables; run on the raw environment so they are reported alongside the per-variable problems. */
function modeProblems(env: Environment): string[] {
  const mode = env.SLACK_MODE?.trim() || 'socket';
  const problems: string[] = [];
  if (mode === 'socket' && !present(env.SLACK_APP_TOKEN)) {
    problems.push(
      'SLACK_APP_TOKEN is missing: Socket Mode (the default) needs an app-level token (xapp-...) from "Basic Information" -> "App-Level Tokens" with scope connections:write; or set SLACK_MODE=http',
    );
  }
  if (mode === 'http' && !present(env.SLACK_SIGNING_SECRET)) {
    problems.push(
      'SLACK_SIGNING_SECRET is missing: HTTP mode needs the Signing Secret from your Slack app\'s "Basic Information" page',
    );
  }
  return problems;
}

export type Environment = Record<string, string | undefined>;

/** Reads `.env` (when present) under the real environment: a variable set in the environment wins. */
export function readEnvironment(env: Environment = process.env, dotenvPath = '.env'): Environment {
  let isFile: boolean;
  try {
    isFile = statSync(dotenvPath).isFile();
  } catch {
    return { ...env };
  }
  // Reading a named pipe would wait forever for a writer, and a folder cannot be read at all.
  if (!isFile)
    throw new ConfigError([
      `.env (${resolve(dotenvPath)}) is not a regular file: make it a text file of NAME=value lines, or remove it`,
    ]);
  return { ...parseDotenv(readFileSync(dotenvPath)), ...env };
}

export function loadConfig(env: Environment): Config {
  const parsed = schema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`)),
    ...modeProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    slack: {
      mode: e.SLACK_MODE,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    ingestToken: e.INGEST_TOKEN,
    slowPostNoticeMs: e.SLOW_POST_NOTICE_MS,
    schedulerIntervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
  };
}
