import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { section } from '../../src/slack/blocks.js';
import { createNotifier, NOTIFIER_LIMITS } from '../../src/slack/notifier.js';
import { createPacer } from '../../src/slack/pacing/pacer.js';
import { retryAfterOf } from '../../src/slack/pacing/slack-calls.js';
import { SlackDouble } from '../../src/slack-double/index.js';
import { createFakeTimer } from './pacing/fake-timer.js';

const START = Date.UTC(2026, 11, 2, 9, 0, 0);
const SALES = 'C0SALES';
const EVENT = 'loopkeeper_test_delivery';
const withId = (text: string, id: number) => ({
  text,
  blocks: [section(text)],
  metadata: { event_type: EVENT, event_payload: { delivery_id: id } },
});
const ours = (id: number) => (payload: Record<string, unknown>) => Number(payload.delivery_id) === id;

let double: SlackDouble | undefined;
afterEach(async () => {
  await double?.stop();
  double = undefined;
});

/** The notifier on a plain client against the double, its pacer on a clock the test moves. */
async function setup() {
  const time = createFakeTimer(START);
  double = await SlackDouble.start({ now: time.now });
  double.addChannel({ id: SALES, name: 'sales' });
  const client = new webApi.WebClient(double.botToken, {
    slackApiUrl: double.apiUrl,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
  });
  const logger = createLogger({ level: 'error', sink: () => {} });
  const pacer = createPacer({ timer: time.timer, limits: NOTIFIER_LIMITS, retryAfterOf, headroom: 1 });
  return { double, time, client, notifier: createNotifier(client, logger, { pacer }) };
}

describe('notifier lookups', () => {
  it("finds a post by its metadata in the channel's history, and a reply in its thread", async () => {
    const { notifier } = await setup();
    const parent = await notifier.postMessage(SALES, withId('Account card', 1));
    if (!parent.ok) throw new Error('the card was not posted');
    const reply = await notifier.postMessage(SALES, { ...withId('Reminder', 2), thread_ts: parent.ts });
    if (!reply.ok) throw new Error('the reminder was not posted');

    expect(await notifier.findByMetadata(SALES, EVENT, ours(1))).toBe(parent.ts);
    // A reply is not in the channel's history: only its thread has it.
    expect(await notifier.findByMetadata(SALES, EVENT, ours(2))).toBeUndefined();
    expect(await notifier.findByMetadata(SALES, EVENT, ours(2), { threadTs: parent.ts })).toBe(reply.ts);
    expect(await notifier.findByMetadata(SALES, EVENT, ours(3), { threadTs: parent.ts })).toBeUndefined();
  });

  it('waits out a 429 on a lookup in its own lane: other calls go at once, then the same lookup is asked again', async () => {
    const { double, time, client, notifier } = await setup();
    const posted = await notifier.postMessage(SALES, withId('Account card', 1));
    if (!posted.ok) throw new Error('the card was not posted');
    double.failNext('conversations.history', { status: 429, retryAfterSeconds: 30 });

    const lookup = notifier.findByMetadata(SALES, EVENT, ours(1));
    await double.waitForCall('conversations.history', (c) => c.status === 429);
    // The SDK would have paused every call of this client for 30 s; here none waits, in the same channel or not.
    expect(await notifier.postMessage(SALES, withId('Another card', 2))).toMatchObject({ ok: true });
    expect(await notifier.permalink(SALES, posted.ts)).toContain(posted.ts.replace('.', ''));
    expect((await client.auth.test()).ok).toBe(true);
    expect(time.now()).toBe(START);

    while (time.sleeping() === 0) await time.settle();
    await time.advanceTo(START + 30_000);
    expect(await lookup).toBe(posted.ts);
    expect(double.callsTo('conversations.history').map((c) => [c.status, c.at - START])).toEqual([
      [429, 0],
      [200, 30_000],
    ]);
  });

  it('answers a permalink refused with 429 with no link at once, so the text can name the channel instead', async () => {
    const { double, time, notifier } = await setup();
    const posted = await notifier.postMessage(SALES, withId('Account card', 1));
    if (!posted.ok) throw new Error('the card was not posted');
    double.failNext('chat.getPermalink', { status: 429, retryAfterSeconds: 30 });

    expect(await notifier.permalink(SALES, posted.ts)).toBeUndefined();
    expect(double.callsTo('chat.getPermalink').map((c) => c.status)).toEqual([429]);
    expect(time.sleeping()).toBe(0);
    // Nothing stays paused after it.
    expect(await notifier.permalink(SALES, posted.ts)).toBeDefined();
  });
});
