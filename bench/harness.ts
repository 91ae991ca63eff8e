import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { type DataScaleResult, measureDataScale } from './data-scale/index.js';
import { type DeliveryOptions, type DeliveryResult, measureDelivery } from './delivery.js';
import { type InteractionOptions, type InteractionResult, measureInteractionLatency } from './interaction-latency.js';
import { measureStartup, type StartupResult } from './startup.js';
import { bytesToMb } from './stats.js';
import { checkTargets, type TargetCheck } from './targets.js';

export interface BenchOptions {
  interaction: InteractionOptions;
  /** Multiplies the target row counts (1 = 500 assessments, 100,000 MQA items, ...). */
  dataScale: number;
  delivery: DeliveryOptions;
  startupIdleMs: number;
}

/** The full load. */
export const FULL: BenchOptions = {
  interaction: { count: 1000, concurrency: 20, warmup: 100 },
  dataScale: 1,
  delivery: { messages: 100, channels: 10, perSecond: 1, burst: 3, deadlineMs: 180_000 },
  startupIdleMs: 5000,
};

/** A few seconds' worth, to prove the harness works (the test and `npm run bench -- --quick`). */
export const QUICK: BenchOptions = {
  interaction: { count: 20, concurrency: 5, warmup: 5 },
  dataScale: 0.02,
  delivery: { messages: 8, channels: 2, perSecond: 1, burst: 3, deadlineMs: 30_000 },
  startupIdleMs: 500,
};

export interface BenchResult {
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
  interaction: InteractionResult;
  dataScale: DataScaleResult;
  delivery: DeliveryResult;
  startup: StartupResult;
  targets: TargetCheck[];
}

/** Runs the four measurements one after the other (never in parallel: they would measure each other). */
export async function runBenchmarks(
  options: BenchOptions,
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  const startedAt = new Date();
  const started = performance.now();
  const loadAtStart = loadavg()[0] as number;
  progress(
    `interaction latency: ${options.interaction.count} commands + submissions at concurrency ${options.interaction.concurrency}, bare Bolt then Loopkeeper`,
  );
  const interaction = await measureInteractionLatency(options.interaction);
  progress(`data scale: generating (scale ${options.dataScale}) and building views`);
  const dataScale = await measureDataScale({ scale: options.dataScale });
  progress(
    `delivery: ${options.delivery.messages} messages over ${options.delivery.channels} channels at ${options.delivery.perSecond}/s, burst ${options.delivery.burst}`,
  );
  const delivery = await measureDelivery(options.delivery);
  progress('start-up: tsx src/main.ts until the Socket Mode connection');
  const startup = await measureStartup({ idleMs: options.startupIdleMs });
  const result: Omit<BenchResult, 'targets'> = {
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
    durationMs: 0,
    interaction,
    dataScale,
    delivery,
    startup,
  };
  result.durationMs = Math.round(performance.now() - started);
  return { ...result, targets: checkTargets(result) };
}
