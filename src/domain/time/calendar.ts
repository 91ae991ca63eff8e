/** Calendar arithmetic on local dates (no time zone, no clock): days since 1970-01-01, weekdays, month lengths. */

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

const DAY_MS = 86_400_000;

export const dayNumber = (d: LocalDate): number => Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);

export function fromDayNumber(n: number): LocalDate {
  const at = new Date(n * DAY_MS);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/** ISO weekday: 1 Monday ... 7 Sunday. */
export const isoWeekday = (d: LocalDate): number => ((new Date(dayNumber(d) * DAY_MS).getUTCDay() + 6) % 7) + 1;

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const formatLocalDate = (d: LocalDate): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Parses "YYYY-MM-DD" into a real calendar date, or undefined (2026-02-30 is undefined). */
export function parseLocalDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Parses "HH:MM" (24 h) into minutes after midnight, or undefined. */
export function parseLocalTime(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
