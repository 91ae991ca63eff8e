import { SlackDouble } from '../src/slack-double/index.js';
import { startBareBoltProcess, tempDatabase } from './apps.js';
import { bundleOnce, childEnv, spawnNode } from './child.js';
import { BENCH_TEAM } from './data-scale/datasets.js';
import { generateDatabase } from './data-scale/generate.js';
import { BENCH_RITUAL_CHANNELS } from './data-scale/rituals-dataset.js';
import { type InteractionOptions, measureRounds, type RoundSamples } from './interaction-latency.js';
import type { LoopDelayMs } from './loop-delay.js';
import { type MixedChildOutput, MQA_REVIEW_CHANNEL } from './mixed-shared.js';
import { type LatencySummary, ratio, summarize } from './stats.js';

export interface MixedLoadOptions extends InteractionOptions {
  /** Data-scale rows (1 = the data-scale bench's full data set). */
  scale: number;
  gtmEveryMs: number;
  mqaCards: number;
}

export interface MixedLoadResult {
  options: MixedLoadOptions;
  /** Every ack (commands and submissions) under the mixed load, and the bare Bolt app's under the same clients. */
  ack: { loopkeeper: LatencySummary; baseline: LatencySummary; ratioP99: number };
  commandAck: LatencySummary;
  submissionAck: LatencySummary;
  summaryPost: LatencySummary;
  /** perf_hooks.monitorEventLoopDelay in the Loopkeeper process, over the whole run. */
  loopDelayMs: LoopDelayMs;
  /** The same in the bare Bolt app under the same clients, without background work (absent in older results). */
  baselineLoopDelayMs?: LoopDelayMs;
  gtmReviews: { built: number; failed: number; p50Ms: number; maxMs: number };
  mqaCardsDelivered: number;
  failures: number;
  failureSamples: string[];
  appErrors: number;
  /** The first few of those lines. */
  appErrorSamples: string[];
  violations: number;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const acks = (s: RoundSamples) => [...s.commandAck, ...s.submissionAck];

/**
 * The interaction load (commands, then submissions) against Loopkeeper while it builds a GTM review over the data-scale
 * data every `gtmEveryMs` and delivers `mqaCards` MQA cards; and the same load against the bare Bolt app.
 */
export async function measureMixedLoad(options: MixedLoadOptions): Promise<MixedLoadResult> {
  const baselineDouble = await SlackDouble.start();
  let baseline: RoundSamples;
  let baselineLoopDelay: LoopDelayMs | undefined;
  try {
    const bare = await startBareBoltProcess(baselineDouble, { BENCH_LOOP_DELAY: '1' });
    try {
      baseline = await measureRounds(baselineDouble, options);
    } finally {
      await bare.stop();
    }
    const line = bare.stdout().trim().split('\n').at(-1) ?? '';
    if (line.startsWith('{')) baselineLoopDelay = (JSON.parse(line) as { loopDelayMs: LoopDelayMs }).loopDelayMs;
  } finally {
    await baselineDouble.stop();
  }

  const database = tempDatabase('loopkeeper-bench-mixed-');
  const double = await SlackDouble.start({ teamId: BENCH_TEAM });
  try {
    await generateDatabase(database.path, options.scale);
    // The generated data's people (owners, reviewers, Home viewers) are the double's too: a submission refreshes
    // the Home of everyone in the team who opened it, and Home looks each person up.
    for (let i = 1; i <= 60; i++) double.addUser({ id: `U0SALES${i}`, name: `sales-${i}` });
    for (let i = 1; i <= 15; i++) double.addUser({ id: `U0MKTG${i}`, name: `marketing-${i}` });
    for (const [i, id] of BENCH_RITUAL_CHANNELS.entries()) double.addChannel({ id, name: `gtm-ritual-${i}` });
    double.addChannel({ id: MQA_REVIEW_CHANNEL, name: 'mqa-review' });
    const app = spawnNode(
      await bundleOnce('mixed-main'),
      childEnv({
        SLACK_BOT_TOKEN: double.botToken,
        SLACK_APP_TOKEN: double.appToken,
        SLACK_API_URL: double.apiUrl,
        DATABASE_URL: database.url,
        PORT: '0',
        LOG_LEVEL: 'warn',
        INGEST_TOKEN: 'mixed-load-bench-ingest-token',
        BENCH_GTM_EVERY_MS: String(options.gtmEveryMs),
        BENCH_MQA_CARDS: String(options.mqaCards),
      }),
    );
    const crashed = app.closed().then((code) => {
      throw new Error(`the mixed-load app exited with code ${code}:\n${app.stderr()}`);
    });
    crashed.catch(() => {});
    let ours: RoundSamples;
    try {
      await Promise.race([double.waitForConnection(60_000), crashed]);
      ours = await Promise.race([measureRounds(double, options), crashed]);
      // A short run still sees a whole review and every card: wait (bounded) for the child to report them.
      const deadline = Date.now() + 120_000;
      const done = () => {
        const last = app.stdout().trim().split('\n').at(-1) ?? '';
        const built = last.startsWith('{') ? (JSON.parse(last) as MixedChildOutput).gtmReviews.built : 0;
        const cards = double.callsTo('chat.postMessage').filter((c) => c.args.channel === MQA_REVIEW_CHANNEL).length;
        return built >= 1 && cards >= options.mqaCards;
      };
      while (!done() && Date.now() < deadline) await Promise.race([delay(250), crashed]);
    } finally {
      await app.stop(30_000);
    }
    const line = app.stdout().trim().split('\n').at(-1) ?? '';
    if (!line.startsWith('{')) throw new Error(`the mixed-load app printed no result:\n${app.stderr()}`);
    const child = JSON.parse(line) as MixedChildOutput;
    const stderr = app
      .stderr()
      .split('\n')
      .filter((l) => l.trim() !== '');
    const gtmMs = [...child.gtmReviews.ms].sort((a, b) => a - b);
    const ourAcks = summarize(acks(ours));
    const baseAcks = summarize(acks(baseline));
    return {
      options,
      ack: { loopkeeper: ourAcks, baseline: baseAcks, ratioP99: ratio(ourAcks.p99, baseAcks.p99) },
      commandAck: summarize(ours.commandAck),
      submissionAck: summarize(ours.submissionAck),
      summaryPost: summarize(ours.summaryPost),
      loopDelayMs: child.loopDelayMs,
      baselineLoopDelayMs: baselineLoopDelay,
      gtmReviews: {
        built: child.gtmReviews.built,
        failed: child.gtmReviews.failed,
        p50Ms: gtmMs[Math.floor(gtmMs.length / 2)] ?? Number.NaN,
        maxMs: gtmMs.at(-1) ?? Number.NaN,
      },
      mqaCardsDelivered: double.callsTo('chat.postMessage').filter((c) => c.args.channel === MQA_REVIEW_CHANNEL).length,
      failures: ours.failures.length,
      failureSamples: ours.failures.slice(0, 3),
      appErrors: stderr.length,
      appErrorSamples: stderr.slice(0, 3),
      violations: double.violations.length,
    };
  } finally {
    await double.stop();
    database.remove();
  }
}
