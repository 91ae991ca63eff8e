/** How long something took, as people say it: "under a minute", "5 minutes", "2 hours 10 minutes", "3 days". */

import { count } from '../text/plural.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Rounds down to the largest unit that matters; days drop the hours past two days, where nobody counts them. */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return 'under a minute';
  if (ms < HOUR) return count(Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes === 0 ? count(hours, 'hour') : `${count(hours, 'hour')} ${count(minutes, 'minute')}`;
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  return days >= 2 || hours === 0 ? count(days, 'day') : `${count(days, 'day')} ${count(hours, 'hour')}`;
}
