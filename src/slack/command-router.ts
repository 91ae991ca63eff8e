import type { App } from '@slack/bolt';
import { escapeMrkdwn } from '../domain/text/mrkdwn.js';
import { COMMAND } from './ids.js';
import { parseCommandText } from './parse/command-text.js';
import { usageMessage } from './usage.js';
import type { ListenerDeps } from './listeners/deps.js';
import { SUBCOMMANDS, usageLines } from './listeners/commands/subcommands.js';

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    const { subcommand, args } = parseCommandText(command.text);
    if (subcommand === '' || subcommand === 'help') return ack(usageMessage(usageLines()));
    const handler = SUBCOMMANDS.find((s) => s.name === subcommand);
    if (!handler) {
      return ack(usageMessage(usageLines(), `I don't know \`${escapeMrkdwn(`${COMMAND} ${command.text.trim()}`)}\`.`));
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
    const answer = await handler.run({ deps, client, request, args });
    if (answer) await respond({ response_type: 'ephemeral', ...answer });
  });
}
