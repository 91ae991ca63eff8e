import {
  dayNumber,
  formatLocalDate,
  fromDayNumber,
  isoWeekday,
  type LocalDate,
  parseLocalDate,
} from '../../../domain/time/calendar.js';
import { wallClockAt, zonedToUtc } from '../../../domain/time/zoned-time.js';
import type { Period } from './records.js';

/**
 * A KPI period in whole days of a time zone: `days` days from local midnight of `firstDay`. Periods are whole local
 * days so that "3 Nov to 23 Nov" means those days as the team lives them, not a rolling window to the minute.
 */
export interface LocalDays {
  /** YYYY-MM-DD */
  firstDay: string;
  /** At least 1. */
  days: number;
  timeZone: string;
}

const dayOf = (text: string): LocalDate => {
  const date = parseLocalDate(text);
  if (!date) throw new RangeError(`"${text}" is not a YYYY-MM-DD day`);
  return date;
};
const shift = (date: LocalDate, days: number): LocalDate => fromDayNumber(dayNumber(date) + days);
const localDayOf = (at: Date, timeZone: string): LocalDate => {
  const { year, month, day } = wallClockAt(at, timeZone);
  return { year, month, day };
};

/** The instants the days cover: [local midnight of the first day, local midnight after the last), across DST changes. */
export function localDaysPeriod(range: LocalDays): Period {
  const first = dayOf(range.firstDay);
  return { from: zonedToUtc(first, 0, range.timeZone), to: zonedToUtc(shift(first, range.days), 0, range.timeZone) };
}

/** The last day of the range (YYYY-MM-DD). */
export const lastDayOf = (range: LocalDays): string => formatLocalDate(shift(dayOf(range.firstDay), range.days - 1));

/** The same number of days just before: what each figure is compared with. */
export const previousLocalDays = (range: LocalDays): LocalDays => ({
  ...range,
  firstDay: formatLocalDate(shift(dayOf(range.firstDay), -range.days)),
});

/** The `days` whole days before the day `at` falls on in `timeZone`: that day itself is not over, so it is left out. */
export function daysBefore(at: Date, days: number, timeZone: string): LocalDays {
  return { firstDay: formatLocalDate(shift(localDayOf(at, timeZone), -days)), days, timeZone };
}

/**
 * The whole days from the one `period.from` falls on up to the one `period.to` falls on (not included): a GTM review
 * at 10:00 every third Tuesday covers the 21 days from the previous review day to the day before this one. A period
 * within one day covers the day before it, so a section is never about nothing.
 */
export function wholeDaysOf(period: Period, timeZone: string): LocalDays {
  const first = localDayOf(period.from, timeZone);
  const end = localDayOf(period.to, timeZone);
  const days = dayNumber(end) - dayNumber(first);
  return days >= 1 ? { firstDay: formatLocalDate(first), days, timeZone } : daysBefore(period.to, 1, timeZone);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const dayName = (d: LocalDate, withYear: boolean) =>
  `${WEEKDAYS[isoWeekday(d) - 1]} ${d.day} ${MONTHS[d.month - 1]}${withYear ? ` ${d.year}` : ''}`;

/** "Tue 3 Nov – Mon 23 Nov 2026", "Mon 28 Dec 2026 – Sun 3 Jan 2027", or one day "Tue 3 Nov 2026". */
export function formatLocalDays(range: LocalDays): string {
  const first = dayOf(range.firstDay);
  const last = shift(first, range.days - 1);
  if (range.days === 1) return dayName(first, true);
  return `${dayName(first, first.year !== last.year)} – ${dayName(last, true)}`;
}
