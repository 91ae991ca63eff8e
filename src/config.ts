import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { count, noun } from './domain/text/plural.js';
import { isIanaTimeZone } from './domain/time/time-zone.js';
import type { LogLevelName } from './logging/logger.js';
import { parseKey } from './slack/installations/token-cipher.js';

export type SlackMode = 'socket' | 'http';

export interface Config {
  /**
   * Set when no Slack app is configured (or SLACK_MODE=sandbox): Loopkeeper runs against an in-process Slack
   * workspace served in the browser (src/sandbox), on its own database file.
   */
  sandbox?: boolean;
  slack: {
    mode: SlackMode;
    /** Single-workspace mode's token; undefined in distributed mode, where each installation has its own. */
    botToken: string | undefined;
    appToken: string | undefined;
    signingSecret: string | undefined;
    /** Base URL of Slack's Web API, ending in '/'; undefined means Slack's default. */
    apiUrl: string | undefined;
  };
  port: number;
  /** Where the HTTP server listens; undefined: every interface. The sandbox keeps it on 127.0.0.1. */
  httpHost?: string | undefined;
  databaseUrl: string;
  databasePoolSize: number;
  logLevel: LogLevelName;
  defaultTimeZone: string;
  /** Bearer token for POST /api/mqa; undefined: the endpoint answers 503. */
  ingestToken?: string | undefined;
  /** After this many ms without Slack's answer, a person waiting for their summary hears it is on its way; undefined: 5 s. */
  slowPostNoticeMs?: number | undefined;
  schedulerIntervalSeconds: number;
  /** Set when Loopkeeper is installed into many workspaces through OAuth (distributed mode). */
  oauth?: OAuthConfig | undefined;
  /** Days an uninstalled workspace's data is kept before the purge job deletes it. */
  dataRetentionDays: number;
}

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  tokenKey: Buffer;
  previousTokenKeys: Buffer[];
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

const TOKEN_KEY_FORM = '32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)';
const TOKEN_KEY_HINT = `must be ${TOKEN_KEY_FORM}`;

export const DEFAULT_DATABASE_URL = 'file:./data/loopkeeper.sqlite';
/** The sandbox never touches the real database, whatever DATABASE_URL says. */
export const SANDBOX_DATABASE_URL = 'file:./data/sandbox.sqlite';

const optionalText = z
  .string()
  .transform((v) => v.trim())
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  SLACK_MODE: optionalText.pipe(
    z
      .enum(['socket', 'http', 'sandbox'], {
        error: 'must be "socket" (the default with tokens), "http", or "sandbox" (a local workspace in the browser)',
      })
      .optional(),
  ),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .startsWith('xoxb-', { error: 'must be a bot token starting with "xoxb-" (Slack app -> "OAuth & Permissions")' })
      .optional(),
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
  // Distributed mode (OAuth install into many workspaces): all three together.
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText.pipe(
    z.string().min(16, { error: 'must be at least 16 random characters (it signs the OAuth state)' }).optional(),
  ),
  TOKEN_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .refine((key) => parseKey(key) !== undefined, { error: TOKEN_KEY_HINT })
      .transform((key) => parseKey(key) as Buffer)
      .optional(),
  ),
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: optionalText.pipe(
    z
      .string()
      .transform((keys) => keys.split(',').map((key) => key.trim()))
      .refine((keys) => keys.every((key) => parseKey(key) !== undefined), {
        error: `must be a comma-separated list of retired keys, each ${TOKEN_KEY_FORM}`,
      })
      .transform((keys) => keys.map((key) => parseKey(key) as Buffer))
      .optional(),
  ),
  DATA_RETENTION_DAYS: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,4}$/, { error: 'must be a whole number of days from 0 to 3650 (default 30)' })
      .transform(Number)
      .refine((days) => days <= 3650, { error: 'must be a whole number of days from 0 to 3650 (default 30)' })
      .default(30),
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
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
/** Any of these says a real Slack app is meant; with none of them (and no SLACK_MODE) the sandbox starts. */
const SLACK_APP_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', ...OAUTH_VARIABLES] as const;

