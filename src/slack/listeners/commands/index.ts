import type { App } from '@slack/bolt';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { COMMAND } from '../../ids.js';
import { parseCommandText } from '../../parse/command-text.js';
import { usageMessage } from '../../views/usage.js';
import type { ListenerDeps } from '../deps.js';
import { openAssessModal } from './assess-command.js';
import { openSettingsModal } from './settings-command.js';

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    const { subcommand, args } = parseCommandText(command.text);
    if (subcommand === '' || subcommand === 'help') return ack(usageMessage());
    const request = {
      teamId: command.team_id,
      userId: command.user_id,
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      responseUrl: command.response_url,
    };

    // Slow work (database, users.info, views.open) happens after ack; the trigger id stays valid for 3 s.
    if (subcommand === 'assess') {
      await ack();
      const problem = await openAssessModal(deps, client, request, args.join(' '));
      if (problem) await respond({ response_type: 'ephemeral', ...problem });
      return;
    }
    if (subcommand === 'settings') {
      await ack();
      const refusal = await openSettingsModal(deps, client, request);
      if (refusal) await respond({ response_type: 'ephemeral', ...refusal });
      return;
    }
    return ack(usageMessage(`I don't know \`${escapeMrkdwn(`${COMMAND} ${command.text.trim()}`)}\`.`));
  });
}
