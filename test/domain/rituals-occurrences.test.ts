import { describe, expect, it } from 'vitest';
import {
  fallbackMonths,
  nextOccurrences,
  occurrencesBetween,
  previousOccurrence,
  type RitualSchedule,
  zonedToUtc,
} from '../../src/features/rituals/domain/index.js';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const at = (s: string) => new Date(s);

function ritual(partial: Partial<RitualSchedule> & Pick<RitualSchedule, 'cadence'>): RitualSchedule {
  return { localTime: '09:00', timeZone: 'UTC', skipDates: [], paused: false, ...partial };
}

describe('zonedToUtc', () => {
  it.each([
    // [zone, date, time, expected UTC, why]
    ['Europe/Rome', '2026-03-28', '09:00', '2026-03-28T08:00:00.000Z', 'CET, day before spring forward'],
    ['Europe/Rome', '2026-03-29', '09:00', '2026-03-29T07:00:00.000Z', 'CEST, spring-forward day'],
    [
      'Europe/Rome',
      '2026-03-29',
      '02:30',
      '2026-03-29T01:30:00.000Z',
      '02:30 does not exist: moves forward to 03:30 CEST',
    ],
    ['Europe/Rome', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', 'ambiguous 02:30: the first (CEST)'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z', '02:30 does not exist: 03:30 EDT'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', 'ambiguous 01:30: the first (EDT)'],
    ['America/New_York', '2026-11-02', '01:30', '2026-11-02T06:30:00.000Z', 'EST after fall back'],
    ['Asia/Kolkata', '2026-06-01', '09:00', '2026-06-01T03:30:00.000Z', 'half-hour offset'],
  ])('%s %s %s -> %s (%s)', (zone, date, time, expected) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    expect(zonedToUtc({ year: y, month: m, day: d }, hh * 60 + mm, zone).toISOString()).toBe(expected);
  });
});

