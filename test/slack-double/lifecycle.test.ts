import { createHook } from 'node:async_hooks';
import { App } from '@slack/bolt';
import { expect, it } from 'vitest';
import { SlackDouble } from '../../src/slack-double/index.js';
import { quietLogger } from './test-app.js';

/** Open TCP sockets and servers, by kind. */
function countTcp(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) {
    if (r.startsWith('TCP')) counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}

/**
 * Every timer created from now on that has not fired or been cleared yet, named by where it was made. Counting the
 * process's active timers instead would mix in vitest's own: one it starts with each test and lets fire ~100 ms later,
 * and the deadline timer of expect.poll, pending while it checks.
 */
function trackTimers() {
  const pending = new Map<number, string>();
  let polling = false;
  const hook = createHook({
    init(asyncId, type) {
      if (type !== 'Timeout' || polling) return;
      const frames = (new Error().stack ?? '').split('\n').filter((l) => l.includes('/') && !l.includes('node:'));
      const where = frames.slice(1, 3).map((l) => l.trim().replace(/^at /, ''));
      pending.set(asyncId, `Timeout set in ${where.join(', called from ')}`);
    },
    destroy(asyncId) {
      pending.delete(asyncId);
    },
  }).enable();
  return {
    pending: () => [...pending.values()],
    /** Waits without its own timer being counted. */
    pause: (ms: number) =>
      new Promise<void>((resolve) => {
        polling = true;
        setTimeout(resolve, ms);
        polling = false;
      }),
    stop: () => hook.disable(),
  };
}

it('app.stop() + double.stop() leave no sockets, servers or timers behind', async () => {
  const timers = trackTimers();
  try {
    const before = countTcp();
    const double = await SlackDouble.start({ pingIntervalMs: 50 });
    const app = new App({
      socketMode: true,
      token: double.botToken,
      appToken: double.appToken,
      logger: quietLogger(),
      clientOptions: { slackApiUrl: double.apiUrl },
    });
    await app.start();
    await double.waitForConnection();
    await timers.pause(120); // a few server pings
    expect(countTcp()).not.toEqual(before);
    expect(timers.pending()).not.toEqual([]);
    await app.stop();
    await double.stop();
    // Handles close asynchronously; on a loaded machine that can take a moment, so poll rather than sleep.
    const leftBehind = () => [
      ...Object.entries(countTcp())
        .filter(([k, n]) => n > (before[k] ?? 0))
        .map(([k, n]) => `${n - (before[k] ?? 0)} ${k}`),
      ...timers.pending(),
    ];
    const deadline = Date.now() + 5_000;
    while (leftBehind().length > 0 && Date.now() < deadline) await timers.pause(20);
    expect(leftBehind()).toEqual([]);
  } finally {
    timers.stop();
  }
});
