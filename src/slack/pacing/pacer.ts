import { AsyncResource } from 'node:async_hooks';
import PQueue from 'p-queue';
import { answered, type Bucket, fullBucket, isFull, paused, type Rate, take, waitMs, withHeadroom } from './bucket.js';
import { laneKey, type PaceRule, SLACK_LIMITS } from './limits.js';

/** Time for the pacer: tests drive it; production uses the system's. */
export interface PacerTimer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemTimer: PacerTimer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
};

/**
 * Who waits first within one lane. A person's reply goes ahead of bulk deliveries queued for the same channel; it
 * never jumps the message holding the lane (being sent, waiting for its token, or waiting out a Retry-After).
 */
export type PacePriority = 'user' | 'bulk';

export interface PacedCall {
  teamId: string;
  channel: string;
  method: string;
  priority?: PacePriority;
}

export interface PacerOptions {
  timer?: PacerTimer;
  limits?: Readonly<Record<string, PaceRule>>;
  /** Fraction of Slack's rate we pace at; below 1 so jitter between our clock and Slack's costs no 429. */
  headroom?: number;
  /** The Retry-After seconds of an error that is Slack's 429, else undefined (the error is the call's answer). */
  retryAfterOf(error: unknown): number | undefined;
  /**
   * 429s in a row for one call before its error is returned (its caller's own retry takes it from there); read when
   * a 429 comes, so it can follow a client's retry policy. Default 10.
   */
  maxRateLimited?: number | (() => number);
  onRateLimited?(call: PacedCall, retryAfterSeconds: number): void;
}

interface Lane {
  queue: PQueue;
  rate: Rate;
  bucket: Bucket;
  /** Slack has answered 429 in this lane since it was last idle: its calls wait for the bucket. */
  limited: boolean;
}

/** Lanes kept before idle ones are forgotten (each is a small object; this only bounds a long-running process). */
const MAX_IDLE_LANES = 1000;

/**
 * Paces Slack calls in lanes, one per (workspace, channel, method) for per-channel limits and per (workspace, method)
 * for tier limits; a channel's lane sends one call at a time, in order. A 429 pauses that lane alone for Retry-After,
 * then the same call is sent again: nothing is dropped, nothing is sent twice.
 *
 * Slack grants "generous" bursts of a size it does not publish, so a lane sends at once until Slack first answers it
 * 429; from then until it has been idle long enough for its bucket to fill, it sends at Slack's published rate. A
 * busy channel thus costs one 429 (and that channel alone waits its Retry-After, about the time the next token would
 * take anyway), and a burst Slack would have taken is never held back.
 *
 * The buckets live in this process. Slack's limits are per app and workspace, so N instances posting to one channel
 * together can reach N times the rate; Slack's 429s then pace them (each one pauses only its own lane).
 */
export function createPacer(options: PacerOptions) {
  const timer = options.timer ?? systemTimer;
  const limits = options.limits ?? SLACK_LIMITS;
  const headroom = options.headroom ?? 0.95;
  const maxRateLimited = () =>
    typeof options.maxRateLimited === 'function' ? options.maxRateLimited() : (options.maxRateLimited ?? 10);
  const lanes = new Map<string, Lane>();

  /** Idle with a full bucket: Slack's count for the lane has refilled too, so it starts over as a new lane. */
  const rested = (lane: Lane, now: number) =>
    lane.queue.size === 0 && lane.queue.pending === 0 && (!lane.limited || isFull(lane.bucket, lane.rate, now));

  function forgetIdleLanes(): void {
    if (lanes.size <= MAX_IDLE_LANES) return;
    const now = timer.now();
    for (const [key, lane] of lanes) if (rested(lane, now)) lanes.delete(key);
  }

  function laneFor(key: string, rule: PaceRule): Lane {
    let lane = lanes.get(key);
    if (!lane) {
      forgetIdleLanes();
      const rate = withHeadroom(rule.rate, headroom);
      lane = {
        queue: new PQueue({ concurrency: rule.concurrency }),
        rate,
        bucket: fullBucket(rate, timer.now()),
        limited: false,
      };
      lanes.set(key, lane);
    } else if (lane.limited && rested(lane, timer.now())) {
      lane.limited = false;
    }
    return lane;
  }

  async function sendWhenAllowed<T>(lane: Lane, call: PacedCall, send: () => Promise<T>): Promise<T> {
    for (let refused = 0; ; ) {
      if (lane.limited) {
        const wait = waitMs(lane.bucket, lane.rate, timer.now());
        if (wait > 0) {
          await timer.sleep(wait);
          continue;
        }
        lane.bucket = take(lane.bucket, lane.rate, timer.now());
      }
      try {
        const result = await send();
        lane.bucket = answered(lane.bucket, timer.now());
        return result;
      } catch (error) {
        const retryAfter = options.retryAfterOf(error);
        lane.bucket = answered(lane.bucket, timer.now());
        if (retryAfter === undefined) throw error;
        // The lane waits out Retry-After whether this call tries again or gives up: the next one must wait too.
        lane.limited = true;
        lane.bucket = paused(timer.now(), retryAfter);
        refused += 1;
        if (refused >= maxRateLimited()) throw error;
        options.onRateLimited?.(call, retryAfter);
      }
    }
  }

  return {
    /** Runs `send` in the call's lane when Slack's limit allows; methods without a limit run at once. */
    run<T>(call: PacedCall, send: () => Promise<T>): Promise<T> {
      const rule = limits[call.method];
      if (!rule) return send();
      const lane = laneFor(laneKey(rule, call), rule);
      // A queued call runs when the one before it ends; bound, it still runs as work of its own caller (whose
      // workspace picks the token), not of whichever call happened to finish before it.
      const inCallersContext = AsyncResource.bind(send);
      return lane.queue.add(() => sendWhenAllowed(lane, call, inCallersContext), {
        priority: call.priority === 'user' ? 1 : 0,
      });
    },

    /** Calls waiting or in flight, over all lanes. */
    get queued(): number {
      let count = 0;
      for (const lane of lanes.values()) count += lane.queue.size + lane.queue.pending;
      return count;
    },

    /** Resolves when every lane is empty. */
    async idle(): Promise<void> {
      await Promise.all([...lanes.values()].map((lane) => lane.queue.onIdle()));
    },
  };
}

export type Pacer = ReturnType<typeof createPacer>;
