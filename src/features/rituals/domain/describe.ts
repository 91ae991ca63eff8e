import { count } from '../../../domain/text/plural.js';
import { WEEKDAY_NAMES } from '../../../domain/time/calendar.js';
import type { Cadence, RitualSchedule } from './ritual.js';

const NTH = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' } as Record<number, string>;

/** "every 3 weeks on Tuesday from 2026-11-24", "the first Thursday of each month", "day 31 of each month". */
export function describeCadence(cadence: Cadence): string {
  const weekday = (n: number) => WEEKDAY_NAMES[n - 1] ?? '?';
  switch (cadence.type) {
    case 'weekly':
      return `${cadence.everyWeeks === 1 ? 'every week' : `every ${count(cadence.everyWeeks, 'week')}`} on ${weekday(cadence.weekday)} from ${cadence.anchorDate}`;
    case 'monthly_weekday':
      return `the ${NTH[cadence.nth]} ${weekday(cadence.weekday)} of each month`;
    case 'monthly_day':
      return `day ${cadence.day} of each month`;
  }
}

export function describeSchedule(s: Pick<RitualSchedule, 'cadence' | 'localTime' | 'timeZone'>): string {
  return `${describeCadence(s.cadence)} at ${s.localTime} (${s.timeZone})`;
}
