import type { PostFailureReason } from '../../services/ports.js';
import { ACTION } from '../ids.js';
import { type SlackMessage, section } from './blocks.js';

const HOW_TO_FIX: Record<PostFailureReason, string> = {
  not_in_channel: "I'm not a member of <#CHANNEL>. Add me with `/invite @Loopkeeper` in that channel, then press *Post again*.",
  channel_not_found:
    "I can't see <#CHANNEL>: it is private or was deleted. If it's private, add me with `/invite @Loopkeeper` there, then press *Post again*.",
  is_archived: '<#CHANNEL> is archived. Unarchive it, or pick another channel with `/loop settings`, then press *Post again*.',
  restricted: "Posting in <#CHANNEL> is restricted to certain members. Ask a channel manager to allow me, then press *Post again*.",
  other: "Slack refused the post to <#CHANNEL> (ERROR). Press *Post again* in a moment.",
};

/** Ephemeral: the post failed, the assessment is safe, here is how to fix it, and a button to retry. */
export function postFailureMessage(assessmentId: number, channelId: string, reason: PostFailureReason, detail: string): SlackMessage {
  const fix = HOW_TO_FIX[reason].replace('CHANNEL', channelId).replace('ERROR', detail.replace(/[<>&]/g, ''));
  return {
    text: `Your assessment #${assessmentId} is saved, but I couldn't post it to <#${channelId}>.`,
    blocks: [
      section(`:warning: Your assessment #${assessmentId} is saved, but I couldn't post it to <#${channelId}>.\n${fix}`),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION.assessmentRepost,
            text: { type: 'plain_text', text: 'Post again' },
            style: 'primary',
            value: String(assessmentId),
          },
        ],
      },
    ],
  };
}

export function postedMessage(assessmentId: number, channelId: string): SlackMessage {
  const text = `:white_check_mark: Assessment #${assessmentId} is posted in <#${channelId}>.`;
  return { text, blocks: [section(text)] };
}
