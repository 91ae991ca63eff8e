import { performance } from 'node:perf_hooks';
import { DIMENSION_KEYS } from '../src/features/assessment/domain/index.js';
import { SlackDouble } from '../src/slack-double/index.js';
import { type AppUnderTest, startBareBoltProcess, startLoopkeeperProcess } from './apps.js';
import { type LatencySummary, ratio, runPool, summarize } from './stats.js';

export interface InteractionOptions {
  /** Commands measured, then as many submissions. */
  count: number;
  concurrency: number;
  /** Unmeasured rounds first, so both apps are measured with a warm JIT. */
  warmup: number;
}

export interface AppLatency {
  app: string;
  commandAck: LatencySummary;
  viewsOpen: LatencySummary;
  submissionAck: LatencySummary;
  summaryPost: LatencySummary;
  /** Interactions that failed (late ack, expired trigger, missing modal or post); first few messages. */
  failures: number;
  failureSamples: string[];
  /** Lines the app process wrote to stderr (warnings, errors). */
  appErrors: number;
  violations: number;
}

export interface InteractionResult {
  options: InteractionOptions;
  loopkeeper: AppLatency;
  baseline: AppLatency;
  /** ours / baseline at p50, p95, p99. */
  ratios: Record<
    'commandAck' | 'viewsOpen' | 'submissionAck' | 'summaryPost',
    { p50: number; p95: number; p99: number }
  >;
}

const userId = (prefix: string, i: number) => `U0${prefix}${String(i).padStart(5, '0')}`;
const channelId = (prefix: string, i: number) => `C0${prefix}${String(i).padStart(5, '0')}`;

/** Valid answers, varied per person; the channel is the person's own so each summary post is matched to its submission. */
function answers(i: number, channel: string): Record<string, unknown> {
  const values: Record<string, unknown> = {
    'assess_segment/value': 'plg_sales_assist',
    'assess_channel/value': channel,
  };
  for (const [d, key] of DIMENSION_KEYS.entries()) values[`score:${key}/value`] = String(((i + d) % 5) + 1);
  return values;
}

export interface RoundSamples {
  commandAck: number[];
  viewsOpen: number[];
  submissionAck: number[];
  summaryPost: number[];
  failures: string[];
}

/**
 * One round: `count` people type `/loop assess` (at most `concurrency` at once), then the same people submit.
 * Ack times are measured around the Socket Mode envelope (send -> ack); views.open and the summary post from the
 * envelope send to the Web API call the double recorded (its `at`, millisecond clock).
 */
async function round(
  double: SlackDouble,
  prefix: string,
  count: number,
  concurrency: number,
  samples: RoundSamples | undefined,
): Promise<void> {
  const people = Array.from({ length: count }, (_, i) => ({
    user: userId(prefix, i),
    channel: channelId(prefix, i),
    i,
  }));
  for (const p of people) {
    double.addUser({ id: p.user, name: `bench-${prefix}-${p.i}` });
    double.addChannel({ id: p.channel, name: `bench-${prefix}-${p.i}`, members: [p.user] });
  }
  const fail = (what: string, error: unknown) =>
    samples?.failures.push(`${what}: ${(error as Error).message?.split('\n')[0]}`);

  await runPool(people, concurrency, async (p) => {
    try {
      const sentAt = Date.now();
      const start = performance.now();
      const { triggerId } = await double.slashCommand({
        command: '/loop',
        text: 'assess',
        userId: p.user,
        channelId: p.channel,
      });
      const ackMs = performance.now() - start;
      const open = await double.waitForCall('views.open', (c) => c.args.trigger_id === triggerId, 10_000);
      if (!open.response?.ok) throw new Error(`views.open answered ${open.response?.error}`);
      samples?.commandAck.push(ackMs);
      samples?.viewsOpen.push(open.at - sentAt);
    } catch (error) {
      fail(`command ${p.user}`, error);
    }
  });

  await runPool(people, concurrency, async (p) => {
    try {
      const view = double.topView(p.user);
      if (!view) throw new Error('no open modal');
      const values = double.stateValues(view.id, answers(p.i, p.channel));
      const sentAt = Date.now();
      const start = performance.now();
      const { ack } = await double.viewSubmission({ userId: p.user, viewId: view.id, values });
      const ackMs = performance.now() - start;
      if (ack !== undefined) throw new Error(`submission rejected: ${JSON.stringify(ack)}`);
      const post = await double.waitForCall('chat.postMessage', (c) => c.args.channel === p.channel, 10_000);
      if (!post.response?.ok) throw new Error(`chat.postMessage answered ${post.response?.error}`);
      samples?.submissionAck.push(ackMs);
      samples?.summaryPost.push(post.at - sentAt);
    } catch (error) {
      fail(`submission ${p.user}`, error);
    }
  });
}

/** A warm-up round, then the measured one, against an app already connected to `double`. */
export async function measureRounds(double: SlackDouble, options: InteractionOptions): Promise<RoundSamples> {
  const samples: RoundSamples = { commandAck: [], viewsOpen: [], submissionAck: [], summaryPost: [], failures: [] };
  if (options.warmup > 0) await round(double, 'W', options.warmup, options.concurrency, undefined);
  await round(double, 'B', options.count, options.concurrency, samples);
  return samples;
}

async function measureApp(
  start: (double: SlackDouble) => Promise<AppUnderTest>,
  options: InteractionOptions,
): Promise<AppLatency> {
  const double = await SlackDouble.start();
  const app = await start(double);
  const samples: RoundSamples = { commandAck: [], viewsOpen: [], submissionAck: [], summaryPost: [], failures: [] };
  try {
    if (options.warmup > 0) await round(double, 'W', options.warmup, options.concurrency, undefined);
    await round(double, 'B', options.count, options.concurrency, samples);
  } finally {
    await app.stop();
    await double.stop();
  }
  return {
    app: app.name,
    commandAck: summarize(samples.commandAck),
    viewsOpen: summarize(samples.viewsOpen),
    submissionAck: summarize(samples.submissionAck),
    summaryPost: summarize(samples.summaryPost),
    failures: samples.failures.length,
    failureSamples: samples.failures.slice(0, 3),
    appErrors: app.errors().length,
    violations: double.violations.length,
  };
}

/** The same load against the bare Bolt baseline and against Loopkeeper, each on its own fresh double. */
export async function measureInteractionLatency(options: InteractionOptions): Promise<InteractionResult> {
  const baseline = await measureApp(startBareBoltProcess, options);
  const loopkeeper = await measureApp(startLoopkeeperProcess, options);
  const ratioOf = (key: keyof InteractionResult['ratios']) => ({
    p50: ratio(loopkeeper[key].p50, baseline[key].p50),
    p95: ratio(loopkeeper[key].p95, baseline[key].p95),
    p99: ratio(loopkeeper[key].p99, baseline[key].p99),
  });
  return {
    options,
    loopkeeper,
    baseline,
    ratios: {
      commandAck: ratioOf('commandAck'),
      viewsOpen: ratioOf('viewsOpen'),
      submissionAck: ratioOf('submissionAck'),
      summaryPost: ratioOf('summaryPost'),
    },
  };
}
