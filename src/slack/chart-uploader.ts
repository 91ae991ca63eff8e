import type { webApi } from '@slack/bolt';
import PQueue from 'p-queue';
import { chartLegend, type DimensionChart, renderDimensionChart } from '../charts/dimension-chart.js';
import { escapeMrkdwn } from '../domain/text/mrkdwn.js';
import { DIMENSIONS, type DimensionKey } from '../features/assessment/domain/index.js';
import type { ChartInput, ChartPublisher } from '../features/rounds/ports.js';
import type { Logger } from '../logging/logger.js';
import { slackErrorCode } from './notifier.js';

const NAMES = Object.fromEntries(DIMENSIONS.map((d) => [d.key, d.shortLabel])) as Record<DimensionKey, string>;

/** Draws a chart as PNG bytes: in a worker thread (the pool's renderChart) or, by default, on this thread. */
export type ChartRenderer = (chart: DimensionChart) => Promise<Uint8Array>;

const renderHere: ChartRenderer = async (chart) => renderDimensionChart(chart);

/**
 * How many charts are drawn and uploaded at the same time. An upload is three Web API calls and a drawing: a burst of submissions posts
 * its summaries (what people wait for) first, and the charts follow one by one instead of all competing with them.
 */
export const CHART_UPLOADS_AT_ONCE = 1;

/**
 * Draws the chart with `render` (a worker thread in the app, so the drawing and deflate never hold up an ack) and
 * uploads it in the summary's thread with the files upload v2 flow
 * (files.getUploadURLExternal -> upload -> files.completeUploadExternal). A failure is logged and reported
 * as false: the text summary is already posted and stands on its own.
 */
export function createChartUploader(
  client: webApi.WebClient,
  logger: Logger,
  render: ChartRenderer = renderHere,
): ChartPublisher {
  const uploads = new PQueue({ concurrency: CHART_UPLOADS_AT_ONCE });
  return {
    publish: (channelId, threadTs, chart) => uploads.add(() => upload(channelId, threadTs, chart)) as Promise<boolean>,
  };

  async function upload(channelId: string, threadTs: string, chart: ChartInput): Promise<boolean> {
    try {
      const bytes = await render(chart);
      // A worker's Buffer arrives as a plain Uint8Array; the upload wants a Buffer over the same memory.
      const png = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const legend = chartLegend(chart, NAMES);
      await client.filesUploadV2({
        channel_id: channelId,
        thread_ts: threadTs,
        file: png,
        filename: `loopkeeper-${chart.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png`,
        title: `${chart.title}: the five dimensions${chart.previous ? ' (pale: previous)' : ''}`,
        alt_text: `Bar chart of the five dimensions. ${legend}`.slice(0, 1000),
        initial_comment: escapeMrkdwn(`Chart, dimensions in order: ${legend}`),
      });
      return true;
    } catch (error) {
      logger.warn('chart upload failed; the text summary stands', { channelId, error: slackErrorCode(error) });
      return false;
    }
  }
}
