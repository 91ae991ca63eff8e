import {
  dayNumber,
  daysInMonth,
  formatLocalDate,
  fromDayNumber,
  isoWeekday,
  type LocalDate,
  parseLocalDate,
  parseLocalTime,
} from '../../../domain/time/calendar.js';
import { wallClockAt, zonedToUtc } from '../../../domain/time/zoned-time.js';
import type { Cadence, RitualSchedule } from './ritual.js';

/** The local dates the cadence falls on, from `firstDay` to `lastDay` (day numbers, inclusive), in order. */
function cadenceDates(cadence: Cadence, firstDay: number, lastDay: number): LocalDate[] {
  const dates: LocalDate[] = [];
  if (cadence.type === 'weekly') {
    const anchor = parseLocalDate(cadence.anchorDate);
    if (!anchor || cadence.everyWeeks < 1) return dates;
    // The series starts at the first `weekday` on or after the anchor and steps by whole weeks (day numbers, so
    // year boundaries and leap days cannot shift the parity).
    const anchorDay = dayNumber(anchor);
    const start = anchorDay + ((cadence.weekday - isoWeekday(anchor) + 7) % 7);
    const step = 7 * cadence.everyWeeks;
    let day = start;
    if (firstDay > start) day = start + Math.ceil((firstDay - start) / step) * step;
    for (; day <= lastDay; day += step) dates.push(fromDayNumber(day));
    return dates;
  }
  const first = fromDayNumber(firstDay);
  // Month by month from the first day's month; `index` counts months since January of year 0.
  for (let index = first.year * 12 + first.month - 1; ; index += 1) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const date = monthlyDate(cadence, year, month);
    const n = dayNumber(date);
    if (dayNumber({ year, month, day: 1 }) > lastDay) break;
    if (n >= firstDay && n <= lastDay) dates.push(date);
  }
  return dates;
}

function monthlyDate(cadence: Exclude<Cadence, { type: 'weekly' }>, year: number, month: number): LocalDate {
  const length = daysInMonth(year, month);
  if (cadence.type === 'monthly_day') return { year, month, day: Math.min(cadence.day, length) };
  if (cadence.nth === -1) {
    const last = { year, month, day: length };
    return { year, month, day: length - ((isoWeekday(last) - cadence.weekday + 7) % 7) };
  }
  const firstOfMonth = { year, month, day: 1 };
  return { year, month, day: 1 + ((cadence.weekday - isoWeekday(firstOfMonth) + 7) % 7) + 7 * (cadence.nth - 1) };
}

/**
 * The ritual's occurrences in [fromUtc, toUtc), in order: each cadence date at the local time in the ritual's
 * time zone (kept across daylight-saving changes; a time that does not exist moves forward, an ambiguous one
 * takes the first), minus skip dates; none while paused.
 */
export function occurrencesBetween(ritual: RitualSchedule, fromUtc: Date, toUtc: Date): Date[] {
  if (ritual.paused || toUtc.getTime() <= fromUtc.getTime()) return [];
  const minutes = parseLocalTime(ritual.localTime);
  if (minutes === undefined) return [];
  // Local dates around the window, a day of margin each side for any UTC offset.
  const firstDay = dayNumber(wallClockAt(fromUtc, ritual.timeZone)) - 1;
  const lastDay = dayNumber(wallClockAt(toUtc, ritual.timeZone)) + 1;
  const skipped = new Set(ritual.skipDates);
  return cadenceDates(ritual.cadence, firstDay, lastDay)
    .filter((date) => !skipped.has(formatLocalDate(date)))
    .map((date) => zonedToUtc(date, minutes, ritual.timeZone))
    .filter((at) => at.getTime() >= fromUtc.getTime() && at.getTime() < toUtc.getTime());
}

const DAY_MS = 86_400_000;

/** The next `count` occurrences at or after `after` (searching at most ten years ahead). */
export function nextOccurrences(ritual: RitualSchedule, after: Date, count: number): Date[] {
  const found: Date[] = [];
  let from = after;
  for (let i = 0; i < 40 && found.length < count; i += 1) {
    const to = new Date(from.getTime() + 92 * DAY_MS);
    found.push(...occurrencesBetween(ritual, from, to));
    from = to;
  }
  return found.slice(0, count);
}

/** The latest occurrence strictly before `before`, looking back at most `lookbackDays`. */
export function previousOccurrence(ritual: RitualSchedule, before: Date, lookbackDays = 400): Date | undefined {
  return occurrencesBetween(ritual, new Date(before.getTime() - lookbackDays * DAY_MS), before).at(-1);
}
