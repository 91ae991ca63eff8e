import { dayNumber, parseLocalTime } from '../../../domain/time/calendar.js';
import { formatMinutes, formatZonedDateTime } from '../../../domain/time/zoned-format.js';
import { wallClockAt } from '../../../domain/time/zoned-time.js';
import type { RitualSchedule } from './ritual.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface OccurrenceTime {
  /** The ritual's own wall clock at the occurrence: "Sun 28 Mar 2027, 03:30 Europe/Rome". */
  local: string;
  /** Set on daylight-saving days when the ritual's time does not exist or happens twice: what actually happens. */
  note: string | null;
}

/** Offset (local minus UTC) in minutes at an instant. */
function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallClockAt(new Date(ms), timeZone);
  return Math.round(
    (dayNumber(w) * DAY_MS + w.minutes * MINUTE_MS - Math.floor(ms / MINUTE_MS) * MINUTE_MS) / MINUTE_MS,
  );
}

/**
 * How an occurrence reads in the ritual's zone, said truthfully on daylight-saving days: a time that does not
 * exist that day posts later by the gap (occurrences.ts), and an ambiguous one posts at the first of the two.
 */
export function describeOccurrenceTime(
  at: Date,
  schedule: Pick<RitualSchedule, 'localTime' | 'timeZone'>,
): OccurrenceTime {
  const local = formatZonedDateTime(at, schedule.timeZone);
  const wanted = parseLocalTime(schedule.localTime);
  if (wanted === undefined) return { local, note: null };
  const shown = wallClockAt(at, schedule.timeZone);
  const time = formatMinutes(wanted);
  if (shown.minutes !== wanted) {
    return {
      local,
      note: `${time} does not exist that day (clocks go forward), so it posts at ${formatMinutes(shown.minutes)}`,
    };
  }
  // The same wall time again later that day, once clocks go back by the difference in offsets?
  const change =
    offsetMinutes(at.getTime() - DAY_MS, schedule.timeZone) - offsetMinutes(at.getTime() + DAY_MS, schedule.timeZone);
  if (change > 0) {
    const again = wallClockAt(new Date(at.getTime() + change * MINUTE_MS), schedule.timeZone);
    if (dayNumber(again) === dayNumber(shown) && again.minutes === wanted) {
      return {
        local,
        note: `${time} happens twice that day (clocks go back); it posts at the first, before the change`,
      };
    }
  }
  return { local, note: null };
}
