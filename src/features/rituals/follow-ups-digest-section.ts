import { escapeMrkdwn, truncate } from '../../domain/text/mrkdwn.js';
import type { DigestPeriod, DigestSection, DigestSectionProvider } from '../digest-section.js';
import { type FollowUp, formatLocalDate, wallClockAt } from './domain/index.js';
import type { FollowUpsRepository } from './follow-ups-repository.js';

const MAX_PER_GROUP = 8;

export const followUpLine = (f: FollowUp, suffix = '') =>
  `• ${escapeMrkdwn(truncate(f.what, 200))} — <@${f.ownerId}>, due ${f.dueDate}${suffix}`;

function group(title: string, items: FollowUp[], line: (f: FollowUp) => string): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, MAX_PER_GROUP).map(line);
  const more = items.length > MAX_PER_GROUP ? [`_…and ${items.length - MAX_PER_GROUP} more_`] : [];
  return [`*${title} (${items.length})*`, ...shown, ...more];
}

/** Groups follow-ups as a review reads them: done in the period, overdue, open. */
export function followUpLines(all: FollowUp[], period: Pick<DigestPeriod, 'from' | 'to' | 'timeZone'>): string[] {
  const today = formatLocalDate(wallClockAt(period.to, period.timeZone));
  const done = all.filter((f) => f.status === 'done' && f.doneAt && f.doneAt >= period.from && f.doneAt < period.to);
  const open = all.filter((f) => f.status === 'open' && f.createdAt < period.to);
  const overdue = open.filter((f) => f.dueDate < today);
  const notDue = open.filter((f) => f.dueDate >= today);
  return [
    ...group(':white_check_mark: Done since the last review', done, (f) => followUpLine(f)),
    ...group(':warning: Overdue', overdue, (f) => followUpLine(f)),
    ...group(':hourglass_flowing_sand: Open', notDue, (f) => followUpLine(f)),
  ];
}

/** The GTM review's follow-up section: the whole team's actions. */
export function createFollowUpsSection(followUps: FollowUpsRepository): DigestSectionProvider {
  return {
    key: 'followups',
    async build(period): Promise<DigestSection> {
      return {
        key: 'followups',
        title: 'Follow-up actions',
        lines: followUpLines(await followUps.listForPeriod(period.teamId, period.from, period.to), period),
        emptyText: 'No follow-up actions were done, open or overdue in this period.',
      };
    },
  };
}