describe('occurrencesBetween', () => {
  it('keeps 09:00 wall-clock across both daylight-saving changes in Europe/Rome', () => {
    const weekly = ritual({
      timeZone: 'Europe/Rome',
      cadence: { type: 'weekly', everyWeeks: 1, weekday: 1, anchorDate: '2026-03-16' },
    });
    expect(iso(occurrencesBetween(weekly, at('2026-03-20T00:00Z'), at('2026-04-01T00:00Z')))).toEqual([
      '2026-03-23T08:00:00.000Z', // CET
      '2026-03-30T07:00:00.000Z', // CEST
    ]);
    expect(iso(occurrencesBetween(weekly, at('2026-10-20T00:00Z'), at('2026-11-03T00:00Z')))).toEqual([
      '2026-10-26T08:00:00.000Z', // CET again
      '2026-11-02T08:00:00.000Z',
    ]);
  });

  it('keeps 10:00 wall-clock across both daylight-saving changes in America/New_York', () => {
    const weekly = ritual({
      timeZone: 'America/New_York',
      localTime: '10:00',
      cadence: { type: 'weekly', everyWeeks: 1, weekday: 7, anchorDate: '2026-01-04' },
    });
    expect(iso(occurrencesBetween(weekly, at('2026-03-01T00:00Z'), at('2026-03-09T00:00Z')))).toEqual([
      '2026-03-01T15:00:00.000Z', // EST
      '2026-03-08T14:00:00.000Z', // EDT, the Sunday of the change
    ]);
    expect(iso(occurrencesBetween(weekly, at('2026-10-25T00:00Z'), at('2026-11-02T00:00Z')))).toEqual([
      '2026-10-25T14:00:00.000Z',
      '2026-11-01T15:00:00.000Z', // EST, the Sunday of the change
    ]);
  });

  it('moves a 02:30 ritual forward on spring-forward day and back to 02:30 the next week', () => {
    const weekly = ritual({
      timeZone: 'Europe/Rome',
      localTime: '02:30',
      cadence: { type: 'weekly', everyWeeks: 1, weekday: 7, anchorDate: '2026-03-22' },
    });
    expect(iso(occurrencesBetween(weekly, at('2026-03-22T00:00Z'), at('2026-04-06T00:00Z')))).toEqual([
      '2026-03-22T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:30:00.000Z', // 02:30 missing: 03:30 CEST
      '2026-04-05T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('keeps every-3-weeks parity across a year boundary and a leap day', () => {
    const gtm = ritual({ cadence: { type: 'weekly', everyWeeks: 3, weekday: 2, anchorDate: '2027-11-30' } });
    const dates = occurrencesBetween(gtm, at('2027-11-01T00:00Z'), at('2028-04-01T00:00Z')).map((d) =>
      d.toISOString().slice(0, 10),
    );
    expect(dates).toEqual(['2027-11-30', '2027-12-21', '2028-01-11', '2028-02-01', '2028-02-22', '2028-03-14']);
    for (let i = 1; i < dates.length; i += 1) {
      expect((Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)) / 86_400_000).toBe(21);
    }
    // A window starting mid-series finds the same dates (parity comes from the anchor, not the window).
    expect(
      occurrencesBetween(gtm, at('2028-02-23T00:00Z'), at('2028-03-15T00:00Z')).map((d) =>
        d.toISOString().slice(0, 10),
      ),
    ).toEqual(['2028-03-14']);
  });

  it('starts a weekly series on the first matching weekday on or after the anchor', () => {
    const r = ritual({ cadence: { type: 'weekly', everyWeeks: 2, weekday: 4, anchorDate: '2026-11-23' } });
    expect(iso(nextOccurrences(r, at('2026-01-01T00:00Z'), 2))).toEqual([
      '2026-11-26T09:00:00.000Z',
      '2026-12-10T09:00:00.000Z',
    ]);
  });

  it.each([
    [
      'last Thursday',
      { type: 'monthly_weekday', nth: -1, weekday: 4 } as const,
      ['2026-01-29', '2026-02-26', '2026-04-30', '2026-12-31'],
    ],
    [
      'first Thursday',
      { type: 'monthly_weekday', nth: 1, weekday: 4 } as const,
      ['2026-01-01', '2026-02-05', '2026-04-02', '2026-12-03'],
    ],
    [
      'fourth Monday',
      { type: 'monthly_weekday', nth: 4, weekday: 1 } as const,
      ['2026-01-26', '2026-02-23', '2026-04-27', '2026-12-28'],
    ],
    [
      '31st of the month',
      { type: 'monthly_day', day: 31 } as const,
      ['2026-01-31', '2026-02-28', '2026-04-30', '2026-12-31'],
    ],
    [
      '30th of the month',
      { type: 'monthly_day', day: 30 } as const,
      ['2026-01-30', '2026-02-28', '2026-04-30', '2026-12-30'],
    ],
  ])('%s', (_name, cadence, expected) => {
    const dates = occurrencesBetween(ritual({ cadence }), at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z')).map((d) =>
      d.toISOString().slice(0, 10),
    );
    expect(dates).toHaveLength(12);
    expect([dates[0], dates[1], dates[3], dates[11]]).toEqual(expected);
  });

  it('uses Feb 29 for the 31st in a leap year', () => {
    const dates = occurrencesBetween(
      ritual({ cadence: { type: 'monthly_day', day: 31 } }),
      at('2028-02-01T00:00Z'),
      at('2028-03-01T00:00Z'),
    );
    expect(iso(dates)).toEqual(['2028-02-29T09:00:00.000Z']);
  });

  it('leaves out skip dates (local dates) and returns nothing while paused', () => {
    const cadence = { type: 'weekly', everyWeeks: 1, weekday: 1, anchorDate: '2026-11-02' } as const;
    const tokyo = ritual({ timeZone: 'Asia/Tokyo', localTime: '08:00', cadence, skipDates: ['2026-11-09'] });
    expect(iso(occurrencesBetween(tokyo, at('2026-11-01T00:00Z'), at('2026-11-17T00:00Z')))).toEqual([
      '2026-11-01T23:00:00.000Z', // Monday Nov 2, 08:00 in Tokyo is Sunday in UTC
      '2026-11-15T23:00:00.000Z',
    ]);
    expect(occurrencesBetween({ ...tokyo, paused: true }, at('2026-11-01T00:00Z'), at('2026-12-01T00:00Z'))).toEqual(
      [],
    );
  });

  it('treats the window as [from, to)', () => {
    const daily = ritual({ cadence: { type: 'weekly', everyWeeks: 1, weekday: 1, anchorDate: '2026-11-02' } });
    expect(iso(occurrencesBetween(daily, at('2026-11-02T09:00Z'), at('2026-11-09T09:00Z')))).toEqual([
      '2026-11-02T09:00:00.000Z',
    ]);
  });

  it('finds the previous occurrence', () => {
    const r = ritual({ cadence: { type: 'monthly_weekday', nth: 1, weekday: 4 } });
    expect(previousOccurrence(r, at('2026-02-05T09:00Z'))?.toISOString()).toBe('2026-01-01T09:00:00.000Z');
  });
});

describe('fallbackMonths', () => {
  it.each([
    [28, []],
    [29, ['February']],
    [30, ['February']],
    [31, ['February', 'April', 'June', 'September', 'November']],
  ])('day %i', (day, months) => expect(fallbackMonths(day)).toEqual(months));
});
