/** Local days (YYYY-MM-DD in a time zone): what today is there, how people read one, and the instant that stands for it. */
import { formatLocalDate, isoWeekday, parseLocalDate } from './calendar.js';
import { wallClockAt, zonedToUtc } from './zoned-time.js';

/** The wall-clock date (YYYY-MM-DD) and hour of an instant in an IANA time zone. */
export function localDateTime(at: Date, timeZone: string): { date: string; hour: number } {
  const wall = wallClockAt(at, timeZone);
  return { date: formatLocalDate(wall), hour: Math.floor(wall.minutes / 60) };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A YYYY-MM-DD day as people read it, "Tue 1 Dec 2026"; anything else is returned as it is. */
export function formatDay(day: string): string {
  const date = parseLocalDate(day);
  if (!date) return day;
  return `${WEEKDAYS[isoWeekday(date) - 1]} ${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}

/**
 * The instant that stands for a local day in a viewer-local date token: midday in the team's zone, which is the same
 * day for anyone within twelve hours of it. Undefined for text that is no calendar day.
 */
export function middayOf(day: string, timeZone: string): Date | undefined {
  const date = parseLocalDate(day);
  return date ? zonedToUtc(date, 12 * 60, timeZone) : undefined;
}
