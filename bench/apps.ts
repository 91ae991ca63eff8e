import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import {
  compareAssessments,
  DIMENSION_KEYS,
  type DimensionKey,
  scoreAssessment,
} from '../src/features/assessment/domain/index.js';
import { assessModal } from '../src/features/assessment/slack/blocks/assess-modal.js';
import { assessmentSummaryMessage } from '../src/features/assessment/slack/blocks/summary.js';
import { ASSESS_BLOCK, ASSESS_VIEW } from '../src/features/assessment/slack/ids.js';
import { COMMAND, INPUT_ACTION } from '../src/slack/ids.js';
import type { SlackDouble } from '../src/slack-double/index.js';
import { childEnv, MAIN, ROOT, spawnTsx } from './child.js';

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
  const app = spawnTsx(script, childEnv(env));
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
 * The real Loopkeeper: `tsx src/main.ts` (startLoopkeeper: real Bolt App over Socket Mode, a real SQLite file in a
 * temp folder) with production settings: system clock, the SDK's default retry policy, scheduler on.
 */
export function startLoopkeeperProcess(double: SlackDouble): Promise<AppUnderTest> {
  const database = tempDatabase();
  const env = { ...slackEnv(double), DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'warn' };
  return startProcess('loopkeeper', MAIN, env, double, database.remove);
}

/** The bare Bolt baseline (bench/baseline-main.ts) in its own process. */
export function startBareBoltProcess(double: SlackDouble, env: Record<string, string> = {}): Promise<AppUnderTest> {
  return startProcess('bare Bolt', join(ROOT, 'bench', 'baseline-main.ts'), { ...slackEnv(double), ...env }, double);
}

/** Bolt's errors go to stderr, which the bench counts; the rest is dropped. */
function quietBoltLogger(): BoltLogger {
  let level = LogLevel.ERROR;
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...msg: unknown[]) => process.stderr.write(`${msg.map(String).join(' ')}\n`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** A summary message of the same shape and size as Loopkeeper's, built once. */
function staticSummaryMessage() {
  const scores = Object.fromEntries(DIMENSION_KEYS.map((key, i) => [key, (i % 5) + 1])) as Record<DimensionKey, number>;
  const scored = scoreAssessment({ scores, redFlags: [], segment: 'plg_sales_assist' });
  return assessmentSummaryMessage({
    assessment: {
      id: 1,
      teamId: 'T0TEST',
      userId: 'U0BASELINE',
      segment: 'plg_sales_assist',
      scores,
      notes: {},
      redFlags: [],
      originChannelId: null,
      targetChannelId: 'C0BASELINE',
      sourceViewId: null,
      createdAt: new Date('2026-11-23T10:00:00Z'),
      postedChannelId: null,
      postedTs: null,
      postError: null,
    },
    scored,
    previous: undefined,
    comparison: compareAssessments(scored, undefined),
  });
}

/**
 * The floor: a bare Bolt App that acks `/loop` and opens a static modal (the assessment modal, built once, so
 * Slack-side validation and transfer cost the same), and on submission acks and posts a static message of the
 * summary's size to the chosen channel. No database, no per-request building.
 */
export function bareBoltApp(slack: { botToken: string; appToken: string; apiUrl: string }): App {
  const app = new App({
    socketMode: true,
    token: slack.botToken,
    appToken: slack.appToken,
    logger: quietBoltLogger(),
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  const modal = assessModal({ segment: null, channelId: null, privateMetadata: '' });
  const summary = staticSummaryMessage();

  app.command(COMMAND, async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: modal });
  });
  app.view(ASSESS_VIEW.modal, async ({ ack, view, client }) => {
    await ack();
    const channel = view.state.values[ASSESS_BLOCK.channel]?.[INPUT_ACTION]?.selected_conversation;
    if (channel) await client.chat.postMessage({ channel, ...summary });
  });
  return app;
}
