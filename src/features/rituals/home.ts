import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import { localDateTime } from '../../domain/time/local-day.js';
import { clip, section, slackDay } from '../../slack/blocks.js';
import { COMMAND } from '../../slack/ids.js';
import { code, type HomeSection, homeList } from '../home-section.js';
import type { StoredRitual } from './domain/index.js';
import { ritualTitle } from './domain/ritual-title.js';
import { ritualDateToken } from './slack/blocks/ritual-time.js';

type NextOccurrences = (
  teamId: string,
  now: Date,
  limit: number,
) => Promise<Array<{ ritual: Pick<StoredRitual, 'id' | 'kind' | 'name' | 'channelId' | 'timeZone'>; at: Date }>>;

/** The next occurrence of each of the team's rituals, soonest first. */
export function nextRitualsHomeSection(nextOccurrences: NextOccurrences): HomeSection {
  return {
    key: 'rituals',
    startsGroup: true,
    async load(viewer) {
      const seen = new Set<number>();
      const lines: string[] = [];
      for (const { ritual, at } of await nextOccurrences(viewer.teamId, viewer.now, 100)) {
        if (seen.has(ritual.id)) continue;
        seen.add(ritual.id);
        // Unnamed rituals go by their kind ("GTM review"), as in their own posts; where Slack can't show the date
        // token, the fallback is the ritual's own zone-local time.
        const where = ritual.channelId ? ` in <#${ritual.channelId}>` : '';
        lines.push(`*${escapeMrkdwn(clip(ritualTitle(ritual), 100))}* ${ritualDateToken(at, ritual.timeZone)}${where}`);
      }
      const text =
        lines.length === 0
          ? `No rituals yet. Schedule the GTM review with \`${COMMAND} rituals\`.`
          : homeList(lines, code(`${COMMAND} rituals`));
      return { blocks: [section(`*Next rituals*\n${text}`)] };
    },
  };
}

type OpenFollowUps = (
  teamId: string,
  userId: string,
) => Promise<Array<{ what: string; dueDate: string | null; timeZone: string }>>;

/** The viewer's open follow-up actions; overdue when the due date is over where it was set. */
export function followUpsHomeSection(openFollowUpsFor: OpenFollowUps): HomeSection {
  return {
    key: 'followups',
    overdueCommand: `${COMMAND} followups`,
    async load(viewer) {
      const followUps = (await openFollowUpsFor(viewer.teamId, viewer.userId)).map((f) => ({
        text: escapeMrkdwn(clip(f.what, 150)),
        dueDate: f.dueDate,
        overdue: f.dueDate !== null && f.dueDate < localDateTime(viewer.now, f.timeZone).date,
      }));
      // Due dates are days in the team's zone, shown as Slack date tokens like every other date on Home.
      const day = (date: string) => slackDay(date, viewer.timeZone);
      const lines = followUps.map(
        (f) => `${f.overdue ? ':warning: ' : ''}${f.text}${f.dueDate ? ` · due ${day(f.dueDate)}` : ''}`,
      );
      const text =
        lines.length === 0
          ? 'No open follow-ups for you. Add one from a ritual post with *Add follow-up*.'
          : homeList(lines, code(`${COMMAND} followups`));
      return {
        blocks: [section(`*Your open follow-ups*\n${text}`)],
        overdue: followUps
          .filter((f) => f.overdue)
          .map((f) => `Follow-up: ${f.text}${f.dueDate ? ` (due ${day(f.dueDate)})` : ''}`),
      };
    },
  };
}
