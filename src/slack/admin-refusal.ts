import { type SlackMessage, section } from './blocks.js';
import { COMMAND } from './ids.js';

/**
 * The refusal names what was refused and who may do it, so nobody goes looking in the wrong place.
 * `refused` completes "Only Loopkeeper admins can …", e.g. "change MQA routes".
 */
export function notAdminText(refused: string): string {
  return (
    `Only Loopkeeper admins can ${refused}. ` +
    `Workspace admins and owners are admins, and they can add others in \`${COMMAND} settings\`.`
  );
}

export const notAdminMessage = (refused: string): SlackMessage => {
  const text = notAdminText(refused);
  return { text, blocks: [section(`:lock: ${text}`)] };
};
