import { formatZonedDate, formatZonedDateTime } from '../../../../domain/time/zoned-format.js';
import type { RitualSchedule } from '../../domain/index.js';
import { describeOccurrenceTime } from '../../domain/index.js';

const DEFAULT_FORMAT = '{date_short_pretty} at {time}';

/**
 * Slack's date token, shown in each reader's own zone; where Slack can't render it, the ritual's zone-local date
 * (and time, when the format shows one).
 */
export function ritualDateToken(at: Date, timeZone: string, format = DEFAULT_FORMAT): string {
  const fallback = format.includes('{time') ? formatZonedDateTime(at, timeZone) : formatZonedDate(at, timeZone);
  return `<!date^${Math.floor(at.getTime() / 1000)}^${format}|${fallback}>`;
}

/**
 * An occurrence for people in any zone: the reader's local time, then the ritual's own wall clock in its zone, e.g.
 * "<!date^…> (Tue 30 Mar 2027, 03:30 Europe/Rome)", and on daylight-saving days what actually happens.
 */
export function ritualOccurrenceText(
  at: Date,
  schedule: Pick<RitualSchedule, 'localTime' | 'timeZone'>,
  format = DEFAULT_FORMAT,
): string {
  const { local, note } = describeOccurrenceTime(at, schedule);
  return `${ritualDateToken(at, schedule.timeZone, format)} (${local}${note ? `: ${note}` : ''})`;
}
