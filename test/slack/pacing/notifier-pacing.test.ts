import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createSlackRuntime } from '../../../src/slack/app.js';
import { section } from '../../../src/slack/blocks.js';
import { createNotifier } from '../../../src/slack/notifier.js';
import { createPacer } from '../../../src/slack/pacing/pacer.js';
import { retryAfterOf } from '../../../src/slack/pacing/slack-calls.js';
import { distributedWorkspaces } from '../../../src/slack/workspaces.js';
import { SlackDouble } from '../../../src/slack-double/index.js';
import { createFakeTimer } from './fake-timer.js';

const START = Date.UTC(2026, 11, 2, 9, 0, 0);
const CHANNELS = Array.from({ length: 10 }, (_, i) => `C0SALES${i}`);
const PAUSED = CHANNELS[0] as string;
const message = (text: string) => ({ text, blocks: [section(text)] });

let double: SlackDouble | undefined;
afterEach(async () => {
  await double?.stop();
  double = undefined;
});

/**
 * The double and the pacer on one clock the test moves; HTTP is real. Time moves only when every channel with
 * posts still open waits on the clock (a call in flight has not, yet), so each post lands at the time it would.
 */
async function pacedSetup() {
  const time = createFakeTimer(START);
  double = await SlackDouble.start({ now: time.now });
  for (const [i, id] of CHANNELS.entries()) double.addChannel({ id, name: `sales-${i}` });
  double.addUser({ id: 'U0ALICE', name: 'alice' });
  double.setChannelRateLimit({ perSecond: 1, burst: 3 });
  const config = loadConfig({
    SLACK_BOT_TOKEN: double.botToken,
    SLACK_APP_TOKEN: double.appToken,
    SLACK_API_URL: double.apiUrl,
  });
  const logger = createLogger({ level: 'error', sink: () => {} });
  // The app's own client and its production retry policy, as bootstrap builds it.
  const runtime = createSlackRuntime(config.slack, { logger, logLevel: 'error' });
  const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
  const notifier = createNotifier(runtime.client, logger, { pacer });

  const open = new Map<string, number>();
  function post(channel: string, text: string) {
    open.set(channel, (open.get(channel) ?? 0) + 1);
    return notifier.postMessage(channel, message(text)).finally(() => open.set(channel, (open.get(channel) ?? 1) - 1));
  }
  async function quiet() {
    const busy = () => [...open.values()].filter((n) => n > 0).length;
    const giveUp = Date.now() + 10_000;
    while (time.sleeping() !== busy()) {
      if (Date.now() > giveUp) throw new Error(`not quiet: ${time.sleeping()} waiting, ${busy()} channels busy`);
      await time.settle();
    }
  }
  /** Runs the clock forward, one wake-up at a time, up to `at`. */
  async function runUntil(at: number) {
    for (;;) {
      await quiet();
      const next = time.nextWake();
      if (next === undefined || next > at) return;
      await time.advanceTo(next);
    }
  }
  return { double, time, post, runUntil, client: runtime.client, notifier };
}

