import { dayNumber, type LocalDate } from './calendar.js';

/**
 * Wall clock <-> instant for an IANA time zone, with nothing but Intl. DST rules:
 * a local time that does not exist that day (spring forward) moves forward by the gap
 * (02:30 in a 02:00->03:00 gap becomes 03:30); an ambiguous one (fall back) takes the first, earlier instant.
 */

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

export interface WallClock extends LocalDate {
  /** Minutes after local midnight. */
  minutes: number;
}

/** The local date and time of an instant in a time zone. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, minutes: parts.hour! * 60 + parts.minute! };
}

/** Offset (local minus UTC) in ms at an instant, to the minute. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClockAt(new Date(ms), timeZone);
  const asUtc = dayNumber(w) * 86_400_000 + w.minutes * 60_000;
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

// Home, digests and SLA clocks ask for the same local times again and again, and each costs five Intl calls.
const knownInstants = new Map<string, number>();
const KNOWN_INSTANTS_LIMIT = 20_000;

/** The instant at which the wall clock in `timeZone` shows `date` at `minutes` after midnight, by the rules above. */
export function zonedToUtc(date: LocalDate, minutes: number, timeZone: string): Date {
  const key = `${timeZone} ${dayNumber(date)} ${minutes}`;
  const known = knownInstants.get(key);
  if (known !== undefined) return new Date(known);
  const at = instantOf(date, minutes, timeZone);
  if (knownInstants.size >= KNOWN_INSTANTS_LIMIT) knownInstants.clear();
  knownInstants.set(key, at.getTime());
  return at;
}

function instantOf(date: LocalDate, minutes: number, timeZone: string): Date {
  const asUtc = dayNumber(date) * 86_400_000 + minutes * 60_000;
  // Offsets a day either side: no zone changes its offset twice within two days.
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((ms) => {
      const w = wallClockAt(new Date(ms), timeZone);
      return dayNumber(w) === dayNumber(date) && w.minutes === minutes;
    })
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]!);
  // In the gap: read the wall time with the offset from before the change, which lands after it.
  return new Date(asUtc - before);
}
