import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATABASE_URL, type Environment, loadConfig, readEnvironment } from '../../src/config.js';

const VALID: Environment = { SLACK_BOT_TOKEN: 'xoxb-1-valid', SLACK_APP_TOKEN: 'xapp-1-valid' };

/** The ConfigError loadConfig throws for `env`; fails the test if it does not throw one. */
function configErrorFor(env: Environment): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const problemFor = (error: ConfigError, variable: string) => error.problems.filter((p) => p.startsWith(`${variable} `));

describe('loadConfig', () => {
  it('in Socket Mode without any tokens throws one ConfigError naming both tokens and saying where to get them', () => {
    const error = configErrorFor({ SLACK_MODE: 'socket' });
    expect(error.problems).toHaveLength(2);
    const [bot] = problemFor(error, 'SLACK_BOT_TOKEN');
    const [app] = problemFor(error, 'SLACK_APP_TOKEN');
    expect(bot).toMatch(/missing/);
    expect(bot).toContain('xoxb-');
    expect(bot).toContain('OAuth & Permissions');
    expect(app).toMatch(/missing/);
    expect(app).toContain('xapp-');
    expect(app).toContain('connections:write');
    expect(app).toContain('SLACK_MODE=http');
    // The message a person reads lists both and says where settings go.
    expect(error.message).toContain('2 settings need attention');
    expect(error.message).toContain('SLACK_BOT_TOKEN');
    expect(error.message).toContain('SLACK_APP_TOKEN');
    expect(error.message).toContain('.env');
    expect(error.name).toBe('ConfigError');
  });

  it('treats blank values like missing ones', () => {
    const error = configErrorFor({ SLACK_MODE: 'socket', SLACK_BOT_TOKEN: '   ', SLACK_APP_TOKEN: '' });
    expect(problemFor(error, 'SLACK_BOT_TOKEN')).toEqual([expect.stringMatching(/missing/)]);
    expect(problemFor(error, 'SLACK_APP_TOKEN')).toEqual([expect.stringMatching(/missing/)]);
  });

  it('reports every malformed value at once', () => {
    const error = configErrorFor({
      SLACK_MODE: 'pigeon',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'xapp-1-valid',
      PORT: 'abc',
      DEFAULT_TIMEZONE: 'Mars/Base',
      SLACK_API_URL: 'nope',
      LOG_LEVEL: 'loud',
    });
    const variables = error.problems.map((p) => p.split(' ')[0]).sort();
    expect(variables).toEqual([
      'DEFAULT_TIMEZONE',
      'LOG_LEVEL',
      'PORT',
      'SLACK_API_URL',
      'SLACK_BOT_TOKEN',
      'SLACK_MODE',
    ]);
    expect(problemFor(error, 'SLACK_MODE')[0]).toMatch(/"socket".*"http"/);
    expect(problemFor(error, 'SLACK_BOT_TOKEN')[0]).toContain('"xoxb-"');
    expect(problemFor(error, 'PORT')[0]).toContain('65535');
    expect(problemFor(error, 'DEFAULT_TIMEZONE')[0]).toContain('IANA');
    expect(problemFor(error, 'SLACK_API_URL')[0]).toMatch(/http\(s\) URL/);
    expect(problemFor(error, 'LOG_LEVEL')[0]).toContain('debug, info, warn, error');
    expect(error.message).toContain('6 settings need attention');
    for (const problem of error.problems) expect(error.message).toContain(problem);
  });

  it.each(['70000', '65536', '-1', '3000.5', ' 80 80'])('refuses PORT %j', (port) => {
    const error = configErrorFor({ ...VALID, PORT: port });
    expect(error.problems).toEqual([expect.stringMatching(/^PORT must be a port number between 1 and 65535/)]);
    expect(error.message).toContain('1 setting needs attention');
  });

  it.each([
    ['DATABASE_POOL_SIZE', '0', /^DATABASE_POOL_SIZE must be a whole number of connections from 1 to 100/],
    ['DATABASE_POOL_SIZE', '101', /^DATABASE_POOL_SIZE must be a whole number of connections from 1 to 100/],
    ['DATABASE_POOL_SIZE', 'ten', /^DATABASE_POOL_SIZE must be a whole number of connections from 1 to 100/],
    ['SCHEDULER_INTERVAL_SECONDS', '0', /^SCHEDULER_INTERVAL_SECONDS must be a whole number of seconds from 1 to 60/],
    ['SCHEDULER_INTERVAL_SECONDS', '61', /^SCHEDULER_INTERVAL_SECONDS must be a whole number of seconds from 1 to 60/],
  ])('refuses %s=%j', (name, value, problem) => {
    expect(configErrorFor({ ...VALID, [name]: value }).problems).toEqual([expect.stringMatching(problem)]);
  });

  describe('the sandbox', () => {
    it('starts with no Slack setting at all, on its own database file whatever DATABASE_URL says', () => {
      const config = loadConfig({ PORT: '4000', DATABASE_URL: 'file:./data/loopkeeper.sqlite' });
      expect(config.sandbox).toBe(true);
      expect(config.databaseUrl).toBe('file:./data/sandbox.sqlite');
      expect(config.port).toBe(4000);
      expect(config.slack).toEqual({
        mode: 'socket',
        botToken: undefined,
        appToken: undefined,
        signingSecret: undefined,
        apiUrl: undefined,
      });
      expect(config.oauth).toBeUndefined();
      // Blank values are missing ones.
      expect(loadConfig({ SLACK_BOT_TOKEN: ' ', SLACK_APP_TOKEN: '' }).sandbox).toBe(true);
    });

    it('never starts by itself in production: missing secrets there fail and name the tokens', () => {
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SLACK_BOT_TOKEN/);
      expect(loadConfig({ NODE_ENV: 'production', SLACK_MODE: 'sandbox' }).sandbox).toBe(true);
    });

    it('is forced by SLACK_MODE=sandbox, even with tokens set', () => {
      const config = loadConfig({ ...VALID, SLACK_MODE: 'sandbox' });
      expect(config.sandbox).toBe(true);
      expect(config.slack.botToken).toBeUndefined();
      expect(config.databaseUrl).toBe('file:./data/sandbox.sqlite');
    });

    it('with tokens set, behaves exactly as before', () => {
      const config = loadConfig(VALID);
      expect(config.sandbox).toBeUndefined();
      expect(config.slack.mode).toBe('socket');
      expect(config.slack.botToken).toBe('xoxb-1-valid');
      expect(config.databaseUrl).toBe(DEFAULT_DATABASE_URL);
    });

    it('is not started by half a Slack app: one token, a signing secret or an OAuth setting keep their errors', () => {
      expect(configErrorFor({ SLACK_BOT_TOKEN: 'xoxb-1' }).problems).toEqual([
        expect.stringMatching(/^SLACK_APP_TOKEN is missing/),
      ]);
      expect(configErrorFor({ SLACK_APP_TOKEN: 'xapp-1' }).problems).toEqual([
        expect.stringMatching(/^SLACK_BOT_TOKEN is missing/),
      ]);
      expect(configErrorFor({ SLACK_SIGNING_SECRET: 'secret' }).problems.map((p) => p.split(' ')[0])).toEqual([
        'SLACK_BOT_TOKEN',
        'SLACK_APP_TOKEN',
      ]);
      expect(configErrorFor({ SLACK_CLIENT_ID: '1.2' }).problems).toEqual([
        expect.stringMatching(/^SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing/),
        expect.stringMatching(/^SLACK_BOT_TOKEN is missing/),
        expect.stringMatching(/^SLACK_APP_TOKEN is missing/),
      ]);
      expect(configErrorFor({ SLACK_MODE: 'http' }).problems.map((p) => p.split(' ')[0])).toEqual([
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
      ]);
    });

    it('still checks the settings it uses', () => {
      expect(configErrorFor({ PORT: 'abc' }).problems).toEqual([expect.stringMatching(/^PORT must be a port number/)]);
      expect(configErrorFor({ SLACK_MODE: 'pigeon' }).problems).toEqual([
        expect.stringMatching(/^SLACK_MODE must be "socket".*"http".*"sandbox"/),
        expect.stringMatching(/^SLACK_BOT_TOKEN is missing/),
      ]);
    });
  });

  describe('distributed mode (OAuth)', () => {
    const KEY = 'a'.repeat(64);
    const OAUTH = {
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'a-state-secret-of-16+',
      TOKEN_ENCRYPTION_KEY: KEY,
    };
    it('needs no bot token, and reads the keys', () => {
      const config = loadConfig({
        ...OAUTH,
        TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${'b'.repeat(64)}, ${Buffer.alloc(32, 7).toString('base64')}`,
      });
      expect(config.slack.botToken).toBeUndefined();
      expect(config.oauth).toEqual({
        clientId: '123.456',
        clientSecret: 'client-secret',
        stateSecret: 'a-state-secret-of-16+',
        tokenKey: Buffer.from(KEY, 'hex'),
        previousTokenKeys: [Buffer.from('b'.repeat(64), 'hex'), Buffer.alloc(32, 7)],
      });
    });
    it('refuses half of the OAuth settings, Socket Mode, a missing or short key, and a bot token beside them', () => {
      expect(configErrorFor({ ...VALID, SLACK_CLIENT_ID: '1.2' }).problems).toEqual([
        expect.stringMatching(
          /^SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing: installing into many workspaces/,
        ),
      ]);
      const { TOKEN_ENCRYPTION_KEY: _, ...withoutKey } = OAUTH;
      expect(configErrorFor({ ...withoutKey, SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xapp-1' }).problems).toEqual([
        expect.stringMatching(/^SLACK_MODE must be "http" when SLACK_CLIENT_ID is set/),
        expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is missing/),
      ]);
      expect(configErrorFor({ ...OAUTH, TOKEN_ENCRYPTION_KEY: 'short' }).problems).toEqual([
        expect.stringMatching(/^TOKEN_ENCRYPTION_KEY must be 32 random bytes/),
      ]);
      expect(configErrorFor({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' }).problems).toEqual([
        expect.stringMatching(/^SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID/),
      ]);
    });
  });

  it('reads DATABASE_POOL_SIZE and SCHEDULER_INTERVAL_SECONDS', () => {
    const config = loadConfig({ ...VALID, DATABASE_POOL_SIZE: '25', SCHEDULER_INTERVAL_SECONDS: '2' });
    expect([config.databasePoolSize, config.schedulerIntervalSeconds]).toEqual([25, 2]);
  });

  it('accepts PORT 0 (a free port) and 65535', () => {
    expect(loadConfig({ ...VALID, PORT: '0' }).port).toBe(0);
    expect(loadConfig({ ...VALID, PORT: ' 65535 ' }).port).toBe(65535);
  });

  it('refuses an app token that is not xapp- and a non-http(s) API URL', () => {
    const error = configErrorFor({
      ...VALID,
      SLACK_APP_TOKEN: 'xoxb-wrong-kind',
      SLACK_API_URL: 'ftp://slack.example/api/',
    });
    expect(error.problems.map((p) => p.split(' ')[0]).sort()).toEqual(['SLACK_API_URL', 'SLACK_APP_TOKEN']);
    expect(problemFor(error, 'SLACK_APP_TOKEN')[0]).toContain('"xapp-"');
  });

  it('HTTP mode requires SLACK_SIGNING_SECRET but not SLACK_APP_TOKEN', () => {
    const error = configErrorFor({ SLACK_MODE: 'http', SLACK_BOT_TOKEN: 'xoxb-1-valid' });
    expect(error.problems).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET is missing: .*Signing Secret/)]);

    const config = loadConfig({
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-1-valid',
      SLACK_SIGNING_SECRET: ' s3cret ',
    });
    expect(config.slack).toEqual({
      mode: 'http',
      botToken: 'xoxb-1-valid',
      appToken: undefined,
      signingSecret: 's3cret',
      apiUrl: undefined,
    });
  });

  it('Socket Mode does not require a signing secret', () => {
    expect(loadConfig(VALID).slack.signingSecret).toBeUndefined();
  });

  it('adds a trailing slash to SLACK_API_URL and keeps an existing one', () => {
    expect(loadConfig({ ...VALID, SLACK_API_URL: 'http://127.0.0.1:4000/api' }).slack.apiUrl).toBe(
      'http://127.0.0.1:4000/api/',
    );
    expect(loadConfig({ ...VALID, SLACK_API_URL: 'https://slack.com/api/' }).slack.apiUrl).toBe(
      'https://slack.com/api/',
    );
  });

  it('fills in the defaults', () => {
    expect(loadConfig(VALID)).toEqual({
      slack: {
        mode: 'socket',
        botToken: 'xoxb-1-valid',
        appToken: 'xapp-1-valid',
        signingSecret: undefined,
        apiUrl: undefined,
      },
      port: 3000,
      databaseUrl: 'file:./data/loopkeeper.sqlite',
      databasePoolSize: 10,
      logLevel: 'info',
      defaultTimeZone: 'UTC',
      schedulerIntervalSeconds: 60,
      dataRetentionDays: 30,
    });
    expect(DEFAULT_DATABASE_URL).toBe('file:./data/loopkeeper.sqlite');
    // Blank values fall back to the defaults as well.
    const blanks = loadConfig({
      ...VALID,
      SLACK_MODE: ' ',
      PORT: '',
      DATABASE_URL: '  ',
      LOG_LEVEL: '',
      DEFAULT_TIMEZONE: '',
    });
    expect(blanks).toEqual(loadConfig(VALID));
  });

  it('takes explicit values, trimmed', () => {
    const config = loadConfig({
      ...VALID,
      PORT: '8080',
      DATABASE_URL: ' file:/var/lib/loopkeeper.sqlite ',
      LOG_LEVEL: 'debug',
      DEFAULT_TIMEZONE: 'Europe/Berlin',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'file:/var/lib/loopkeeper.sqlite',
      logLevel: 'debug',
      defaultTimeZone: 'Europe/Berlin',
    });
  });
});

describe('readEnvironment', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-config-'));
    dirs.push(dir);
    return dir;
  };

  it('reads a .env file, and a variable set in the real environment wins over it', () => {
    const dir = tempDir();
    const dotenvPath = join(dir, '.env');
    writeFileSync(
      dotenvPath,
      [
        '# Loopkeeper settings',
        'SLACK_BOT_TOKEN=xoxb-from-dotenv',
        'SLACK_APP_TOKEN="xapp-from-dotenv"',
        'PORT=4000',
        'LOG_LEVEL=debug',
        '',
      ].join('\n'),
    );
    const env = readEnvironment({ PORT: '5000', OTHER: 'kept' }, dotenvPath);
    expect(env).toMatchObject({
      SLACK_BOT_TOKEN: 'xoxb-from-dotenv',
      SLACK_APP_TOKEN: 'xapp-from-dotenv',
      LOG_LEVEL: 'debug',
      PORT: '5000',
      OTHER: 'kept',
    });

    const config = loadConfig(env);
    expect(config.slack.botToken).toBe('xoxb-from-dotenv');
    expect(config.port).toBe(5000);
    expect(config.logLevel).toBe('debug');
  });

  it('refuses a .env that is a folder with a ConfigError naming it', () => {
    const dotenvPath = join(tempDir(), '.env');
    mkdirSync(dotenvPath);
    let error: unknown;
    try {
      readEnvironment({}, dotenvPath);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `.env (${dotenvPath}) is not a regular file: make it a text file of NAME=value lines, or remove it`,
    ]);
  });

  it('without a .env file returns a copy of the environment', () => {
    const given = { SLACK_BOT_TOKEN: 'xoxb-env' };
    const env = readEnvironment(given, join(tempDir(), '.env'));
    expect(env).toEqual(given);
    expect(env).not.toBe(given);
  });
});
