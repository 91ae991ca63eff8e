import type { Clock } from '../kernel/clock.js';

/**
 * The sandbox's time: the machine's, plus however far the person has fast-forwarded. It only moves forward, so
 * message timestamps stay increasing and nothing the scheduler claimed is claimed again.
 */
export interface SandboxClock {
  now: Clock;
  /** Moves the clock to `at` (no-op when `at` is not in the future); returns how far it moved, in ms. */
  advanceTo(at: Date): number;
  /** How far ahead of the machine's clock the sandbox is, in ms. */
  readonly offsetMs: number;
}

export function createSandboxClock(start?: Date, machine: () => number = Date.now): SandboxClock {
  let offset = start ? start.getTime() - machine() : 0;
  const now = () => new Date(machine() + offset);
  return {
    now,
    advanceTo(at) {
      const moved = at.getTime() - now().getTime();
      if (moved <= 0) return 0;
      offset += moved;
      return moved;
    },
    get offsetMs() {
      return offset;
    },
  };
}

/** Something scheduled that a fast-forward can jump to. */
export interface Stop {
  at: Date;
  /** What happens then, for the page: "GTM review in #gtm-review", "SLA reminder for Acme Analytics". */
  label: string;
}

/** The earliest stop strictly after `now`, or undefined when nothing is scheduled. Pure. */
export function nextStop(stops: readonly Stop[], now: Date): Stop | undefined {
  let best: Stop | undefined;
  for (const stop of stops) {
    if (stop.at.getTime() <= now.getTime()) continue;
    if (!best || stop.at.getTime() < best.at.getTime()) best = stop;
  }
  return best;
}
