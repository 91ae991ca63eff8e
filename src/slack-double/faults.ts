import type { ChannelRateLimit, Fault } from './types.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

interface QueuedFault {
  fault: Fault;
  /** Only calls made in this workspace take it; undefined: any call. */
  teamId: string | undefined;
}

/** failNext() queues and the optional per-channel chat.postMessage rate limit. */
export class Faults {
  private readonly queued = new Map<string, QueuedFault[]>();
  private rateLimit: ChannelRateLimit | undefined;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  failNext(method: string, fault: Fault, times = 1, teamId?: string): void {
    const list = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push({ fault, teamId });
    this.queued.set(method, list);
  }

  /** The next fault queued for `method` that applies to a call made in `teamId` (undefined: no workspace known). */
  take(method: string, teamId?: string): Fault | undefined {
    const list = this.queued.get(method);
    if (!list) return undefined;
    const index = list.findIndex((q) => q.teamId === undefined || q.teamId === teamId);
    if (index === -1) return undefined;
    const [taken] = list.splice(index, 1);
    if (list.length === 0) this.queued.delete(method);
    return taken?.fault;
  }

  setChannelRateLimit(limit: ChannelRateLimit | undefined): void {
    this.rateLimit = limit;
    this.buckets.clear();
  }

  /**
   * Consumes one token for the channel (each workspace's channels have buckets of their own, as Slack limits an app
   * per workspace); returns the Retry-After seconds if the call is over the limit.
   */
  overLimit(channelId: string, teamId = ''): number | undefined {
    const limit = this.rateLimit;
    if (!limit) return undefined;
    const now = this.now();
    const key = `${teamId}\u0000${channelId}`;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, updatedAt: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
  }
}
