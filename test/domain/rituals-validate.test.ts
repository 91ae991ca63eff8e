import { describe, expect, it } from 'vitest';
import { isIanaTimeZone } from '../../src/domain/time/time-zone.js';
import { type RitualDraft, validateRitualDraft } from '../../src/features/rituals/domain/index.js';

const draft = (over: Partial<RitualDraft> = {}): RitualDraft => ({
  kind: 'gtm_review',
  name: null,
  channelId: 'C1',
  cadenceType: 'weekly',
  everyWeeks: '3',
  weekday: '2',
  anchorDate: '2026-11-24',
  nth: null,
  dayOfMonth: null,
  localTime: '09:30',
  timeZone: 'Europe/Rome',
  skipDates: null,
  headsUpHours: null,
  ...over,
});

describe('validateRitualDraft', () => {
  it('accepts a GTM review every three weeks', () => {
    const result = validateRitualDraft(draft({ skipDates: '2026-12-29, 2026-12-15' }), isIanaTimeZone);
    expect(result).toEqual({
      ok: true,
      notes: [],
      ritual: {
        kind: 'gtm_review',
        name: '',
        channelId: 'C1',
        cadence: { type: 'weekly', everyWeeks: 3, weekday: 2, anchorDate: '2026-11-24' },
        localTime: '09:30',
        timeZone: 'Europe/Rome',
        skipDates: ['2026-12-15', '2026-12-29'],
        headsUpHours: null,
      },
    });
  });

  it.each([
    [{ timeZone: 'CET+1' }, 'timeZone', 'is not a time zone'],
    [{ timeZone: 'Mars/Base' }, 'timeZone', 'is not a time zone'],
    [{ everyWeeks: '0' }, 'everyWeeks', 'from 1 to 52'],
    [{ everyWeeks: 'three' }, 'everyWeeks', 'from 1 to 52'],
    [{ anchorDate: '2026-02-30' }, 'anchorDate', 'Pick the date'],
    [{ localTime: '25:00' }, 'localTime', 'Pick a time'],
    [{ cadenceType: 'monthly_day', dayOfMonth: '32' }, 'dayOfMonth', 'from 1 to 31'],
    [{ cadenceType: 'monthly_weekday', nth: '5' }, 'nth', 'first, second'],
    [{ skipDates: '2026-12-01, tomorrow' }, 'skipDates', 'Not a date: "tomorrow"'],
    [{ headsUpHours: '-2' }, 'headsUpHours', 'whole number of hours'],
    [{ channelId: null }, 'channelId', 'channel'],
  ] as const)('rejects %j inline on %s', (over, field, message) => {
    const result = validateRitualDraft(draft(over), isIanaTimeZone);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toContain(message);
  });

  it('says which months a 31st-of-month ritual falls back in', () => {
    const result = validateRitualDraft(draft({ cadenceType: 'monthly_day', dayOfMonth: '31' }), isIanaTimeZone);
    expect(result.ok && result.notes).toEqual([
      "Day 31 does not exist in every month: in February, April, June, September and November the ritual falls back to the month's last day.",
    ]);
  });

  it('accepts the last Thursday with a heads-up', () => {
    const result = validateRitualDraft(
      draft({ kind: 'monthly_sync', cadenceType: 'monthly_weekday', nth: 'last', weekday: '4', headsUpHours: '24' }),
      isIanaTimeZone,
    );
    expect(result.ok && result.ritual.cadence).toEqual({ type: 'monthly_weekday', nth: -1, weekday: 4 });
    expect(result.ok && result.ritual.headsUpHours).toBe(24);
  });

  it.each([
    ['2027-02-30, next tuesday', 'Not a date: "2027-02-30", "next tuesday". Use YYYY-MM-DD, separated by commas.'],
    ['next   tuesday', 'Not a date: "next   tuesday". Use YYYY-MM-DD, separated by commas.'],
    [
      '2027-01-05; 5 Jan 2027\n2027-13-01',
      'Not a date: "5 Jan 2027", "2027-13-01". Use YYYY-MM-DD, separated by commas.',
    ],
    ['a, b, c, d, e, f, g', 'Not a date: "a", "b", "c", "d", "e" and 2 more. Use YYYY-MM-DD, separated by commas.'],
  ])('echoes bad skip dates %j as they were typed', (typed, message) => {
    const result = validateRitualDraft(draft({ skipDates: typed }), isIanaTimeZone);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.skipDates).toBe(message);
  });

  it('accepts skip dates separated by commas, semicolons, line breaks or spaces', () => {
    const result = validateRitualDraft(
      draft({ skipDates: '2027-01-05;2026-12-29\n2027-02-02 2027-02-23, 2027-01-05' }),
      isIanaTimeZone,
    );
    expect(result.ok && result.ritual.skipDates).toEqual(['2026-12-29', '2027-01-05', '2027-02-02', '2027-02-23']);
  });
});
