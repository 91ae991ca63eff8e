import { SEGMENT_ARGUMENTS } from '../features/assessment/slack/segment-argument.js';
import { context, type SlackMessage, section } from './blocks.js';

const SEGMENT_HINT = `Segments: ${SEGMENT_ARGUMENTS}.`;

/** The ephemeral answer to `/loop`, `/loop help` and anything we don't understand (`problem` says what, escaped). */
export function usageMessage(commands: Array<[usage: string, summary: string]>, problem?: string): SlackMessage {
  const list = commands.map(([usage, summary]) => `\`${usage}\`  ${summary}`).join('\n');
  const intro = problem
    ? `${problem}\n\n*Here is what I can do:*`
    : '*Loopkeeper runs your GTM feedback-loop rituals in Slack.*';
  return {
    text: `${problem ? `${problem} ` : ''}Loopkeeper commands: ${commands.map(([usage]) => usage).join(', ')}`,
    blocks: [section(`${intro}\n${list}`), context(SEGMENT_HINT)],
  };
}
