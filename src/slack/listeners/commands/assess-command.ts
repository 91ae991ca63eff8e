import type { SlashCommand, webApi } from '@slack/bolt';
import { isSegmentKey } from '../../../domain/assessment/index.js';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { parseSegmentArgument } from '../../parse/segment-argument.js';
import { encodeOrigin } from '../../parse/private-metadata.js';
import { assessModal } from '../../views/assess-modal.js';
import { usageMessage } from '../../views/usage.js';
import type { SlackMessage } from '../../views/blocks.js';
import type { ListenerDeps } from '../deps.js';

/** `/loop assess [segment]`: opens the assessment modal; returns a message when it can't. Runs after ack(). */
export async function openAssessModal(
  deps: ListenerDeps,
  client: webApi.WebClient,
  command: SlashCommand,
  args: string[],
): Promise<SlackMessage | undefined> {
  const requested = args.join(' ');
  const segment = requested ? parseSegmentArgument(requested) : undefined;
  if (requested && !segment) return usageMessage(`I don't know the segment \`${escapeMrkdwn(requested)}\`.`);
  const settings = await deps.settings.getSettings(command.team_id);
  const view = assessModal({
    segment: segment ?? (isSegmentKey(settings.segment) ? settings.segment : null),
    channelId: settings.assessmentsChannelId ?? command.channel_id,
    privateMetadata: encodeOrigin({ originChannelId: command.channel_id, responseUrl: command.response_url }),
  });
  await client.views.open({ trigger_id: command.trigger_id, view });
  return undefined;
}
