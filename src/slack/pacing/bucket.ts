/**
 * Token-bucket arithmetic for pacing Slack calls, on timestamps given by the caller (milliseconds): no clock here.
 * A bucket holds `tokens` as of `at`; it refills at `perSecond` up to `burst`, and never before `at` (a Retry-After
 * pause moves `at` into the future).
 */

export interface Rate {
  perSecond: number;
  burst: number;
}

export interface Bucket {
  tokens: number;
  at: number;
}

/** A bucket nobody has used yet: a whole burst is available, as Slack grants a channel nobody has posted to. */
export const fullBucket = (rate: Rate, now: number): Bucket => ({ tokens: rate.burst, at: now });

/** Tokens available at `now` (none while a pause lasts). */
export function tokensAt(bucket: Bucket, rate: Rate, now: number): number {
  if (now < bucket.at) return 0;
  return Math.min(rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * rate.perSecond);
}

/** Milliseconds from `now` until one token is available; 0 when one is. */
export function waitMs(bucket: Bucket, rate: Rate, now: number): number {
  const from = Math.max(now, bucket.at);
  const tokens = tokensAt(bucket, rate, from);
  const refill = tokens >= 1 ? 0 : ((1 - tokens) / rate.perSecond) * 1000;
  return Math.ceil(from - now + refill);
}

/** The bucket after one call at `now`; call only when waitMs is 0. */
export function take(bucket: Bucket, rate: Rate, now: number): Bucket {
  return { tokens: Math.max(0, tokensAt(bucket, rate, now) - 1), at: now };
}

/**
 * The bucket once Slack answered a call at `now`: the call may have reached Slack as late as that, so the refill
 * credited while it was in flight is dropped. Our count then never runs ahead of Slack's, whatever the latency.
 */
export const answered = (bucket: Bucket, now: number): Bucket => ({
  tokens: bucket.tokens,
  at: Math.max(bucket.at, now),
});

/**
 * The bucket after Slack answered 429 at `now` with Retry-After: nothing until the pause is over, then one call (the
 * one that was refused), then the usual rate. What Slack counted is its business: its answer replaces our estimate.
 */
export function paused(now: number, retryAfterSeconds: number): Bucket {
  return { tokens: 1, at: now + Math.max(0, retryAfterSeconds) * 1000 };
}

/** A bucket that is full again is indistinguishable from a new one, so its lane can be forgotten. */
export const isFull = (bucket: Bucket, rate: Rate, now: number): boolean => tokensAt(bucket, rate, now) >= rate.burst;

/** A rate slowed by `headroom` (0.95: 5% slower), so clock and network jitter never tip a call over Slack's limit. */
export const withHeadroom = (rate: Rate, headroom: number): Rate => ({
  perSecond: rate.perSecond * headroom,
  burst: rate.burst,
});
