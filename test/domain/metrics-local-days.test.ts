import { describe, expect, it } from 'vitest';
import {
  daysBefore,
  formatLocalDays,
  lastDayOf,
  localDaysPeriod,
  previousLocalDays,
  wholeDaysOf,
} from '../../src/features/kpis/domain/index.js';

const iso = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];

describe('KPI periods in whole local days', () => {
  it('runs from local midnight of the first day to local midnight after the last', () => {
    expect(iso(localDaysPeriod({ firstDay: '2026-11-03', days: 21, timeZone: 'UTC' }))).toEqual([
      '2026-11-03T00:00:00.000Z',
      '2026-11-24T00:00:00.000Z',
    ]);
    expect(iso(localDaysPeriod({ firstDay: '2026-11-03', days: 21, timeZone: 'America/Los_Angeles' }))).toEqual([
      '2026-11-03T08:00:00.000Z',
      '2026-11-24T08:00:00.000Z',
    ]);
  });

  it('keeps midnight boundaries across a DST change, so such a period is an hour shorter or longer', () => {
    // Rome springs forward on Sun 28 Mar 2027 and falls back on Sun 31 Oct 2027.
    const spring = localDaysPeriod({ firstDay: '2027-03-22', days: 14, timeZone: 'Europe/Rome' });
    expect(iso(spring)).toEqual(['2027-03-21T23:00:00.000Z', '2027-04-04T22:00:00.000Z']);
    expect(spring.to.getTime() - spring.from.getTime()).toBe(14 * 86_400_000 - 3_600_000);
    const autumn = localDaysPeriod({ firstDay: '2027-10-25', days: 7, timeZone: 'Europe/Rome' });
    expect(autumn.to.getTime() - autumn.from.getTime()).toBe(7 * 86_400_000 + 3_600_000);
  });

  it('compares with the same number of days just before, and names the last day', () => {
    const range = { firstDay: '2027-03-29', days: 21, timeZone: 'Europe/Rome' };
    expect(previousLocalDays(range)).toEqual({ firstDay: '2027-03-08', days: 21, timeZone: 'Europe/Rome' });
    expect(localDaysPeriod(previousLocalDays(range)).to).toEqual(localDaysPeriod(range).from);
    expect(lastDayOf(range)).toBe('2027-04-18');
  });

  it('leaves out today, which is not over: the days before the local day of the instant', () => {
    // 01:00 on Tue 24 Nov in Los Angeles, already 09:00 in UTC.
    const now = new Date('2026-11-24T09:00:00Z');
    expect(daysBefore(now, 21, 'America/Los_Angeles')).toEqual({
      firstDay: '2026-11-03',
      days: 21,
      timeZone: 'America/Los_Angeles',
    });
    // 23:30 on Mon 23 Nov in UTC is already Tue 24 Nov in Auckland.
    expect(daysBefore(new Date('2026-11-23T23:30:00Z'), 7, 'Pacific/Auckland').firstDay).toBe('2026-11-17');
  });

  it('turns a review period into the whole days from the previous review day to the day before this one', () => {
    const period = { from: new Date('2026-11-03T09:00:00Z'), to: new Date('2026-11-24T09:00:00Z') };
    expect(wholeDaysOf(period, 'Europe/Rome')).toEqual({ firstDay: '2026-11-03', days: 21, timeZone: 'Europe/Rome' });
    // Within one day (a ritual added this morning): the day before.
    expect(
      wholeDaysOf({ from: new Date('2026-11-24T06:00:00Z'), to: new Date('2026-11-24T09:00:00Z') }, 'UTC'),
    ).toEqual({ firstDay: '2026-11-23', days: 1, timeZone: 'UTC' });
  });

  it.each([
    [{ firstDay: '2026-11-03', days: 21 }, 'Tue 3 Nov – Mon 23 Nov 2026'],
    [{ firstDay: '2026-12-28', days: 7 }, 'Mon 28 Dec 2026 – Sun 3 Jan 2027'],
    [{ firstDay: '2026-11-03', days: 1 }, 'Tue 3 Nov 2026'],
  ])('reads %o as %s', (range, text) => expect(formatLocalDays({ ...range, timeZone: 'UTC' })).toBe(text));
});
