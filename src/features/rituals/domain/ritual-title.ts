import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { describeSchedule, RITUAL_KIND_NAMES, type StoredRitual } from './index.js';

/** The ritual's name as people typed it, else its kind; plain (for header blocks). */
export const ritualTitle = (r: Pick<StoredRitual, 'kind' | 'name'>) =>
  r.name.trim() !== '' ? r.name.trim() : RITUAL_KIND_NAMES[r.kind];

/** The same for mrkdwn, escaped. */
export const ritualTitleMrkdwn = (r: Pick<StoredRitual, 'kind' | 'name'>) => escapeMrkdwn(ritualTitle(r));

export const scheduleText = (r: StoredRitual) => escapeMrkdwn(describeSchedule(r));
