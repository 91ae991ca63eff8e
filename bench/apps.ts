import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackDouble } from '../src/slack-double/index.js';
import { buildOnce, bundleOnce, childEnv, MAIN_JS, spawnNode } from './child.js';

/** An app the interaction benchmark drives, in its own process (like a real deployment, apart from "Slack"). */
export interface AppUnderTest {
  name: string;
  /** Lines the app wrote to stderr (warnings and errors; should stay empty). */
  errors(): string[];
  /** What the app printed on stdout so far. */
  stdout(): string;
  stop(): Promise<void>;
}

/** A temp folder with a real SQLite file, as the tests use; removed by the returned cleanup. */
export function tempDatabase(prefix = 'loopkeeper-bench-'): { url: string; path: string; dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'loopkeeper.sqlite');
  return { url: `file:${path}`, path, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function slackEnv(double: SlackDouble): Record<string, string> {
  return { SLACK_BOT_TOKEN: double.botToken, SLACK_APP_TOKEN: double.appToken, SLACK_API_URL: double.apiUrl };
}

async function startProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  double: SlackDouble,
  cleanup = () => {},
): Promise<AppUnderTest> {
  const app = spawnNode(script, childEnv(env));
  const errors = () =>
    app
      .stderr()
      .split('\n')
      .filter((line) => line.trim() !== '');
  try {
    // An app that crashes at start-up fails the run at once instead of after the connection timeout.
    const crashed = app.closed().then((code) => {
      throw new Error(`exited with code ${code} before connecting`);
    });
    crashed.catch(() => {}); // also rejects when the app is stopped later: nothing to report then
    await Promise.race([double.waitForConnection(30_000), crashed]);
  } catch (error) {
    await app.stop();
    cleanup();
    throw new Error(`${name} did not connect: ${(error as Error).message}\n${app.stderr()}`);
  }
  return {
    name,
    errors,
    stdout: () => app.stdout(),
    async stop() {
      await app.stop();
      cleanup();
    },
  };
}

/**
 * The real Loopkeeper as `npm start` runs it: `node dist/src/main.js`, built first (real Bolt App over Socket Mode, a
 * real SQLite file in a temp folder) with production settings: system clock, the SDK's default retry policy,
 * scheduler on.
 */
export function startLoopkeeperProcess(double: SlackDouble): Promise<AppUnderTest> {
  buildOnce();
  const database = tempDatabase();
  const env = { ...slackEnv(double), DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'warn' };
  return startProcess('loopkeeper', MAIN_JS, env, double, database.remove);
}

/** The bare Bolt baseline (bench/baseline-main.ts) in its own process, bundled as Loopkeeper is. */
export async function startBareBoltProcess(
  double: SlackDouble,
  env: Record<string, string> = {},
): Promise<AppUnderTest> {
  return startProcess('bare Bolt', await bundleOnce('baseline-main'), { ...slackEnv(double), ...env }, double);
}
