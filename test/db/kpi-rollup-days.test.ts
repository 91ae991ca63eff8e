import { describe, expect, it } from 'vitest';
import { dayRanges, localDaysPeriod, splitPeriod, utcDay } from '../../src/features/kpis/domain/index.js';

const at = (iso: string) => new Date(iso);
const iso = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];

describe('splitting a period into whole UTC days and partial days at its ends', () => {
  it('three weeks of Berlin days: 20 whole UTC days, an hour before them and 23 hours after', () => {
    const split = splitPeriod(localDaysPeriod({ firstDay: '2026-11-02', days: 21, timeZone: 'Europe/Berlin' }));
    expect(split.days).toEqual({ first: '2026-11-02', end: '2026-11-22' });
    expect(split.edges.map(iso)).toEqual([
      ['2026-11-01T23:00:00.000Z', '2026-11-02T00:00:00.000Z'],
      ['2026-11-22T00:00:00.000Z', '2026-11-22T23:00:00.000Z'],
    ]);
  });

  it('UTC days have no partial days; a Kathmandu day (+05:45) has two', () => {
    expect(splitPeriod(localDaysPeriod({ firstDay: '2026-01-05', days: 7, timeZone: 'UTC' }))).toEqual({
      days: { first: '2026-01-05', end: '2026-01-12' },
      edges: [],
    });
    const kathmandu = splitPeriod(localDaysPeriod({ firstDay: '2026-01-05', days: 2, timeZone: 'Asia/Kathmandu' }));
    expect(kathmandu.days).toEqual({ first: '2026-01-05', end: '2026-01-06' });
    expect(kathmandu.edges.map(iso)).toEqual([
      ['2026-01-04T18:15:00.000Z', '2026-01-05T00:00:00.000Z'],
      ['2026-01-06T00:00:00.000Z', '2026-01-06T18:15:00.000Z'],
    ]);
  });

  it('a period without a whole UTC day is read from the rows alone; an empty one reads nothing', () => {
    const oneDay = localDaysPeriod({ firstDay: '2026-03-29', days: 1, timeZone: 'Europe/Rome' });
    expect(splitPeriod(oneDay)).toEqual({ edges: [oneDay] });
    expect(splitPeriod({ from: at('2026-03-29T05:00:00Z'), to: at('2026-03-30T04:00:00Z') }).days).toBeUndefined();
    expect(splitPeriod({ from: at('2026-03-29T05:00:00Z'), to: at('2026-03-29T05:00:00Z') })).toEqual({ edges: [] });
  });

  it('the parts cover the period exactly, without overlap', () => {
    const period = { from: at('2025-02-27T13:14:15.167Z'), to: at('2025-03-03T00:00:00.001Z') };
    const split = splitPeriod(period);
    expect(split.days).toEqual({ first: '2025-02-28', end: '2025-03-03' });
    expect(split.edges.map(iso)).toEqual([
      ['2025-02-27T13:14:15.167Z', '2025-02-28T00:00:00.000Z'],
      ['2025-03-03T00:00:00.000Z', '2025-03-03T00:00:00.001Z'],
    ]);
  });
});

describe('days an import touched, as ranges', () => {
  it('joins consecutive days across month ends, keeps gaps, ignores order and repeats', () => {
    expect(dayRanges(['2026-03-02', '2026-02-28', '2026-03-01', '2026-03-05', '2026-03-01']).map(iso)).toEqual([
      ['2026-02-28T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
      ['2026-03-05T00:00:00.000Z', '2026-03-06T00:00:00.000Z'],
    ]);
    expect(dayRanges([])).toEqual([]);
    expect(() => dayRanges(['03/05/2026'])).toThrow(RangeError);
  });

  it('the UTC day of an instant is the first ten characters of the stored time', () => {
    expect(utcDay(at('2026-11-22T23:59:59.999Z'))).toBe('2026-11-22');
    expect(utcDay(at('2026-11-23T00:30:00+01:00'))).toBe('2026-11-22');
  });
});
