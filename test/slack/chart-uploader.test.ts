import { webApi } from '@slack/bolt';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { CHART_UPLOADS_AT_ONCE, createChartUploader } from '../../src/slack/chart-uploader.js';
import { SlackDouble } from '../../src/slack-double/index.js';

const CHANNEL = 'C0CHARTS';
const SCORES = { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 1, feedback_loop: 5 };

let double: SlackDouble | undefined;
afterEach(async () => {
  await double?.stop();
  double = undefined;
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

it('uploads one chart at a time, in order, so a burst of summaries is not slowed by its charts', async () => {
  expect(CHART_UPLOADS_AT_ONCE).toBe(1);
  double = await SlackDouble.start();
  double.addChannel({ id: CHANNEL, name: 'charts' });
  const client = new webApi.WebClient(double.botToken, { slackApiUrl: double.apiUrl });
  const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'summary' });
  const drawn: string[] = [];
  const drawing = [deferred(), deferred(), deferred()];
  const uploader = createChartUploader(client, createLogger({ level: 'error', sink: () => {} }), async (chart) => {
    drawn.push(String(chart.current.data_integration));
    await drawing[drawn.length - 1]?.promise;
    return new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  });

  // Each chart is told apart by its first score.
  const uploads = [1, 2, 3].map((first) =>
    uploader.publish(CHANNEL, posted.ts as string, {
      title: `Assessment ${first}`,
      current: { ...SCORES, data_integration: first },
    }),
  );
  await new Promise((next) => setImmediate(next));
  expect(drawn).toEqual(['1']);

  drawing[0]?.resolve();
  expect(await uploads[0]).toBe(true);
  // The second chart is drawn only once the first is in Slack.
  expect(double.callsTo('files.completeUploadExternal')).toHaveLength(1);
  await new Promise((next) => setImmediate(next));
  expect(drawn).toEqual(['1', '2']);

  drawing[1]?.resolve();
  drawing[2]?.resolve();
  expect(await Promise.all(uploads)).toEqual([true, true, true]);
  expect(double.callsTo('files.completeUploadExternal')).toHaveLength(3);
});
