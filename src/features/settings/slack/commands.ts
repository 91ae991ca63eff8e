import type { webApi } from '@slack/bolt';
import { notAdminMessage } from '../../../slack/admin-refusal.js';
import type { SlackMessage } from '../../../slack/blocks.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { encodeOrigin } from '../../../slack/parse/private-metadata.js';
import { settingsModal } from './blocks/settings-modal.js';
import type { SettingsListenerDeps } from './deps.js';

/** `/loop settings` or the Home button: admins get the modal, everyone else a polite refusal. Runs after ack(). */
export async function openSettingsModal(
  deps: SettingsListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
): Promise<SlackMessage | undefined> {
  if (!(await deps.settings.isAdmin(request.teamId, request.userId)))
    return notAdminMessage('change the team settings');
  const settings = await deps.settings.getSettings(request.teamId);
  const origin = encodeOrigin({ originChannelId: request.channelId, responseUrl: request.responseUrl });
  await client.views.open({ trigger_id: request.triggerId, view: settingsModal(settings, origin) });
  return undefined;
}
