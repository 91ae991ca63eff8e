import type { Period } from './records.js';

/** The period of the same length just before this one. */
export const previousPeriod = (period: Period): Period => ({
  from: new Date(period.from.getTime() - (period.to.getTime() - period.from.getTime())),
  to: period.from,
});

export interface Change {
  /** current - previous; null when either is missing. */
  delta: number | null;
  /** delta / |previous| as a fraction; null when previous is 0 or missing (no meaningful percentage). */
  relative: number | null;
}

export function change(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { delta: null, relative: null };
  const delta = current - previous;
  return { delta, relative: previous === 0 ? null : delta / Math.abs(previous) };
}
