import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelayMs {
  p50: number;
  p99: number;
  max: number;
}

/** The timer interval of the histogram: Node records each whole interval, so an idle loop reads about this much. */
export const LOOP_DELAY_RESOLUTION_MS = 10;

/** Starts perf_hooks.monitorEventLoopDelay in this process; the returned function reads its figures so far, in ms. */
export function startLoopDelay(): () => LoopDelayMs {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  histogram.enable();
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  return () => ({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) });
}