/**
 * The sandbox runs when asked for (SLACK_MODE=sandbox), or when nothing of a Slack app is set and no mode is
 * chosen: a newcomer's `npm start` then opens a workspace in the browser instead of failing. An explicit
 * SLACK_MODE=socket or http without tokens keeps the errors that say which token is missing.
 */
export function isSandboxEnvironment(env: Environment): boolean {
  const mode = env.SLACK_MODE?.trim() ?? '';
  if (mode === 'sandbox') return true;
  // A production deploy whose secrets did not arrive must fail and say which, not come up as a sandbox.
  if (env.NODE_ENV?.trim() === 'production') return false;
  return mode === '' && SLACK_APP_VARIABLES.every((name) => !present(env[name]));
}

/** Checks between variables; run on the raw environment so they are reported alongside the per-variable problems. */
function modeProblems(env: Environment): string[] {
  const mode = env.SLACK_MODE?.trim() || 'socket';
  const problems: string[] = [];
  const oauth = OAUTH_VARIABLES.filter((name) => present(env[name]));
  if (oauth.length > 0 && oauth.length < OAUTH_VARIABLES.length) {
    const missing = OAUTH_VARIABLES.filter((name) => !oauth.includes(name));
    problems.push(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: installing into many workspaces (OAuth) needs ${OAUTH_VARIABLES.join(', ')} together; unset ${oauth.join(' and ')} to serve one workspace with SLACK_BOT_TOKEN`,
    );
  }
  if (oauth.length === OAUTH_VARIABLES.length) {
    if (mode !== 'http') {
      problems.push(
        'SLACK_MODE must be "http" when SLACK_CLIENT_ID is set: an app installed into many workspaces takes Slack\'s requests over HTTPS (Slack\'s Marketplace does not accept Socket Mode apps)',
      );
    }
    if (!present(env.TOKEN_ENCRYPTION_KEY)) {
      problems.push(
        `TOKEN_ENCRYPTION_KEY is missing: installing into many workspaces stores their bot tokens, encrypted with this key; ${TOKEN_KEY_FORM}`,
      );
    }
    if (present(env.SLACK_BOT_TOKEN)) {
      problems.push(
        "SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID: each workspace's token comes from its installation; unset SLACK_BOT_TOKEN, or unset the SLACK_CLIENT_* variables to serve one workspace",
      );
    }
  } else if (!present(env.SLACK_BOT_TOKEN)) {
    problems.push(
      'SLACK_BOT_TOKEN is missing: set it to the Bot User OAuth Token (xoxb-...) from your Slack app\'s "OAuth & Permissions" page',
    );
  }
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
  const sandbox = isSandboxEnvironment(env);
  const parsed = schema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`)),
    // The sandbox is its own Slack: the tokens and OAuth settings of a real app do not apply to it.
    ...(sandbox ? [] : modeProblems(env)),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  if (sandbox) {
    return {
      ...commonConfig(e),
      sandbox: true,
      // The sandbox's Slack is in-process; src/sandbox fills in its tokens and URL when it starts it.
      slack: { mode: 'socket', botToken: undefined, appToken: undefined, signingSecret: undefined, apiUrl: undefined },
      databaseUrl: SANDBOX_DATABASE_URL,
      oauth: undefined,
    };
  }
  return {
    ...commonConfig(e),
    slack: {
      mode: e.SLACK_MODE === 'http' ? 'http' : 'socket',
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
    },
    databaseUrl: e.DATABASE_URL,
    oauth:
      e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET && e.TOKEN_ENCRYPTION_KEY
        ? {
            clientId: e.SLACK_CLIENT_ID,
            clientSecret: e.SLACK_CLIENT_SECRET,
            stateSecret: e.SLACK_STATE_SECRET,
            tokenKey: e.TOKEN_ENCRYPTION_KEY,
            previousTokenKeys: e.TOKEN_ENCRYPTION_PREVIOUS_KEYS ?? [],
          }
        : undefined,
  };
}

/** The settings that mean the same with a real Slack app and in the sandbox. */
function commonConfig(e: z.infer<typeof schema>) {
  return {
    port: e.PORT,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    ingestToken: e.INGEST_TOKEN,
    slowPostNoticeMs: e.SLOW_POST_NOTICE_MS,
    schedulerIntervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
    dataRetentionDays: e.DATA_RETENTION_DAYS,
  };
}
