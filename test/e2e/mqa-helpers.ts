import { afterEach } from 'vitest';
import { type Loopkeeper, startLoopkeeper } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { SlackDouble } from '../../src/slack-double/index.js';
import { ALICE, BOB_ADMIN, GENERAL } from '../helpers/loopkeeper.js';
import { testDatabase } from '../helpers/test-database.js';

export const REVIEW = 'C0MQAREVIEW';
export const SALES_EMEA = 'C0SALESEMEA';
export const SALES_DIRECT = 'C0SALESDIRECT';
export const SALES_DEFAULT = 'C0SALES';
export const ESCALATIONS = 'C0ESCALATE';
export const CAROL_REVIEWER = 'U0CAROL';
export const DAVE_SELLER = 'U0DAVE';
export const ERIN_SELLER = 'U0ERIN';

/** Channels and people of an MQA setup. */
export function seedMqaWorkspace(double: SlackDouble): void {
  double.addUser({ id: CAROL_REVIEWER, name: 'carol' });
  double.addUser({ id: DAVE_SELLER, name: 'dave' });
  double.addUser({ id: ERIN_SELLER, name: 'erin' });
  for (const [id, name] of [
    [REVIEW, 'mqa-review'],
    [SALES_EMEA, 'sales-emea'],
    [SALES_DIRECT, 'sales-direct'],
    [SALES_DEFAULT, 'sales'],
    [ESCALATIONS, 'sales-escalations'],
  ] as const) {
    double.addChannel({ id, name });
  }
}

export async function openModal(double: SlackDouble, userId: string, text: string) {
  const before = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text, userId, channelId: GENERAL });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before);
  const view = double.topView(userId);
  if (!view) throw new Error(`no modal open after /loop ${text}`);
  return view;
}

/** Bob (workspace admin) saves MQA settings and two routing rules through the modals. */
export async function configureMqa(
  double: SlackDouble,
  idle: () => Promise<void>,
  overrides: Record<string, unknown> = {},
) {
  const settings = await openModal(double, BOB_ADMIN, 'mqa settings');
  await double.submitView({
    userId: BOB_ADMIN,
    viewId: settings.id,
    values: {
      'mqa_review_channel/value': REVIEW,
      'mqa_reviewers/value': [CAROL_REVIEWER],
      'mqa_default_channel/value': SALES_DEFAULT,
      'mqa_escalation_channel/value': ESCALATIONS,
      ...overrides,
    },
  });
  await idle();
  for (const rule of [
    {
      'mqa_region/value': 'EMEA',
      'mqa_route_channel/value': SALES_EMEA,
      'mqa_route_owners/value': [DAVE_SELLER, ERIN_SELLER],
    },
    { 'mqa_route_source/value': 'intent_signal', 'mqa_route_channel/value': SALES_DIRECT },
  ]) {
    const routes = await openModal(double, BOB_ADMIN, 'mqa routes');
    await double.submitView({ userId: BOB_ADMIN, viewId: routes.id, values: rule });
    await idle();
  }
}

export async function addAccount(
  double: SlackDouble,
  idle: () => Promise<void>,
  userId: string,
  values: Record<string, unknown>,
) {
  const view = await openModal(double, userId, 'mqa add');
  const result = await double.submitView({ userId, viewId: view.id, values });
  await idle();
  return { view, ack: result.ack };
}

/** Carol validates the review post at `reviewTs` with strong presales answers, so the account is shared with Sales. */
export async function validateReview(double: SlackDouble, idle: () => Promise<void>, reviewTs: string) {
  const before = double.callsTo('views.open').length;
  await double.blockAction({
    userId: CAROL_REVIEWER,
    actionId: 'mqa_validate',
    channelId: REVIEW,
    messageTs: reviewTs,
  });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before);
  await double.submitView({
    userId: CAROL_REVIEWER,
    viewId: double.topView(CAROL_REVIEWER)!.id,
    values: { 'mqa_icp/value': 'strong', 'mqa_relevance/value': 'strong', 'mqa_strategic_fit/value': 'strong' },
  });
  await idle();
}

/** The ingest token the MQA tests start Loopkeeper with (`INGEST_TOKEN`). */
export const INGEST_TOKEN = 'ingest-token-0123456789abcdef';

/** POST /api/mqa as a CRM would: JSON (or a raw string body) with the bearer token; `null` sends none. */
export async function postMqa(port: number, body: unknown, token: string | null = INGEST_TOKEN) {
  const response = await fetch(`http://127.0.0.1:${port}/api/mqa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

export const messagesIn = (double: SlackDouble, channel: string) => double.channel(channel)?.messages ?? [];

/**
 * Like useLoopkeeper, but the clock moves on by a millisecond every time it is read, as a real clock does while work
 * happens: a tick's start and what the tick stamps later are different instants, which a still test clock hides.
 */
export function useLoopkeeperOnRunningClock() {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return async function start(options: { env?: Record<string, string>; start?: Date } = {}) {
    const double = await SlackDouble.start();
    const database = await testDatabase();
    const { url } = database;
    let app: Loopkeeper | undefined;
    cleanups.push(async () => {
      await app?.stop();
      await double.stop();
      await database.dispose();
    });
    double.addUser({ id: ALICE, name: 'alice', tz: 'Europe/Berlin' });
    double.addUser({ id: BOB_ADMIN, name: 'bob', isAdmin: true });
    double.addChannel({ id: GENERAL, name: 'general' });
    let at = (options.start ?? new Date('2026-11-23T10:00:00Z')).getTime();
    const clock = {
      now: () => new Date(at++),
      advance: (ms: number) => {
        at += ms;
      },
    };
    const config = loadConfig({
      SLACK_BOT_TOKEN: double.botToken,
      SLACK_APP_TOKEN: double.appToken,
      SLACK_API_URL: double.apiUrl,
      DATABASE_URL: url,
      PORT: '0',
      LOG_LEVEL: 'error',
      ...options.env,
    });
    const logLines: string[] = [];
    app = await startLoopkeeper(config, {
      logger: createLogger({ level: 'debug', sink: (line) => logLines.push(line) }),
      clock: clock.now,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
      schedule: false,
    });
    await double.waitForConnection();
    return { double, app, clock, logLines, databaseUrl: url };
  };
}
