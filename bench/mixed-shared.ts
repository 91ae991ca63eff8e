import type { LoopDelayMs } from './loop-delay.js';

/** What bench/mixed-main.ts prints when it stops. */
export interface MixedChildOutput {
  loopDelayMs: LoopDelayMs;
  gtmReviews: { built: number; failed: number; ms: number[] };
  mqaPushed: number;
}

/** The channel the mixed load's MQA cards are delivered to. */
export const MQA_REVIEW_CHANNEL = 'C0MQAREVIEW';
