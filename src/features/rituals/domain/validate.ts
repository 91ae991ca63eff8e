import { daysInMonth, MONTH_NAMES, parseLocalDate, parseLocalTime } from '../../../domain/time/calendar.js';
import { type Cadence, type NthWeekday, RITUAL_KINDS, type RitualKind } from './ritual.js';

/** What the add/edit modal sends, as typed (strings or null), before any checks. */
export interface RitualDraft {
  kind: string | null;
  name: string | null;
  channelId: string | null;
  cadenceType: string | null;
  everyWeeks: string | null;
  weekday: string | null;
  anchorDate: string | null;
  nth: string | null;
  dayOfMonth: string | null;
  localTime: string | null;
  timeZone: string | null;
  skipDates: string | null;
  headsUpHours: string | null;
}

export type RitualField = keyof RitualDraft;

export interface ValidRitual {
  kind: RitualKind;
  name: string;
  channelId: string;
  cadence: Cadence;
  localTime: string;
  timeZone: string;
  skipDates: string[];
  /** Hours before the occurrence to post the pre-read; null: no heads-up. */
  headsUpHours: number | null;
}

export type RitualValidation =
  | { ok: true; ritual: ValidRitual; notes: string[] }
  | { ok: false; errors: Partial<Record<RitualField, string>> };

const MAX_WEEKS = 52;
const MAX_HEADS_UP_HOURS = 168;

/** Months in which a day-of-month ritual falls back to the month's last day ("February" for 30, five months for 31). */
export function fallbackMonths(day: number): string[] {
  if (day <= 28) return [];
  // A leap year shows February only when even Feb 29 is too short.
  return MONTH_NAMES.filter((_, i) => daysInMonth(2024, i + 1) < day || (i === 1 && day === 29));
}

export function fallbackNote(day: number): string | undefined {
  const months = fallbackMonths(day);
  if (months.length === 0) return undefined;
  const list = months.length === 1 ? months[0] : `${months.slice(0, -1).join(', ')} and ${months.at(-1)}`;
  const leap = day === 29 ? ' (in years that are not leap years)' : '';
  return `Day ${day} does not exist in every month: in ${list}${leap} the ritual falls back to the month's last day.`;
}

const SHOWN_BAD_SKIPS = 5;
const MAX_ECHO = 40;

/**
 * Skip dates as typed: entries separated by commas, semicolons or line breaks. An entry of space-separated dates
 * counts as those dates; any other entry that is not a date is bad, and is echoed whole as the person wrote it
 * ("next tuesday" is one bad entry, not two).
 */
export function parseSkipDates(text: string): { dates: string[]; bad: string[] } {
  const dates: string[] = [];
  const bad: string[] = [];
  for (const entry of text
    .split(/[,;\n\r]+/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const words = entry.split(/\s+/);
    if (words.every((w) => parseLocalDate(w))) dates.push(...words);
    else bad.push(entry);
  }
  return { dates, bad };
}

/** '"a", "b" and 2 more': the first few entries quoted, long ones cut. */
function listTyped(entries: string[]): string {
  const shown = entries
    .slice(0, SHOWN_BAD_SKIPS)
    .map((e) => `"${e.length > MAX_ECHO ? `${e.slice(0, MAX_ECHO - 1)}…` : e}"`);
  const more = entries.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function integer(text: string | null): number | undefined {
  if (text === null || !/^\d{1,4}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** Checks a draft; `isTimeZone` says whether a name is an IANA zone (the runtime's database). */
export function validateRitualDraft(draft: RitualDraft, isTimeZone: (name: string) => boolean): RitualValidation {
  const errors: Partial<Record<RitualField, string>> = {};
  const notes: string[] = [];
  const kind = RITUAL_KINDS.find((k) => k === draft.kind);
  if (!kind) errors.kind = 'Pick a kind of ritual.';
  if (!draft.channelId) errors.channelId = 'Pick the channel to post in.';

  const timeZone = (draft.timeZone ?? '').trim();
  if (!isTimeZone(timeZone))
    errors.timeZone = `"${timeZone}" is not a time zone. Use an IANA name such as Europe/Rome or America/New_York.`;
  const localTime = (draft.localTime ?? '').trim();
  const minutes = parseLocalTime(localTime);
  if (minutes === undefined) errors.localTime = 'Pick a time of day, e.g. 09:30.';

  let cadence: Cadence | undefined;
  const weekday = integer(draft.weekday);
  const validWeekday = weekday !== undefined && weekday >= 1 && weekday <= 7;
  if (draft.cadenceType === 'weekly') {
    const everyWeeks = integer(draft.everyWeeks);
    const anchor = draft.anchorDate ? parseLocalDate(draft.anchorDate) : undefined;
    if (everyWeeks === undefined || everyWeeks < 1 || everyWeeks > MAX_WEEKS)
      errors.everyWeeks = `Type a whole number of weeks from 1 to ${MAX_WEEKS}.`;
    if (!anchor) errors.anchorDate = 'Pick the date the series starts from.';
    if (!validWeekday) errors.weekday = 'Pick a weekday.';
    if (everyWeeks !== undefined && anchor && validWeekday && !errors.everyWeeks) {
      cadence = { type: 'weekly', everyWeeks, weekday, anchorDate: draft.anchorDate!.trim() };
    }
  } else if (draft.cadenceType === 'monthly_weekday') {
    const nth = draft.nth === 'last' ? -1 : integer(draft.nth);
    if (nth === undefined || !(nth === -1 || (nth >= 1 && nth <= 4)))
      errors.nth = 'Pick first, second, third, fourth or last.';
    if (!validWeekday) errors.weekday = 'Pick a weekday.';
    if (!errors.nth && validWeekday) cadence = { type: 'monthly_weekday', nth: nth as NthWeekday, weekday };
  } else if (draft.cadenceType === 'monthly_day') {
    const day = integer(draft.dayOfMonth);
    if (day === undefined || day < 1 || day > 31) errors.dayOfMonth = 'Type a day of the month from 1 to 31.';
    else {
      cadence = { type: 'monthly_day', day };
      const note = fallbackNote(day);
      if (note) notes.push(note);
    }
  } else {
    errors.cadenceType = 'Pick how often the ritual happens.';
  }

  const { dates: skipDates, bad: badSkips } = parseSkipDates(draft.skipDates ?? '');
  if (badSkips.length > 0)
    errors.skipDates = `Not a date: ${listTyped(badSkips)}. Use YYYY-MM-DD, separated by commas.`;

  let headsUpHours: number | null = null;
  if (draft.headsUpHours !== null && draft.headsUpHours.trim() !== '') {
    const hours = integer(draft.headsUpHours);
    if (hours === undefined || hours < 1 || hours > MAX_HEADS_UP_HOURS)
      errors.headsUpHours = `Type a whole number of hours from 1 to ${MAX_HEADS_UP_HOURS}, or leave it empty.`;
    else headsUpHours = hours;
  }

  const name = (draft.name ?? '').trim();
  if (name.length > 80) errors.name = 'Keep the name under 80 characters.';

  if (Object.keys(errors).length > 0 || !kind || !cadence || !draft.channelId) return { ok: false, errors };
  return {
    ok: true,
    ritual: {
      kind,
      name,
      channelId: draft.channelId,
      cadence,
      localTime: localTime.padStart(5, '0'),
      timeZone,
      skipDates: [...new Set(skipDates)].sort(),
      headsUpHours,
    },
    notes,
  };
}
