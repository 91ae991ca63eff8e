/** SLA clocks in business days (Monday-Friday) on the team's wall clock. Pure: time comes in as arguments. */

interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function toWallClock(at: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: at.getUTCMilliseconds(),
  };
}

/** The instant the wall clock shows `w` in `timeZone` (the later one in a DST gap, the first in an overlap). */
export function fromWallClock(w: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  let guess = asUtc;
  for (let i = 0; i < 3; i += 1) {
    const shown = toWallClock(new Date(guess), timeZone);
    const shownUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second, w.millisecond);
    const diff = shownUtc - asUtc;
    if (diff === 0) break;
    guess -= diff;
  }
  return new Date(guess);
}

/** 0 = Sunday ... 6 = Saturday, for a calendar date. */
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
const isWeekend = (y: number, m: number, d: number) => {
  const w = weekday(y, m, d);
  return w === 0 || w === 6;
};

function addCalendarDays(w: WallClock, days: number): WallClock {
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * `start` plus `days` business days at the same local time. A start on a weekend counts from Monday 00:00,
 * so an item shared on Saturday is due Monday at midnight + n business days (i.e. the end of Monday for n=1).
 */
export function addBusinessDays(start: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  let w = toWallClock(start, timeZone);
  if (isWeekend(w.year, w.month, w.day)) {
    while (isWeekend(w.year, w.month, w.day)) w = addCalendarDays(w, 1);
    w = { ...w, hour: 0, minute: 0, second: 0, millisecond: 0 };
  }
  let left = days;
  while (left > 0) {
    w = addCalendarDays(w, 1);
    if (!isWeekend(w.year, w.month, w.day)) left -= 1;
  }
  return fromWallClock(w, timeZone);
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

export type SlaState = 'ok' | 'remind' | 'escalate';

/** What an unacknowledged item needs now; each step happens once (the caller records it). */
export function slaState(sharedAt: Date, now: Date, policy: SlaPolicy): SlaState {
  const { remindAt, escalateAt } = slaDeadlines(sharedAt, policy);
  if (now.getTime() >= escalateAt.getTime()) return 'escalate';
  if (now.getTime() >= remindAt.getTime()) return 'remind';
  return 'ok';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days: an active item with no update for `stallDays` is stalled. */
export function isStalled(lastUpdateAt: Date, now: Date, stallDays: number): boolean {
  return now.getTime() - lastUpdateAt.getTime() >= stallDays * DAY_MS;
}

/** "3 h 20 min", "2 d 4 h", "45 min": how long an acknowledgement took. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}
