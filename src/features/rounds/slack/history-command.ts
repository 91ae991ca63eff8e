import type { webApi } from '@slack/bolt';
import { count } from '../../../domain/text/plural.js';
import { type SlackMessage, section } from '../../../slack/blocks.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { slackErrorCode } from '../../../slack/notifier.js';
import { historyMessage } from './blocks/history.js';
import type { RoundListenerDeps } from './deps.js';

const say = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** `/loop assess history`: the team's recent results, ephemerally. */
export async function historyCommand(deps: RoundListenerDeps, request: ModalRequest): Promise<SlackMessage> {
  return historyMessage(await deps.assessmentHistory.history(request.teamId));
}

/**
 * `/loop assess export`: a CSV of all results as a file in a DM to the requester (conversations.open, then
 * files upload v2 into that DM). Admins get everyone's round answers; others their own.
 */
export async function exportCommand(
  deps: RoundListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
  now: Date,
): Promise<SlackMessage> {
  const isAdmin = await deps.settings.isAdmin(request.teamId, request.userId);
  const { csv, rows } = await deps.assessmentHistory.exportCsv(request.teamId, { userId: request.userId, isAdmin });
  if (rows === 0) return say('There is nothing to export yet: no assessments and no closed rounds.');
  try {
    const opened = await client.conversations.open({ users: request.userId });
    const channelId = opened.channel?.id;
    if (!channelId) throw new Error('conversations.open returned no channel');
    await client.filesUploadV2({
      channel_id: channelId,
      file: Buffer.from(csv, 'utf8'),
      filename: `loopkeeper-results-${now.toISOString().slice(0, 10)}.csv`,
      title: 'Loopkeeper assessment results',
      initial_comment: `All feedback-loop results: ${count(rows, 'row')} (one per response, one per round summary)${isAdmin ? '' : '; round answers are only your own'}.`,
    });
  } catch (error) {
    deps.logger.warn('export upload failed', { error: slackErrorCode(error) });
    return say(
      `:warning: I couldn't send you the export (${slackErrorCode(error).replace(/[<>&]/g, '')}). Try again in a moment.`,
    );
  }
  return say(`:inbox_tray: I sent you the CSV in a DM: ${count(rows, 'row')}.`);
}
