import { describe, expect, it } from 'vitest';
import { isIanaTimeZone } from '../../src/domain/time/time-zone.js';
import { chooseCadence, type RitualDraft, validateRitualDraft } from '../../src/features/rituals/domain/index.js';

const TODAY = '2026-11-23';
const gtmReview: RitualDraft = {
  kind: 'gtm_review',
  name: 'Pipeline review',
  channelId: 'C1',
  cadenceType: 'weekly',
  everyWeeks: '3',
  weekday: '2',
  anchorDate: '2026-11-24',
  nth: null,
  dayOfMonth: null,
  localTime: '08:30',
  timeZone: 'America/New_York',
  skipDates: '2026-12-29',
  headsUpHours: '24',
};

const cadenceOf = (d: RitualDraft) => ({
  cadenceType: d.cadenceType,
  everyWeeks: d.everyWeeks,
  weekday: d.weekday,
  anchorDate: d.anchorDate,
  nth: d.nth,
  dayOfMonth: d.dayOfMonth,
});

describe('chooseCadence', () => {
  it('drops "every 3 weeks" when monthly is chosen, keeps the weekday and everything else typed', () => {
    const monthly = chooseCadence(gtmReview, 'monthly_weekday', TODAY);
    expect(cadenceOf(monthly)).toEqual({
      cadenceType: 'monthly_weekday',
      everyWeeks: null,
      weekday: '2',
      anchorDate: null,
      nth: '1',
      dayOfMonth: null,
    });
    expect(monthly).toMatchObject({
      name: 'Pipeline review',
      localTime: '08:30',
      timeZone: 'America/New_York',
      skipDates: '2026-12-29',
      headsUpHours: '24',
    });
    const result = validateRitualDraft(monthly, isIanaTimeZone);
    expect(result.ok && result.ritual.cadence).toEqual({ type: 'monthly_weekday', nth: 1, weekday: 2 });
  });

  it('day of the month: only the day, defaulting to the 1st', () => {
    expect(cadenceOf(chooseCadence(gtmReview, 'monthly_day', TODAY))).toEqual({
      cadenceType: 'monthly_day',
      everyWeeks: null,
      weekday: null,
      anchorDate: null,
      nth: null,
      dayOfMonth: '1',
    });
  });

  it("back to every N weeks: the kind's default interval, the weekday kept, the anchor today", () => {
    const monthly = { ...chooseCadence(gtmReview, 'monthly_day', TODAY), dayOfMonth: '15' };
    expect(cadenceOf(chooseCadence(monthly, 'weekly', TODAY))).toEqual({
      cadenceType: 'weekly',
      everyWeeks: '3',
      weekday: '2',
      anchorDate: TODAY,
      nth: null,
      dayOfMonth: null,
    });
    const custom = { ...monthly, kind: 'custom' };
    expect(chooseCadence(custom, 'weekly', TODAY).everyWeeks).toBe('1');
    const nthWeekday = { ...chooseCadence(gtmReview, 'monthly_weekday', TODAY), weekday: '5' };
    expect(chooseCadence(nthWeekday, 'weekly', TODAY).weekday).toBe('5');
  });

  it('no cadence picked: no cadence fields', () => {
    expect(cadenceOf(chooseCadence(gtmReview, null, TODAY))).toEqual({
      cadenceType: null,
      everyWeeks: null,
      weekday: null,
      anchorDate: null,
      nth: null,
      dayOfMonth: null,
    });
  });
});
