import type { ChannelRateLimit, Fault } from './types.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** failNext() queues and the optional per-channel chat.postMessage rate limit. */
export class Faults {
  private readonly queued = new Map<string, Fault[]>();
  private rateLimit: ChannelRateLimit | undefined;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  failNext(method: string, fault: Fault, times = 1): void {
    const list = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(fault);
    this.queued.set(method, list);
  }

  take(method: string): Fault | undefined {
    const list = this.queued.get(method);
    const fault = list?.shift();
    if (list && list.length === 0) this.queued.delete(method);
    return fault;
  }

  setChannelRateLimit(limit: ChannelRateLimit | undefined): void {
    this.rateLimit = limit;
    this.buckets.clear();
  }

  /** Consumes one token for the channel; returns the Retry-After seconds if the call is over the limit. */
  overLimit(channelId: string): number | undefined {
    const limit = this.rateLimit;
    if (!limit) return undefined;
    const now = this.now();
    const bucket = this.buckets.get(channelId) ?? { tokens: limit.burst, updatedAt: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(channelId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
  }
}
