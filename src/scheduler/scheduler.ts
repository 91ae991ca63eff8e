import { type ScheduledTask, schedule } from 'node-cron';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../logging/logger.js';

/** A unit of due work. It reads what is due from the database at `now`, so a tick after downtime catches up. */
export interface ScheduledJob {
  name: string;
  run(now: Date): Promise<void>;
}

export interface Scheduler {
  /** Runs every job once at the clock's time; ticks never overlap. Tests call this to drive time. */
  tick(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * node-cron only ticks (every minute by default); each job decides what is due from the database and
 * the clock. A failing job is logged and does not stop the others.
 */
export function createScheduler(deps: {
  jobs: ScheduledJob[];
  clock: Clock;
  logger: Logger;
  expression?: string;
}): Scheduler {
  const { jobs, clock, logger } = deps;
  let task: ScheduledTask | undefined;
  let current: Promise<void> | undefined;

  async function runAll(): Promise<void> {
    for (const job of jobs) {
      try {
        // Each job reads the clock when it starts: an earlier job may have spent minutes in Slack retries, and
        // leases measured from a stale `now` would expire early.
        await job.run(clock());
      } catch (error) {
        logger.error('scheduled job failed', { job: job.name, error });
      }
    }
  }

  function tick(): Promise<void> {
    current ??= runAll().finally(() => {
      current = undefined;
    });
    return current;
  }

  return {
    tick,
    start() {
      // No noOverlap: tick() already joins a running tick, and node-cron would print a warning on every skip.
      task = schedule(deps.expression ?? '* * * * *', () => tick());
      // Catch up at once on what came due while the bot was down.
      void tick();
    },
    async stop() {
      await task?.stop();
      task = undefined;
      await current;
    },
  };
}
