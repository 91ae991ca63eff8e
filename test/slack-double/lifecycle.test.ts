import { App } from '@slack/bolt';
import { expect, it } from 'vitest';
import { SlackDouble } from './index.js';
import { quietLogger } from './test-app.js';

function countResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) {
    if (r.startsWith('TCP') || r === 'Timeout') counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}

it('app.stop() + double.stop() leave no sockets, servers or timers behind', async () => {
  const before = countResources();
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
  await new Promise((r) => setTimeout(r, 120)); // a few server pings
  expect(countResources()).not.toEqual(before);
  await app.stop();
  await double.stop();
  // Handles close asynchronously; on a loaded machine that can take a moment, so poll rather than sleep.
  const grown = () => Object.entries(countResources()).filter(([k, n]) => n > (before[k] ?? 0));
  await expect.poll(grown, { timeout: 5_000 }).toEqual([]);
});
