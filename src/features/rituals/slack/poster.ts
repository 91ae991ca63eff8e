import type { Logger } from '../../../logging/logger.js';
import { section } from '../../../slack/blocks.js';
import { type Notifier, slackErrorCode } from '../../../slack/notifier.js';
import type { FollowUp, StoredRitual } from '../domain/index.js';
import { ritualTitleMrkdwn } from '../domain/ritual-title.js';
import type { RitualPostContent, RitualPoster } from '../ports.js';
import { followUpReminder, followUpThreadMessage } from './blocks/follow-up.js';
import { RITUAL_POST_EVENT, ritualPostMessage } from './blocks/ritual-post.js';

const FIXES: Record<string, string> = {
  not_in_channel: 'Loopkeeper is not a member of the channel: invite @Loopkeeper there.',
  channel_not_found:
    'Loopkeeper cannot see the channel (private, or deleted): invite @Loopkeeper or pick another channel in `/loop rituals`.',
  is_archived: 'The channel is archived: pick another one in `/loop rituals`.',
  restricted:
    'Posting is restricted in that channel: ask a workspace admin, or pick another channel in `/loop rituals`.',
};

/**
 * The Slack side of ritual posting: messages with metadata (so a crash mid-post can be detected), threads, DMs.
 * Every call goes through the notifier, so a 429 waits in its own lane instead of pausing the app's other Slack calls.
 */
export function createRitualPoster(notifier: Notifier, logger: Logger): RitualPoster {
  return {
    post: (channelId: string, content: RitualPostContent) =>
      notifier.postMessage(channelId, ritualPostMessage(content)),

    async findPosted(channelId, postId, since) {
      try {
        // The newest 200 messages, not `oldest: since`: a post from a crashed attempt is recent, and our clock and
        // Slack's may disagree.
        void since;
        return await notifier.findByMetadata(
          channelId,
          RITUAL_POST_EVENT,
          (payload) => Number(payload.post_id) === postId,
        );
      } catch (error) {
        // Not knowing is not proof of absence: throw, so the post waits for the next tick instead of risking a duplicate.
        logger.warn('conversations.history failed while checking a ritual post', {
          channelId,
          error: slackErrorCode(error),
        });
        throw error;
      }
    },

    async tellPostProblem(userId: string, ritual: StoredRitual, reason: string) {
      const text = `:warning: I could not post *${ritualTitleMrkdwn(ritual)}* in <#${ritual.channelId}>. ${FIXES[reason] ?? 'Slack refused the post.'} I keep retrying.`;
      await notifier.postMessage(userId, { text, blocks: [section(text)] });
    },

    postFollowUpInThread: (channelId: string, threadTs: string, followUp: FollowUp) =>
      notifier.postMessage(channelId, { ...followUpThreadMessage(followUp), thread_ts: threadTs }),

    async updateFollowUpInThread(followUp: FollowUp) {
      if (!followUp.threadChannelId || !followUp.threadMessageTs) return;
      // Slack's error code is in the notifier's own warning.
      const updated = await notifier.updateMessage(
        followUp.threadChannelId,
        followUp.threadMessageTs,
        followUpThreadMessage(followUp),
      );
      if (!updated) logger.warn('could not update a follow-up in its thread', { followUpId: followUp.id });
    },

    async remindOwner(followUp: FollowUp) {
      const where = followUp.threadChannelId ? ` (from the ritual in <#${followUp.threadChannelId}>)` : '';
      return (await notifier.postMessage(followUp.ownerId, followUpReminder(followUp, where))).ok;
    },
  };
}
