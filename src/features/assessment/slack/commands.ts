import type { webApi } from '@slack/bolt';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { type SlackMessage, section } from '../../../slack/blocks.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { encodeOrigin } from '../../../slack/parse/private-metadata.js';
import { isSegmentKey } from '../domain/index.js';
import { assessModal } from './blocks/assess-modal.js';
import type { AssessmentListenerDeps } from './deps.js';
import { parseSegmentArgument, SEGMENT_ARGUMENTS } from './segment-argument.js';

/** `/loop assess [segment]` or the Home button: opens the assessment modal; returns a message when it can't. Runs after ack(). */
export async function openAssessModal(
  deps: AssessmentListenerDeps,
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
