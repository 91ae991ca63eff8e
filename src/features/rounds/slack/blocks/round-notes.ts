import { escapeMrkdwn as e, truncate } from '../../../../domain/text/mrkdwn.js';
import { count } from '../../../../domain/text/plural.js';
import { type KnownBlock, type SlackMessage, section } from '../../../../slack/blocks.js';
import { DIMENSIONS, functionName, isFunctionKey } from '../../../assessment/domain/index.js';
import type { RoundResult } from '../../round-result.js';

/** Under Slack's 3000 characters per section and 50 blocks per message, with room to spare. */
const SECTION_CHARS = 2900;
const BLOCKS_PER_MESSAGE = 40;

/** How many notes the round's respondents wrote, over all dimensions. */
export const noteCount = (result: RoundResult): number =>
  result.responses.reduce((n, r) => n + Object.values(r.notes).filter((t) => t.trim()).length, 0);

/**
 * The respondents' notes, by dimension, as replies under the round's summary: as many messages as the notes need.
 * Named rounds say who wrote each note and their function; anonymous rounds show the text alone, sorted so the
 * order in which people answered gives nobody away.
 */
export function roundNotesMessages(result: RoundResult): SlackMessage[] {
  const { round, responses } = result;
  const total = noteCount(result);
  if (total === 0) return [];
  const writers = responses.filter((r) => Object.values(r.notes).some((t) => t.trim())).length;

  const sections: string[] = [
    `*Notes from round #${round.id}*: ${count(total, 'note')} from ${count(writers, 'respondent')}${round.anonymous ? ', without names (anonymous round)' : ''}.`,
  ];
  for (const dimension of DIMENSIONS) {
    const notes = responses.flatMap((r) => {
      const text = r.notes[dimension.key]?.trim();
      return text
        ? [{ userId: r.userId, fn: isFunctionKey(r.function) ? functionName(r.function) : 'Other', text }]
        : [];
    });
    if (notes.length === 0) continue;
    const lines = round.anonymous
      ? notes
          .map((n) => n.text)
          .sort((a, b) => a.localeCompare(b))
          .map((text) => `• ${truncate(e(text), SECTION_CHARS - 100)}`)
      : notes.map((n) => `• <@${n.userId}> (${n.fn}): ${truncate(e(n.text), SECTION_CHARS - 100)}`);
    let current = `*${e(dimension.name)}*`;
    for (const line of lines) {
      if (current.length + 1 + line.length > SECTION_CHARS) {
        sections.push(current);
        current = `*${e(dimension.name)}* (continued)`;
      }
      current += `\n${line}`;
    }
    sections.push(current);
  }

  const messages: SlackMessage[] = [];
  for (let i = 0; i < sections.length; i += BLOCKS_PER_MESSAGE) {
    const blocks: KnownBlock[] = sections.slice(i, i + BLOCKS_PER_MESSAGE).map(section);
    messages.push({ text: `Notes from team assessment round #${round.id}: ${count(total, 'note')}`, blocks });
  }
  return messages;
}
