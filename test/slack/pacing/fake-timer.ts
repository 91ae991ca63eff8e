import type { PacerTimer } from '../../../src/slack/pacing/pacer.js';

/** A pacer timer the test moves: sleeps end only when the test runs time forward. */
export function createFakeTimer(start = 0) {
  let now = start;
  const sleepers: Array<{ until: number; wake: () => void }> = [];
  const requested: number[] = [];
  const settle = () => new Promise<void>((done) => setImmediate(done));
  const timer: PacerTimer = {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((wake) => {
        requested.push(ms);
        sleepers.push({ until: now + ms, wake });
      }),
  };
  return {
    timer,
    now: () => now,
    /** Every sleep the pacer asked for, in ms. */
    requested,
    sleeping: () => sleepers.length,
    /** When the next sleep ends, if any is pending. */
    nextWake: () => (sleepers.length ? Math.min(...sleepers.map((s) => s.until)) : undefined),
    /** Lets the work that is not waiting on the timer run (HTTP included: it ends in I/O callbacks). */
    settle,
    /** Moves time to `at`, waking every sleep due by then, in order. */
    async advanceTo(at: number) {
      for (;;) {
        await settle();
        sleepers.sort((a, b) => a.until - b.until);
        const next = sleepers[0];
        if (!next || next.until > at) break;
        sleepers.shift();
        now = next.until;
        next.wake();
      }
      now = Math.max(now, at);
      await settle();
    },
  };
}
