import { localDateTime } from '../../../domain/time/local-day.js';

/** Review dates are days in the team's time zone; the owner hears about one from REVIEW_HOUR local time that day. */
export const REVIEW_HOUR = 9;

/** Whether the owner should be reminded now: on the review date from REVIEW_HOUR, or any time after it (catch-up). */
export function isReviewDue(reviewDate: string, now: Date, timeZone: string): boolean {
  const local = localDateTime(now, timeZone);
  return local.date > reviewDate || (local.date === reviewDate && local.hour >= REVIEW_HOUR);
}

/** Past its review date: the date is over in the team's time zone and nobody set a new one. */
export const isReviewOverdue = (reviewDate: string, today: string): boolean => reviewDate < today;
