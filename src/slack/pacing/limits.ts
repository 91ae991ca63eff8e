import type { Rate } from './bucket.js';

/** What one bucket counts: one channel's calls of a method, or the whole workspace's calls of it. */
export type PaceScope = 'channel' | 'workspace';

export interface PaceRule {
  scope: PaceScope;
  rate: Rate;
  /** Calls of one lane in flight at once: 1 keeps a channel's messages in order. */
  concurrency: number;
}

/**
 * Slack's published limits for the calls Loopkeeper makes in bulk. Slack limits an app per workspace, so every bucket
 * is also per workspace.
 * - chat.postMessage: a special limit of about 1 message per second per channel, with short bursts allowed.
 * - chat.update: Tier 3, 50+ per minute per workspace.
 * - chat.postEphemeral: Tier 4, 100+ per minute per workspace.
 */
export const SLACK_LIMITS: Readonly<Record<string, PaceRule>> = {
  'chat.postMessage': { scope: 'channel', rate: { perSecond: 1, burst: 3 }, concurrency: 1 },
  // A workspace-wide lane serves every channel: one slow answer must not hold up the others' calls.
  'chat.update': { scope: 'workspace', rate: { perSecond: 50 / 60, burst: 50 }, concurrency: 10 },
  'chat.postEphemeral': { scope: 'workspace', rate: { perSecond: 100 / 60, burst: 100 }, concurrency: 10 },
};

/** The lane a call waits in: calls that share a key share a bucket; a channel's lane sends one at a time, in order. */
export function laneKey(rule: PaceRule, call: { teamId: string; channel: string; method: string }): string {
  const where = rule.scope === 'channel' ? call.channel : '*';
  return `${call.teamId}\u0000${where}\u0000${call.method}`;
}
