import { cadenceFields, formatLocalDate, type RitualDraft, type StoredRitual, wallClockAt } from '../domain/index.js';

/** A new ritual: a GTM review every three weeks on Tuesday at 10:00, from today, in the team's zone. */
export function newRitualDraft(now: Date, timeZone: string, channelId: string | null): RitualDraft {
  return {
    kind: 'gtm_review',
    name: null,
    channelId,
    cadenceType: 'weekly',
    everyWeeks: '3',
    weekday: '2',
    anchorDate: formatLocalDate(wallClockAt(now, timeZone)),
    nth: null,
    dayOfMonth: null,
    localTime: '10:00',
    timeZone,
    skipDates: null,
    headsUpHours: null,
  };
}

export function draftFromRitual(r: StoredRitual): RitualDraft {
  return {
    kind: r.kind,
    name: r.name || null,
    channelId: r.channelId,
    ...cadenceFields(r.cadence),
    localTime: r.localTime,
    timeZone: r.timeZone,
    skipDates: r.skipDates.length > 0 ? r.skipDates.join(', ') : null,
    headsUpHours: r.headsUpHours === null ? null : String(r.headsUpHours),
  };
}
