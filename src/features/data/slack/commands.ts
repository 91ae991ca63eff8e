import type { webApi } from '@slack/bolt';
import { notAdminMessage } from '../../../slack/admin-refusal.js';
import type { SlackMessage } from '../../../slack/blocks.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { slackErrorCode } from '../../../slack/notifier.js';
import { encodeOrigin } from '../../../slack/parse/private-metadata.js';
import { deleteModal } from './blocks/delete-modal.js';
import { exportComment, exportFailedMessage, exportSentMessage } from './blocks/messages.js';
import type { DataListenerDeps } from './deps.js';

export const EXPORT_REFUSED = "export the workspace's data";
export const DELETE_REFUSED = "delete the workspace's data";

/**
 * `/loop data export` (after the ack): the team's whole data set as a zip of CSV files, uploaded into a DM to the
 * admin who asked (conversations.open, then files upload v2), with the tables and their row counts.
 */
export async function exportCommand(
  deps: DataListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
): Promise<SlackMessage> {
  const result = await deps.data.exportTeam(request.teamId, request.userId);
  if (!result.ok) return notAdminMessage(EXPORT_REFUSED);
  try {
    const opened = await client.conversations.open({ users: request.userId });
    const channelId = opened.channel?.id;
    if (!channelId) throw new Error('conversations.open returned no channel');
    await client.filesUploadV2({
      channel_id: channelId,
      file: result.zip,
      filename: result.filename,
      title: 'Loopkeeper data export',
      initial_comment: exportComment(result.counts),
    });
  } catch (error) {
    deps.logger.warn('data export upload failed', { error: slackErrorCode(error) });
    return exportFailedMessage(slackErrorCode(error));
  }
  deps.logger.info('workspace data exported', { teamId: request.teamId, userId: request.userId });
  return exportSentMessage(result.counts);
}

/** `/loop data delete`: admins get the confirmation modal, everyone else the refusal. Runs after ack(). */
export async function openDeleteModal(
  deps: DataListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
): Promise<SlackMessage | undefined> {
  if (!(await deps.data.isAdmin(request.teamId, request.userId))) return notAdminMessage(DELETE_REFUSED);
  const origin = encodeOrigin({ originChannelId: request.channelId, responseUrl: request.responseUrl });
  await client.views.open({ trigger_id: request.triggerId, view: deleteModal(origin) });
  return undefined;
}