describe('notifier pacing through the double', () => {
  it('a 429 in one channel pauses only that channel; 100 messages over 10 channels, none lost or duplicated', async () => {
    const { double, time, post, runUntil, client, notifier } = await pacedSetup();
    double.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 30 });
    const texts = Array.from({ length: 100 }, (_, i) => `Validated MQA #${i + 1}`);
    const channelOf = (i: number) => CHANNELS[i % CHANNELS.length] as string;
    // The first post (to the paused channel) takes the 429 before the others are handed over.
    const results = [post(channelOf(0), texts[0] as string)];
    const refused = await double.waitForCall('chat.postMessage', (c) => c.status === 429);
    expect(refused.args.channel).toBe(PAUSED);
    results.push(...texts.slice(1).map((text, i) => post(channelOf(i + 1), text)));

    await runUntil(START + 29_999);
    const accepted = () => double.callsTo('chat.postMessage').filter((c) => c.status === 200);
    // Every other channel got its ten in burst + 7 s, while the paused one sent nothing during its Retry-After.
    expect(accepted().filter((c) => c.args.channel === PAUSED)).toEqual([]);
    for (const id of CHANNELS.slice(1)) {
      const times = accepted()
        .filter((c) => c.args.channel === id)
        .map((c) => c.at - START);
      expect(times).toEqual([0, 0, 0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    }
    // Nothing else waits for the paused channel either (the SDK would have paused every call of the app): not a
    // person's DM, not any other call.
    expect(await notifier.tellUser({ userId: 'U0ALICE' }, message('Your MQA is on its way'))).toBe(true);
    expect((await client.auth.test()).ok).toBe(true);
    expect(time.now()).toBeLessThan(START + 30_000);

    await runUntil(START + 60_000);
    expect((await Promise.all(results)).every((r) => r.ok)).toBe(true);
    const pausedPosts = accepted().filter((c) => c.args.channel === PAUSED);
    expect(pausedPosts[0]?.args.text).toBe('Validated MQA #1');
    expect(pausedPosts[0]?.at).toBe(START + 30_000);
    expect(pausedPosts.map((c) => c.args.text)).toEqual(texts.filter((_, i) => channelOf(i) === PAUSED));
    // Exactly once each, in Slack: every text is in its channel's history one time.
    const seen = CHANNELS.flatMap((id) => double.channel(id)?.messages.map((m) => m.text) ?? []);
    expect(seen.toSorted()).toEqual(texts.toSorted());
    // Besides the injected one, each other channel took one 429, when its 4th message met the double's spent burst;
    // from then on it was paced under the limit.
    const refusals = double.callsTo('chat.postMessage').filter((c) => c.status === 429);
    expect(
      refusals
        .slice(1)
        .map((c) => [c.args.channel, c.at - START])
        .toSorted(),
    ).toEqual(CHANNELS.slice(1).map((id) => [id, 0]));
    for (const c of refusals.slice(1)) expect(texts.indexOf(c.args.text)).toBeGreaterThanOrEqual(30);
    expect(time.now()).toBeLessThan(START + 60_000);
  });

  it("keeps workspaces' limits apart: a 429 in one workspace's channel leaves the same channel id in another alone", async () => {
    const time = createFakeTimer(START);
    double = await SlackDouble.start({ now: time.now });
    const other = double.addWorkspace({ teamId: 'T0OTHER', name: 'Other Co' });
    other.install();
    for (const ws of [double.workspace(double.teamId), other]) ws.addChannel({ id: 'C0SALES', name: 'sales' });
    double.workspace(double.teamId).failNext('chat.postMessage', { status: 429, retryAfterSeconds: 30 });
    const tokens: Record<string, string> = { [double.teamId]: double.botToken, T0OTHER: other.botToken as string };
    const workspaces = distributedWorkspaces(
      async (teamId) => tokens[teamId] as string,
      (token) =>
        new webApi.WebClient(token, {
          slackApiUrl: double?.apiUrl,
          retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
        }),
    );
    const logger = createLogger({ level: 'error', sink: () => {} });
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
    const notifier = createNotifier(workspaces.scopedClient, logger, { pacer });

    const first = workspaces.run(double.teamId, () => notifier.postMessage('C0SALES', message('first')));
    await double.waitForCall('chat.postMessage', (c) => c.status === 429);
    const elsewhere = await workspaces.run('T0OTHER', () => notifier.postMessage('C0SALES', message('elsewhere')));
    expect(elsewhere).toMatchObject({ ok: true });
    expect(other.channel('C0SALES')?.messages.map((m) => m.text)).toEqual(['elsewhere']);
    expect(time.now()).toBe(START);

    while (time.sleeping() === 0) await time.settle();
    await time.advanceTo(START + 30_000);
    expect(await first).toMatchObject({ ok: true });
    const home = double
      .workspace(double.teamId)
      .channel('C0SALES')
      ?.messages.map((m) => m.text);
    expect(home).toEqual(['first']);
  });
});
