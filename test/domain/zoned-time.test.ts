import { describe, expect, it } from 'vitest';
import { wallClockAt, zonedToUtc } from '../../src/domain/time/zoned-time.js';

describe('zonedToUtc asked again', () => {
  it('gives the same instant as a new Date each time, so a caller changing one changes nothing else', () => {
    const first = zonedToUtc({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, 'Europe/Berlin');
    // 02:30 does not exist that day in Berlin: it moves forward by the gap, to 03:30 CEST.
    expect(first.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    first.setTime(0);
    const second = zonedToUtc({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, 'Europe/Berlin');
    expect(second.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('keeps zones apart and agrees with wallClockAt for many days in a row', () => {
    for (const timeZone of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      for (let day = 1; day <= 31; day += 1) {
        for (let round = 0; round < 2; round += 1) {
          const at = zonedToUtc({ year: 2026, month: 10, day }, 9 * 60, timeZone);
          expect(wallClockAt(at, timeZone)).toEqual({ year: 2026, month: 10, day, minutes: 9 * 60 });
        }
      }
    }
  });
});
