/** SLA clocks in business days (Monday-Friday) on the team's wall clock. Pure: time comes in as arguments. */

import { dayNumber, fromDayNumber, isoWeekday } from '../../../domain/time/calendar.js';
import { wallClockAt, zonedToUtc } from '../../../domain/time/zoned-time.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `start` plus `days` business days at the same local time. A start on a weekend counts from Monday 00:00,
 * so an item shared on Saturday is due Monday at midnight + n business days (i.e. the end of Monday for n=1).
 * Local times follow the rituals' DST rules (src/domain/time/zoned-time.ts).
 */
export function addBusinessDays(start: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  const wall = wallClockAt(start, timeZone);
  let day = dayNumber(wall);
  let minutes = wall.minutes;
  // Offsets are whole minutes, so the seconds within the minute carry over unchanged.
  let withinMinute = start.getTime() % MINUTE_MS;
  const isWeekend = (n: number) => isoWeekday(fromDayNumber(n)) >= 6;
  if (isWeekend(day)) {
    while (isWeekend(day)) day += 1;
    minutes = 0;
    withinMinute = 0;
  }
  for (let left = days; left > 0; ) {
    day += 1;
    if (!isWeekend(day)) left -= 1;
  }
  return new Date(zonedToUtc(fromDayNumber(day), minutes, timeZone).getTime() + withinMinute);
}

export interface SlaPolicy {
  slaBusinessDays: number;
  timeZone: string;
}

/** When the reminder is due (one SLA) and when it escalates (twice the SLA), counted from sharing. */
export function slaDeadlines(sharedAt: Date, policy: SlaPolicy): { remindAt: Date; escalateAt: Date } {
  return {
    remindAt: addBusinessDays(sharedAt, policy.slaBusinessDays, policy.timeZone),
    escalateAt: addBusinessDays(sharedAt, policy.slaBusinessDays * 2, policy.timeZone),
  };
}

/**
 * The latest share time that is past the SLA at `now`, found by binary search because the due time grows with the
 * share time. Every item shared at or before it is overdue, so a database can count them with one comparison.
 * One exception: where clocks go back on a weekday, a share in the repeated hour can fall due up to an hour
 * earlier than one shared just before it, so items shared within OVERDUE_RECHECK_MS after the cut-off must be
 * checked one by one with slaState.
 */
export function overdueSharedCutoff(now: Date, policy: SlaPolicy): Date {
  const dueBy = (sharedMs: number) =>
    addBusinessDays(new Date(sharedMs), policy.slaBusinessDays, policy.timeZone).getTime() <= now.getTime();
  // Far enough back to be overdue whatever the weekends: n business days span at most 7n/5 + 3 calendar days.
  let lo = now.getTime() - (Math.ceil((policy.slaBusinessDays * 7) / 5) + 4) * DAY_MS;
  while (!dueBy(lo)) lo -= 7 * DAY_MS;
  let hi = now.getTime() + 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dueBy(mid)) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}

/** After the cut-off, how long a stretch of share times `slaState` must decide (DST fall-back is at most 1 h). */
export const OVERDUE_RECHECK_MS = 3 * 60 * 60 * 1000;

export type SlaState = 'ok' | 'remind' | 'escalate';

/** What an unacknowledged item needs now; each step happens once (the caller records it). */
export function slaState(sharedAt: Date, now: Date, policy: SlaPolicy): SlaState {
  const { remindAt, escalateAt } = slaDeadlines(sharedAt, policy);
  if (now.getTime() >= escalateAt.getTime()) return 'escalate';
  if (now.getTime() >= remindAt.getTime()) return 'remind';
  return 'ok';
}

/** Calendar days: an active item with no update for `stallDays` is stalled. */
export function isStalled(lastUpdateAt: Date, now: Date, stallDays: number): boolean {
  return now.getTime() - lastUpdateAt.getTime() >= stallDays * DAY_MS;
}
