import type { webApi } from '@slack/bolt';
import { isSegmentKey } from '../domain/index.js';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { encodeOrigin } from '../../../slack/parse/private-metadata.js';
import { SEGMENT_ARGUMENTS, parseSegmentArgument } from './segment-argument.js';
import { assessModal } from './blocks/assess-modal.js';
import { type SlackMessage, section } from '../../../slack/blocks.js';
import type { ListenerDeps } from '../../../slack/listeners/deps.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { exportCommand, historyCommand } from '../../rounds/slack/history-command.js';
import { startRoundCommand } from '../../rounds/slack/commands.js';

/** `/loop assess round …`, `/loop assess history`, `/loop assess export`, else `/loop assess [segment]`. Runs after ack(). */
export async function runAssessCommand(deps: ListenerDeps, client: webApi.WebClient, request: ModalRequest, args: string[]): Promise<SlackMessage | undefined> {
  const [first = '', ...rest] = args;
  switch (first.toLowerCase()) {
    case 'round':
      return startRoundCommand(deps, client, request, rest);
    case 'history':
      return historyCommand(deps, request);
    case 'export':
      return exportCommand(deps, client, request, deps.rounds.now());
    default:
      return openAssessModal(deps, client, request, args.join(' '));
  }
}

/** `/loop assess [segment]` or the Home button: opens the assessment modal; returns a message when it can't. Runs after ack(). */
export async function openAssessModal(
  deps: ListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
  segmentArgument = '',
): Promise<SlackMessage | undefined> {
  const segment = segmentArgument ? parseSegmentArgument(segmentArgument) : undefined;
  if (segmentArgument && !segment) {
    const text = `I don't know the segment \`${escapeMrkdwn(segmentArgument)}\`. Use one of ${SEGMENT_ARGUMENTS}, or leave it out to pick in the form.`;
    return { text, blocks: [section(text)] };
  }
  const settings = await deps.settings.getSettings(request.teamId);
  const view = assessModal({
    segment: segment ?? (isSegmentKey(settings.segment) ? settings.segment : null),
    channelId: settings.assessmentsChannelId ?? request.channelId,
    privateMetadata: encodeOrigin({ originChannelId: request.channelId, responseUrl: request.responseUrl }),
  });
  await client.views.open({ trigger_id: request.triggerId, view });
  return undefined;
}
