import type { webApi } from '@slack/bolt';
import { encodeOrigin } from '../../parse/private-metadata.js';
import { type SlackMessage, section } from '../../views/blocks.js';
import { settingsModal } from '../../views/settings-modal.js';
import type { ListenerDeps } from '../deps.js';
import type { ModalRequest } from '../modal-request.js';

const NOT_ADMIN_TEXT =
  'Sorry, only Loopkeeper admins can change the team settings. Workspace admins and owners are admins, and they can add others in `/loop settings`.';

export const notAdminMessage = (): SlackMessage => ({ text: NOT_ADMIN_TEXT, blocks: [section(`:lock: ${NOT_ADMIN_TEXT}`)] });

/** `/loop settings` or the Home button: admins get the modal, everyone else a polite refusal. Runs after ack(). */
export async function openSettingsModal(deps: ListenerDeps, client: webApi.WebClient, request: ModalRequest): Promise<SlackMessage | undefined> {
  if (!(await deps.settings.isAdmin(request.teamId, request.userId))) return notAdminMessage();
  const settings = await deps.settings.getSettings(request.teamId);
  const origin = encodeOrigin({ originChannelId: request.channelId, responseUrl: request.responseUrl });
  await client.views.open({ trigger_id: request.triggerId, view: settingsModal(settings, origin) });
  return undefined;
}
