import { performance } from 'node:perf_hooks';
import { webApi } from '@slack/bolt';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logging/logger.js';
import { createSlackRuntime } from '../src/slack/app.js';
import { createNotifier } from '../src/slack/notifier.js';
import { SlackDouble } from '../src/slack-double/index.js';

export interface DeliveryOptions {
  messages: number;
  channels: number;
  perSecond: number;
  burst: number;
  /** Give up waiting after this long and report what was not delivered. */
  deadlineMs: number;
}

export interface DeliveryResult {
  options: Omit<DeliveryOptions, 'deadlineMs'>;
  /** The fastest any sender could deliver everything under the limit (all channels in parallel). */
  floorMs: number;
  elapsedMs: number;
  /** elapsed / floor. */
  overFloor: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Posts the notifier reported as failed (final answers after its retries). */
  failedPosts: number;
  /** 429 answers the double sent, and how many the client saw (its rate_limited event). */
  rateLimited: number;
  rateLimitedSeenByClient: number;
  /** Retries of a rate-limited message sent sooner than its Retry-After allowed (should be 0). */
  retriedEarly: number;
  /** Web API calls per delivered message (1 is the floor). */
  callsPerMessage: number;
  timedOut: boolean;
}

/**
 * Time for every message under a token bucket of `burst` and `perSecond` per channel, all channels in parallel:
 * a channel with n messages needs (n - burst) / perSecond seconds after the first post.
 */
export function deliveryFloorMs(
  options: Pick<DeliveryOptions, 'messages' | 'channels' | 'perSecond' | 'burst'>,
): number {
  const busiest = Math.ceil(options.messages / options.channels);
  return (Math.max(0, busiest - options.burst) / options.perSecond) * 1000;
}

/**
 * `messages` posts spread round-robin over `channels`, all handed at once to the app's notifier (createNotifier on the
 * app's own WebClient, with the production retry policy and the notifier's own per-channel pacer), while the double
 * rate-limits chat.postMessage per channel.
 */
export async function measureDelivery(options: DeliveryOptions): Promise<DeliveryResult> {
  const double = await SlackDouble.start();
  try {
    const channels = Array.from({ length: options.channels }, (_, i) => `C0ROUTE${String(i).padStart(3, '0')}`);
    for (const [i, id] of channels.entries()) double.addChannel({ id, name: `sales-${i}` });
    double.setChannelRateLimit({ perSecond: options.perSecond, burst: options.burst });

    const config = loadConfig({
      SLACK_BOT_TOKEN: double.botToken,
      SLACK_APP_TOKEN: double.appToken,
      SLACK_API_URL: double.apiUrl,
    });
    const logger = createLogger({ level: 'error', sink: () => {} });
    // The same runtime the app builds (same client options, default retry policy); it is never started: only its client posts.
    const runtime = createSlackRuntime(config.slack, { logger, logLevel: 'error' });
    const rateLimitedAt = new Map<string, Array<{ at: number; retryAfterSeconds: number }>>();
    let rateLimitedSeenByClient = 0;
    runtime.client.on(
      webApi.WebClientEvent.RATE_LIMITED,
      (retryAfterSeconds: number, { body }: { body?: { text?: string } }) => {
        rateLimitedSeenByClient += 1;
        const key = String(body?.text);
        rateLimitedAt.set(key, [...(rateLimitedAt.get(key) ?? []), { at: Date.now(), retryAfterSeconds }]);
      },
    );
    const notifier = createNotifier(runtime.client, logger);

    const texts = Array.from(
      { length: options.messages },
      (_, i) => `Validated MQA #${i + 1}: Acme ${i + 1} is ready for sales`,
    );
    const started = performance.now();
    const posts = texts.map((text, i) =>
      notifier.postMessage(channels[i % channels.length] as string, {
        text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), options.deadlineMs)));
    const outcome = await Promise.race([Promise.all(posts), deadline]);
    clearTimeout(timer);
    const elapsedMs = Math.round(performance.now() - started);
    const timedOut = outcome === 'timeout';

    const seen = new Map<string, number>();
    for (const id of channels)
      for (const m of double.channel(id)?.messages ?? []) seen.set(String(m.text), (seen.get(String(m.text)) ?? 0) + 1);
    const calls = double.callsTo('chat.postMessage');
    // A retry is early if it reached the double before the client's rate_limited event + Retry-After.
    let retriedEarly = 0;
    for (const [text, limits] of rateLimitedAt) {
      const attempts = calls.filter((c) => c.args.text === text).map((c) => c.at);
      for (const limit of limits) {
        const nextAttempt = attempts.find((at) => at > limit.at);
        if (nextAttempt !== undefined && nextAttempt < limit.at + limit.retryAfterSeconds * 1000 - 5) retriedEarly += 1;
      }
    }
    const delivered = texts.filter((t) => (seen.get(t) ?? 0) >= 1).length;
    const floorMs = deliveryFloorMs(options);
    return {
      options: {
        messages: options.messages,
        channels: options.channels,
        perSecond: options.perSecond,
        burst: options.burst,
      },
      floorMs,
      elapsedMs,
      overFloor: floorMs > 0 ? Math.round((elapsedMs / floorMs) * 100) / 100 : Number.NaN,
      delivered,
      lost: texts.length - delivered,
      duplicated: texts.filter((t) => (seen.get(t) ?? 0) > 1).length,
      failedPosts: timedOut ? Number.NaN : (outcome as Array<{ ok: boolean }>).filter((r) => !r.ok).length,
      rateLimited: calls.filter((c) => c.status === 429).length,
      rateLimitedSeenByClient,
      retriedEarly,
      callsPerMessage: delivered > 0 ? Math.round((calls.length / delivered) * 100) / 100 : Number.NaN,
      timedOut,
    };
  } finally {
    await double.stop();
  }
}
