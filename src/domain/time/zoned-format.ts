import { isoWeekday } from './calendar.js';
import { wallClockAt } from './zoned-time.js';

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Minutes after midnight as "HH:MM". */
export const formatMinutes = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** An instant as the wall clock in `timeZone` shows it, with the zone named: "Tue 30 Mar 2027, 03:30 Europe/Rome". */
export function formatZonedDateTime(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  return `${formatZonedDate(instant, timeZone)}, ${formatMinutes(w.minutes)} ${timeZone}`;
}

/** The local date alone of an instant in `timeZone`: "Tue 30 Mar 2027". */
export function formatZonedDate(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  return `${WEEKDAY_SHORT[isoWeekday(w) - 1]} ${w.day} ${MONTH_SHORT[w.month - 1]} ${w.year}`;
}
