import { COMMAND } from '../ids.js';
import { type SlackMessage, context, section } from './blocks.js';

const COMMANDS: ReadonlyArray<[usage: string, what: string]> = [
  [`${COMMAND} assess [segment]`, 'Take the five-dimension feedback-loop assessment and post the summary to a channel.'],
  [`${COMMAND} settings`, 'Team defaults: segment, assessments channel, time zone, Loopkeeper admins (admins only).'],
  [`${COMMAND} help`, 'Show this list.'],
];

const SEGMENT_HINT = 'Segments: `pure-plg`, `plg-sales-assist`, `sales-led-freemium`, `devtools-plg`.';

/** The ephemeral answer to `/loop`, `/loop help` and anything we don't understand (`problem` says what). */
export function usageMessage(problem?: string): SlackMessage {
  const list = COMMANDS.map(([usage, what]) => `\`${usage}\`  ${what}`).join('\n');
  const intro = problem ? `${problem}\n\n*Here is what I can do:*` : '*Loopkeeper runs your GTM feedback-loop rituals in Slack.*';
  return {
    text: `${problem ? `${problem} ` : ''}Loopkeeper commands: ${COMMANDS.map(([usage]) => usage).join(', ')}`,
    blocks: [section(`${intro}\n${list}`), context(SEGMENT_HINT)],
  };
}
