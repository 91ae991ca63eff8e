import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { type DataScaleResult, measureDataScale } from './data-scale/index.js';
import { type DeliveryOptions, type DeliveryResult, measureDelivery } from './delivery.js';
import { type InteractionOptions, type InteractionResult, measureInteractionLatency } from './interaction-latency.js';
import { type MixedLoadOptions, type MixedLoadResult, measureMixedLoad } from './mixed-load.js';
import { measureStartup, type StartupResult } from './startup.js';
import { bytesToMb } from './stats.js';
import { checkTargets, type TargetCheck } from './targets.js';

export interface BenchOptions {
  interaction: InteractionOptions;
  /** Multiplies the target row counts (1 = 500 assessments, 100,000 MQA items, ...). */
  dataScale: number;
  /** Also measure the data-scale views on PostgreSQL (the same rows, copied from the generated SQLite file). */
  dataScalePostgres: boolean;
  /** Builds of each view after the cold one; their median is the warm figure. */
  dataScaleWarmRuns: number;
  delivery: DeliveryOptions;
  startupIdleMs: number;
  mixedLoad: MixedLoadOptions;
}

/** The full load. */
export const FULL: BenchOptions = {
  interaction: { count: 1000, concurrency: 20, warmup: 100 },
  dataScale: 1,
  dataScalePostgres: true,
  dataScaleWarmRuns: 5,
  delivery: { messages: 100, channels: 10, perSecond: 1, burst: 3, deadlineMs: 180_000 },
  startupIdleMs: 5000,
  mixedLoad: { count: 1000, concurrency: 20, warmup: 100, scale: 1, gtmEveryMs: 5000, mqaCards: 100 },
};

/** A few seconds' worth, to prove the harness works (the test and `npm run bench -- --quick`). */
export const QUICK: BenchOptions = {
  interaction: { count: 20, concurrency: 5, warmup: 5 },
  dataScale: 0.02,
  dataScalePostgres: true,
  dataScaleWarmRuns: 1,
  delivery: { messages: 8, channels: 2, perSecond: 1, burst: 3, deadlineMs: 30_000 },
  startupIdleMs: 500,
  mixedLoad: { count: 20, concurrency: 5, warmup: 5, scale: 0.02, gtmEveryMs: 1000, mqaCards: 10 },
};

/** The four measurements, by the names `npm run bench -- --only <name>[,<name>]` takes. */
export const BENCH_PARTS = ['interaction', 'data-scale', 'delivery', 'startup', 'mixed-load'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

/** One run of some of the measurements (`--only`): the parts not run are absent. */
export interface BenchRun {
  /** loadAverage: 1-minute load at start and end of the run; above the core count, other work shared the CPUs. */
  machine: {
    cores: number;
    cpu: string;
    memoryMb: number;
    node: string;
    platform: string;
    loadAverage: { start: number; end: number };
  };
  startedAt: string;
  durationMs: number;
  /** The parts this run measured, when not all of them. */
  only?: BenchPart[];
  interaction?: InteractionResult;
  dataScale?: DataScaleResult;
  delivery?: DeliveryResult;
  startup?: StartupResult;
  mixedLoad?: MixedLoadResult;
  targets: TargetCheck[];
}

/** A run of all four: what `npm run bench` writes to bench/results/latest.json. */
export interface BenchResult extends BenchRun {
  interaction: InteractionResult;
  dataScale: DataScaleResult;
  delivery: DeliveryResult;
  startup: StartupResult;
  mixedLoad: MixedLoadResult;
}

/** Runs the four measurements one after the other (never in parallel: they would measure each other). */
export async function runBenchmarks(
  options: BenchOptions,
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  return (await runBenchmarkParts(options, [...BENCH_PARTS], progress)) as BenchResult;
}

/** Runs the named measurements only, in the usual order. */
export async function runBenchmarkParts(
  options: BenchOptions,
  parts: readonly BenchPart[],
  progress: (message: string) => void = () => {},
): Promise<BenchRun> {
  const startedAt = new Date();
  const started = performance.now();
  const loadAtStart = loadavg()[0] as number;
  const run = (part: BenchPart) => parts.includes(part);
  let interaction: InteractionResult | undefined;
  let dataScale: DataScaleResult | undefined;
  let delivery: DeliveryResult | undefined;
  let startup: StartupResult | undefined;
  let mixedLoad: MixedLoadResult | undefined;
  if (run('interaction')) {
    progress(
      `interaction latency: ${options.interaction.count} commands + submissions at concurrency ${options.interaction.concurrency}, bare Bolt then Loopkeeper`,
    );
    interaction = await measureInteractionLatency(options.interaction);
  }
  if (run('data-scale')) {
    progress(
      `data scale: generating (scale ${options.dataScale}) and building views on SQLite${options.dataScalePostgres ? ', then on PostgreSQL' : ''}`,
    );
    dataScale = await measureDataScale({
      scale: options.dataScale,
      postgres: options.dataScalePostgres,
      warmRuns: options.dataScaleWarmRuns,
      progress,
    });
  }
  if (run('delivery')) {
    progress(
      `delivery: ${options.delivery.messages} messages over ${options.delivery.channels} channels at ${options.delivery.perSecond}/s, burst ${options.delivery.burst}`,
    );
    delivery = await measureDelivery(options.delivery);
  }
  if (run('startup')) {
    progress('start-up: node dist/src/main.js until the Socket Mode connection');
    startup = await measureStartup({ idleMs: options.startupIdleMs });
  }
  if (run('mixed-load')) {
    const m = options.mixedLoad;
    progress(
      `mixed load: ${m.count} commands + submissions at concurrency ${m.concurrency} while a GTM review (scale ${m.scale}) is built every ${m.gtmEveryMs / 1000} s and ${m.mqaCards} MQA cards are delivered`,
    );
    mixedLoad = await measureMixedLoad(m);
  }
  const result: Omit<BenchRun, 'targets'> = {
    machine: {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryMb: bytesToMb(totalmem()),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverage: {
        start: Math.round(loadAtStart * 100) / 100,
        end: Math.round((loadavg()[0] as number) * 100) / 100,
      },
    },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    ...(BENCH_PARTS.every(run) ? {} : { only: BENCH_PARTS.filter(run) }),
    ...(interaction ? { interaction } : {}),
    ...(dataScale ? { dataScale } : {}),
    ...(delivery ? { delivery } : {}),
    ...(startup ? { startup } : {}),
    ...(mixedLoad ? { mixedLoad } : {}),
  };
  return { ...result, targets: checkTargets(result) };
}
