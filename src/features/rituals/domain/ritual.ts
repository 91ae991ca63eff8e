/** What a ritual is, as plain data. Stored by the rituals repository, scheduled by occurrences.ts. */

export const RITUAL_KINDS = ['gtm_review', 'monthly_sync', 'custom'] as const;
export type RitualKind = (typeof RITUAL_KINDS)[number];

export const RITUAL_KIND_NAMES: Record<RitualKind, string> = {
  gtm_review: 'GTM review',
  monthly_sync: 'Monthly Marketing-Sales sync',
  custom: 'Custom ritual',
};

/** 1-4: the nth weekday of the month; -1: the last one. */
export type NthWeekday = 1 | 2 | 3 | 4 | -1;

export type Cadence =
  /** Every `everyWeeks` weeks on `weekday` (ISO 1 Monday ... 7 Sunday), starting with the first such day on or after `anchorDate`. */
  | { type: 'weekly'; everyWeeks: number; weekday: number; anchorDate: string }
  /** The nth (or last) `weekday` of every month. */
  | { type: 'monthly_weekday'; nth: NthWeekday; weekday: number }
  /** A day of the month; in months without that day, the month's last day. */
  | { type: 'monthly_day'; day: number };

export interface RitualSchedule {
  cadence: Cadence;
  /** "HH:MM", 24 h, wall-clock time in `timeZone`. */
  localTime: string;
  /** IANA name. */
  timeZone: string;
  /** Local dates ("YYYY-MM-DD") on which the ritual does not happen. */
  skipDates: string[];
  paused: boolean;
}

/** GTM review: every three weeks (domain.md); monthly sync: first Thursday. */
export function defaultCadence(kind: RitualKind, anchorDate: string): Cadence {
  if (kind === 'monthly_sync') return { type: 'monthly_weekday', nth: 1, weekday: 4 };
  return { type: 'weekly', everyWeeks: kind === 'gtm_review' ? 3 : 1, weekday: 2, anchorDate };
}

export interface StoredRitual extends RitualSchedule {
  id: number;
  teamId: string;
  kind: RitualKind;
  name: string;
  channelId: string;
  headsUpHours: number | null;
  graceHours: number;
  scheduleFrom: Date;
  createdBy: string;
  createdAt: Date;
}

export interface RitualFields {
  kind: RitualKind;
  name: string;
  channelId: string;
  cadence: Cadence;
  localTime: string;
  timeZone: string;
  skipDates: string[];
  headsUpHours: number | null;
}
