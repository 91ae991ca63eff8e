/** Review dates are days in the team's time zone; the owner hears about one from REVIEW_HOUR local time that day. */
export const REVIEW_HOUR = 9;

/** The wall-clock date (YYYY-MM-DD) and hour of an instant in an IANA time zone. */
export function localDateTime(at: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** Whether the owner should be reminded now: on the review date from REVIEW_HOUR, or any time after it (catch-up). */
export function isReviewDue(reviewDate: string, now: Date, timeZone: string): boolean {
  const local = localDateTime(now, timeZone);
  return local.date > reviewDate || (local.date === reviewDate && local.hour >= REVIEW_HOUR);
}

/** Past its review date: the date is over in the team's time zone and nobody set a new one. */
export const isReviewOverdue = (reviewDate: string, today: string): boolean => reviewDate < today;
