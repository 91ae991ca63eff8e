import type { App } from '@slack/bolt';
import { escapeMrkdwn } from '../domain/text/mrkdwn.js';
import type { Subcommand } from '../features/feature.js';
import { COMMAND } from './ids.js';
import { parseCommandText } from './parse/command-text.js';
import { usageMessage } from './usage.js';

/** The usage list: every subcommand in feature order, then help. */
export const usageLines = (subcommands: Subcommand[]): Array<[usage: string, summary: string]> => [
  ...subcommands.map((s): [string, string] => [`${COMMAND} ${s.usage}`, s.summary]),
  [`${COMMAND} help`, 'Show this list.'],
];

/** The one `/loop` listener: help and unknown input are answered in the ack, everything else after it. */
export function registerCommandRouter(app: App, subcommands: () => Subcommand[]): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    const { subcommand, args } = parseCommandText(command.text);
    const all = subcommands();
    if (subcommand === '' || subcommand === 'help') return ack(usageMessage(usageLines(all)));
    const verb = args[0]?.toLowerCase();
    const withVerb = all.find((s) => s.name === subcommand && s.verb !== undefined && s.verb === verb);
    const handler = withVerb ?? all.find((s) => s.name === subcommand && s.verb === undefined);
    if (!handler) {
      const problem = `I don't know \`${escapeMrkdwn(`${COMMAND} ${command.text.trim()}`)}\`.`;
      return ack(usageMessage(usageLines(all), problem));
    }
    // Slow work (database, users.info, views.open) happens after ack; the trigger id stays valid for 3 s.
    await ack();
    const request = {
      teamId: command.team_id,
      userId: command.user_id,
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      responseUrl: command.response_url,
    };
    const answer = await handler.run({ client, request, args: withVerb ? args.slice(1) : args });
    if (answer) await respond({ response_type: 'ephemeral', ...answer });
  });
}
