import { describe, expect, it } from 'vitest';
import { formatZonedDate, formatZonedDateTime } from '../../src/domain/time/zoned-format.js';
import {
  describeOccurrenceTime,
  nextOccurrences,
  type RitualSchedule,
} from '../../src/features/rituals/domain/index.js';

/** A daily-ish series: every week on Sunday, so it lands on the daylight-saving Sundays. */
const sundays = (localTime: string, timeZone: string, anchorDate: string): RitualSchedule => ({
  cadence: { type: 'weekly', everyWeeks: 1, weekday: 7, anchorDate },
  localTime,
  timeZone,
  skipDates: [],
  paused: false,
});

const first = (s: RitualSchedule, after: string) => nextOccurrences(s, new Date(after), 1)[0]!;

describe('formatZonedDateTime', () => {
  it.each([
    ['2027-03-30T01:30:00Z', 'Europe/Rome', 'Tue 30 Mar 2027, 03:30 Europe/Rome'],
    ['2026-11-24T09:00:00Z', 'Europe/Rome', 'Tue 24 Nov 2026, 10:00 Europe/Rome'],
    ['2026-12-31T23:30:00Z', 'America/New_York', 'Thu 31 Dec 2026, 18:30 America/New_York'],
    ['2026-12-31T23:30:00Z', 'Asia/Kolkata', 'Fri 1 Jan 2027, 05:00 Asia/Kolkata'],
    ['2027-01-04T00:05:00Z', 'UTC', 'Mon 4 Jan 2027, 00:05 UTC'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(formatZonedDateTime(new Date(iso), zone)).toBe(expected);
    expect(formatZonedDate(new Date(iso), zone)).toBe(expected.slice(0, expected.indexOf(',')));
  });
});

describe('describeOccurrenceTime on daylight-saving days', () => {
  it('03:30 on the Rome spring-forward day exists: said as it is', () => {
    const s = sundays('03:30', 'Europe/Rome', '2027-03-28');
    const at = first(s, '2027-03-27T00:00:00Z');
    expect(at.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(describeOccurrenceTime(at, s)).toEqual({ local: 'Sun 28 Mar 2027, 03:30 Europe/Rome', note: null });
  });

  it('02:30 on the Rome spring-forward day does not exist: it says it posts at 03:30', () => {
    const s = sundays('02:30', 'Europe/Rome', '2027-03-28');
    const at = first(s, '2027-03-27T00:00:00Z');
    expect(at.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(describeOccurrenceTime(at, s)).toEqual({
      local: 'Sun 28 Mar 2027, 03:30 Europe/Rome',
      note: '02:30 does not exist that day (clocks go forward), so it posts at 03:30',
    });
    // The week after, 02:30 is an ordinary time again.
    const next = nextOccurrences(s, new Date('2027-03-27T00:00:00Z'), 2)[1]!;
    expect(describeOccurrenceTime(next, s)).toEqual({ local: 'Sun 4 Apr 2027, 02:30 Europe/Rome', note: null });
  });

  it('02:30 on the Rome fall-back day happens twice: it says it posts at the first', () => {
    const s = sundays('02:30', 'Europe/Rome', '2027-10-31');
    const at = first(s, '2027-10-30T00:00:00Z');
    expect(at.toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(describeOccurrenceTime(at, s)).toEqual({
      local: 'Sun 31 Oct 2027, 02:30 Europe/Rome',
      note: '02:30 happens twice that day (clocks go back); it posts at the first, before the change',
    });
    const afterTheChange = sundays('03:30', 'Europe/Rome', '2027-10-31');
    expect(describeOccurrenceTime(first(afterTheChange, '2027-10-30T00:00:00Z'), afterTheChange)).toEqual({
      local: 'Sun 31 Oct 2027, 03:30 Europe/Rome',
      note: null,
    });
  });

  it('a half-hour change (Lord Howe Island): 02:15 posts at 02:45', () => {
    const s = sundays('02:15', 'Australia/Lord_Howe', '2026-10-04');
    const at = first(s, '2026-10-03T00:00:00Z');
    expect(describeOccurrenceTime(at, s)).toEqual({
      local: 'Sun 4 Oct 2026, 02:45 Australia/Lord_Howe',
      note: '02:15 does not exist that day (clocks go forward), so it posts at 02:45',
    });
  });
});
