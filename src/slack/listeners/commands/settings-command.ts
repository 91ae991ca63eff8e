import type { SlashCommand, webApi } from '@slack/bolt';
import { encodeOrigin } from '../../parse/private-metadata.js';
import { type SlackMessage, section } from '../../views/blocks.js';
import { settingsModal } from '../../views/settings-modal.js';
import type { ListenerDeps } from '../deps.js';

const NOT_ADMIN_TEXT =
  'Sorry, only Loopkeeper admins can change the team settings. Workspace admins and owners are admins, and they can add others in `/loop settings`.';

export const notAdminMessage = (): SlackMessage => ({ text: NOT_ADMIN_TEXT, blocks: [section(`:lock: ${NOT_ADMIN_TEXT}`)] });

/** `/loop settings`: admins get the modal, everyone else a polite refusal. Runs after ack(). */
export async function openSettingsModal(deps: ListenerDeps, client: webApi.WebClient, command: SlashCommand): Promise<SlackMessage | undefined> {
  if (!(await deps.settings.isAdmin(command.team_id, command.user_id))) return notAdminMessage();
  const settings = await deps.settings.getSettings(command.team_id);
  const origin = encodeOrigin({ originChannelId: command.channel_id, responseUrl: command.response_url });
  await client.views.open({ trigger_id: command.trigger_id, view: settingsModal(settings, origin) });
  return undefined;
}
