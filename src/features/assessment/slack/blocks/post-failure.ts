import { formatElapsed } from '../../../../domain/time/elapsed.js';
import { isPassingFailure, type PostFailureReason } from '../../../../kernel/post-result.js';
import { type SlackMessage, section } from '../../../../slack/blocks.js';
import { ASSESS_ACTION } from '../ids.js';

const HOW_TO_FIX: Record<PostFailureReason, string> = {
  not_in_channel:
    "I'm not a member of <#CHANNEL>. Add me with `/invite @Loopkeeper` in that channel, then press *Post again*.",
  channel_not_found:
    "I can't see <#CHANNEL>: it is private or was deleted. If it's private, add me with `/invite @Loopkeeper` there, then press *Post again*.",
  is_archived:
    '<#CHANNEL> is archived. Unarchive it, or pick another channel with `/loop settings`, then press *Post again*.',
  restricted:
    'Posting in <#CHANNEL> is restricted to certain members. Ask a channel manager to allow me, then press *Post again*.',
  other: "Slack didn't take the post to <#CHANNEL> (ERROR). I'll keep trying, or press *Post again* in a moment.",
};

/** Slack's final answer that names no channel problem (a revoked token, a missing scope): waiting won't help. */
const FINAL_FAILURE =
  "Slack refused the post to <#CHANNEL> (ERROR), and trying again by itself won't help. Ask your Loopkeeper admin to check the app's installation, then press *Post again*.";

/** Ephemeral: the post failed, the assessment is safe, here is how to fix it, and a button to retry. */
export function postFailureMessage(
  assessmentId: number,
  channelId: string,
  reason: PostFailureReason,
  detail: string,
): SlackMessage {
  const how = reason === 'other' && !isPassingFailure(detail) ? FINAL_FAILURE : HOW_TO_FIX[reason];
  const fix = how.replace('CHANNEL', channelId).replace('ERROR', detail.replace(/[<>&]/g, ''));
  return {
    text: `Your assessment #${assessmentId} is saved, but I couldn't post it to <#${channelId}>.`,
    blocks: [
      section(
        `:warning: Your assessment #${assessmentId} is saved, but I couldn't post it to <#${channelId}>.\n${fix}`,
      ),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ASSESS_ACTION.repost,
            text: { type: 'plain_text', text: 'Post again' },
            style: 'primary',
            value: String(assessmentId),
          },
        ],
      },
    ],
  };
}

/** The summary is posted; with a link to it when Slack gave one. */
export function postedMessage(assessmentId: number, channelId: string, permalink?: string): SlackMessage {
  const text = `:white_check_mark: Assessment #${assessmentId} is posted in <#${channelId}>.${permalink ? ` <${permalink}|Open the summary>` : ''}`;
  return { text: `Assessment #${assessmentId} is posted in <#${channelId}>.`, blocks: [section(text)] };
}

/**
 * Private, while the post is still on its way: Slack is slow to answer (its retries can take half a minute), or
 * it failed and the scheduler tries again in `retryInMs`. The message is replaced when the post lands or is refused.
 */
export function onItsWayMessage(
  assessmentId: number,
  channelId: string,
  retry?: { detail: string; retryInMs: number },
): SlackMessage {
  const why = retry
    ? `Slack didn't take it yet (${retry.detail.replace(/[<>&]/g, '')}). I'll try again in ${formatElapsed(retry.retryInMs)} and keep trying until it's posted.`
    : 'Slack is slow to answer right now, so it takes a little longer.';
  const text = `:hourglass_flowing_sand: Your assessment #${assessmentId} is saved and on its way to <#${channelId}>. ${why} I'll update this message when it's posted.`;
  return { text: `Your assessment #${assessmentId} is on its way to <#${channelId}>.`, blocks: [section(text)] };
}

/** "Post again" while another attempt is still running: nothing to do but wait for it. */
export function inProgressMessage(assessmentId: number, channelId: string): SlackMessage {
  const text = `:hourglass_flowing_sand: Assessment #${assessmentId} is on its way to <#${channelId}>: an attempt is running right now. You'll see it there, or hear from me if Slack refuses it.`;
  return { text, blocks: [section(text)] };
}
