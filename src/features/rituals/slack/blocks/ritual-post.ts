import { escapeMrkdwn, truncate } from '../../../../domain/text/mrkdwn.js';
import {
  context,
  divider,
  header,
  type KnownBlock,
  plain,
  type SlackMessage,
  section,
} from '../../../../slack/blocks.js';
import { fitsTable, tableBlock } from '../../../../slack/table.js';
import { ritualTitle } from '../../domain/ritual-title.js';
import type { RitualPostContent } from '../../ports.js';
import { RITUAL_ACTION } from '../ids.js';
import { ritualDateToken, ritualOccurrenceText } from './ritual-time.js';

/** Slack's limit for a section's text. */
const SECTION_MAX = 3000;
export const RITUAL_POST_EVENT = 'loopkeeper_ritual_post';

/** The ritual post (or its heads-up): the digest sections in order, notes on lateness and misses, and "Add follow-up". */
export function ritualPostMessage(
  c: RitualPostContent,
): SlackMessage & { metadata: { event_type: string; event_payload: { post_id: number } } } {
  const title = ritualTitle(c.ritual);
  const headsUp = c.kind === 'heads_up';
  const date = (at: Date, format?: string) => ritualDateToken(at, c.ritual.timeZone, format);
  const heading = truncate(headsUp ? `Heads-up: ${title} pre-read` : title, 150);
  const blocks: KnownBlock[] = [
    header(heading),
    context(
      headsUp
        ? `The ${title.replace(/[&<>]/g, '')} is at ${ritualOccurrenceText(c.occurrenceAt, c.ritual)}. Here is the pre-read.`
        : `${ritualOccurrenceText(c.occurrenceAt, c.ritual)} · covering ${date(c.periodFrom, '{date_short_pretty}')} to now`,
    ),
  ];
  if (c.lateSince)
    blocks.push(
      context(
        `:hourglass: Posted late: this was due ${date(c.lateSince)} while Loopkeeper was offline or Slack was unreachable.`,
      ),
    );
  if (c.missed.length > 0) {
    const list = c.missed
      .slice(-5)
      .map((d) => date(d))
      .join(', ');
    blocks.push(
      context(
        `:warning: Missed while Loopkeeper was offline (too late to post): ${list}${c.missed.length > 5 ? ` and ${c.missed.length - 5} earlier` : ''}.`,
      ),
    );
  }
  // A message holds one table: the first section (in digest order) whose table fits gets it, the rest stay text.
  let tableShown = false;
  for (const s of c.sections.slice(0, 10)) {
    blocks.push(divider());
    if (s.table && !tableShown && fitsTable(s.table.model)) {
      tableShown = true;
      blocks.push(section(truncate([`*${s.title}*`, ...s.table.before].join('\n'), SECTION_MAX)));
      blocks.push(tableBlock(s.table.model));
      if (s.table.after.length > 0) blocks.push(section(truncate(s.table.after.join('\n'), SECTION_MAX)));
      continue;
    }
    const body = s.lines.length > 0 ? s.lines.join('\n') : `_${s.emptyText}_`;
    blocks.push(section(truncate(`*${s.title}*\n${body}`, SECTION_MAX)));
  }
  blocks.push(divider());
  blocks.push({
    type: 'actions',
    block_id: `ritual_post_actions:${c.postId}`,
    elements: [
      { type: 'button', action_id: RITUAL_ACTION.addFollowUp, text: plain('Add follow-up'), value: String(c.postId) },
    ],
  });
  return {
    // The fallback text is mrkdwn too: the ritual's name is user-typed.
    text: headsUp ? `Heads-up: ${escapeMrkdwn(title)} pre-read` : escapeMrkdwn(title),
    blocks,
    metadata: { event_type: RITUAL_POST_EVENT, event_payload: { post_id: c.postId } },
  };
}
