import type { webApi } from '@slack/bolt';
import { COMMAND } from '../../../slack/ids.js';
import { encodeOrigin } from '../../../slack/parse/private-metadata.js';
import { type SlackMessage, section } from '../../../slack/blocks.js';
import { settingsModal } from './blocks/settings-modal.js';
import type { ListenerDeps } from '../../../slack/listeners/deps.js';
import type { ModalRequest } from '../../../slack/modal-request.js';

/** What a non-admin tried to do, as the refusal says it: "Only Loopkeeper admins can <phrase>." */
const ADMIN_ONLY = {
  team_settings: 'change the team settings',
  mqa_settings: 'change the MQA settings',
  mqa_routes: 'change MQA routes',
  ritual_add: 'add rituals',
  ritual_edit: 'edit rituals',
  ritual_pause: 'pause rituals',
  ritual_resume: 'resume rituals',
  ritual_skip_next: "skip a ritual's next occurrence",
  ritual_delete: 'delete rituals',
} as const;

export type AdminOnlyAction = keyof typeof ADMIN_ONLY;

/** The refusal names what was refused and who may do it, so nobody goes looking in the wrong place. */
export function notAdminText(refused: AdminOnlyAction): string {
  return (
    `Only Loopkeeper admins can ${ADMIN_ONLY[refused]}. ` +
    `Workspace admins and owners are admins, and they can add others in \`${COMMAND} settings\`.`
  );
}

export const notAdminMessage = (refused: AdminOnlyAction): SlackMessage => {
  const text = notAdminText(refused);
  return { text, blocks: [section(`:lock: ${text}`)] };
};

/** `/loop settings` or the Home button: admins get the modal, everyone else a polite refusal. Runs after ack(). */
export async function openSettingsModal(deps: ListenerDeps, client: webApi.WebClient, request: ModalRequest): Promise<SlackMessage | undefined> {
  if (!(await deps.settings.isAdmin(request.teamId, request.userId))) return notAdminMessage('team_settings');
  const settings = await deps.settings.getSettings(request.teamId);
  const origin = encodeOrigin({ originChannelId: request.channelId, responseUrl: request.responseUrl });
  await client.views.open({ trigger_id: request.triggerId, view: settingsModal(settings, origin) });
  return undefined;
}
