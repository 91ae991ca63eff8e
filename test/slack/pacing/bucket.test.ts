import { describe, expect, it } from 'vitest';
import {
  answered,
  fullBucket,
  isFull,
  paused,
  take,
  tokensAt,
  waitMs,
  withHeadroom,
} from '../../../src/slack/pacing/bucket.js';
import { laneKey, SLACK_LIMITS } from '../../../src/slack/pacing/limits.js';

const slack = { perSecond: 1, burst: 3 };

describe('token bucket', () => {
  it('lets a burst through at once, then one call per second', () => {
    let bucket = fullBucket(slack, 0);
    const sentAt: number[] = [];
    let now = 0;
    for (let i = 0; i < 6; i += 1) {
      now += waitMs(bucket, slack, now);
      bucket = take(bucket, slack, now);
      sentAt.push(now);
    }
    expect(sentAt).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('refills while idle, but never above the burst', () => {
    let bucket = fullBucket(slack, 0);
    for (let i = 0; i < 3; i += 1) bucket = take(bucket, slack, 0);
    expect(tokensAt(bucket, slack, 0)).toBe(0);
    expect(tokensAt(bucket, slack, 1500)).toBe(1.5);
    expect(tokensAt(bucket, slack, 60_000)).toBe(3);
    expect(isFull(bucket, slack, 2999)).toBe(false);
    expect(isFull(bucket, slack, 3000)).toBe(true);
  });

  it('waits what a fraction of a token still needs', () => {
    const bucket = { tokens: 0.25, at: 10_000 };
    expect(waitMs(bucket, slack, 10_000)).toBe(750);
    expect(waitMs(bucket, slack, 10_500)).toBe(250);
    expect(waitMs(bucket, slack, 10_750)).toBe(0);
  });

  it('after a 429, allows nothing until Retry-After is over, then the refused call, then the usual rate', () => {
    let bucket = paused(5000, 3);
    expect(tokensAt(bucket, slack, 7999)).toBe(0);
    expect(waitMs(bucket, slack, 5000)).toBe(3000);
    expect(waitMs(bucket, slack, 8000)).toBe(0);
    bucket = take(bucket, slack, 8000);
    expect(waitMs(bucket, slack, 8000)).toBe(1000);
  });

  it('counts a call as made when Slack answered it, so latency never puts us ahead of Slack', () => {
    let bucket = fullBucket(slack, 0);
    for (let i = 0; i < 3; i += 1) bucket = take(bucket, slack, 0);
    // Sent at 0, answered at 300: Slack may have counted it at 300, and refilled from there.
    bucket = answered(bucket, 300);
    expect(waitMs(bucket, slack, 300)).toBe(1000);
    expect(tokensAt(bucket, slack, 1300)).toBe(1);
  });

  it('paces slower by the headroom, with the same burst', () => {
    const rate = withHeadroom(slack, 0.95);
    expect(rate.burst).toBe(3);
    const bucket = { tokens: 0, at: 0 };
    expect(waitMs(bucket, rate, 0)).toBe(1053);
  });
});

describe('lanes', () => {
  const post = SLACK_LIMITS['chat.postMessage']!;
  const update = SLACK_LIMITS['chat.update']!;

  it('keep chat.postMessage apart per workspace and channel, as Slack counts it', () => {
    const a = laneKey(post, { teamId: 'T1', channel: 'C1', method: 'chat.postMessage' });
    expect(laneKey(post, { teamId: 'T1', channel: 'C2', method: 'chat.postMessage' })).not.toBe(a);
    expect(laneKey(post, { teamId: 'T2', channel: 'C1', method: 'chat.postMessage' })).not.toBe(a);
    expect(laneKey(post, { teamId: 'T1', channel: 'C1', method: 'chat.postMessage' })).toBe(a);
  });

  it('count a tier-limited method once per workspace, whatever the channel', () => {
    expect(laneKey(update, { teamId: 'T1', channel: 'C1', method: 'chat.update' })).toBe(
      laneKey(update, { teamId: 'T1', channel: 'C2', method: 'chat.update' }),
    );
    expect(post.rate).toEqual({ perSecond: 1, burst: 3 });
  });
});
