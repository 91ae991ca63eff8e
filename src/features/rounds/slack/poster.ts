import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../logging/logger.js';
import { type Notifier, slackErrorCode } from '../../../slack/notifier.js';
import type { RoundPoster } from '../ports.js';
import { invitationMessage, nudgeMessage } from './blocks/invitation.js';
import { roundNotesMessages } from './blocks/round-notes.js';
import { roundSummaryMessage } from './blocks/round-summary.js';

/** The rounds feature's Slack side: invitation, its answered count (chat.update), summary, nudges. */
export function createRoundPoster(client: webApi.WebClient, notifier: Notifier, logger: Logger): RoundPoster {
  return {
    postInvitation: (round, answered) => notifier.postMessage(round.channelId, invitationMessage(round, answered)),

    async updateInvitation(round, answered) {
      if (!round.invitationTs) return;
      try {
        await client.chat.update({
          channel: round.channelId,
          ts: round.invitationTs,
          ...invitationMessage(round, answered),
        });
      } catch (error) {
        logger.warn('round invitation update failed', { roundId: round.id, error: slackErrorCode(error) });
      }
    },

    postSummary: (result) => notifier.postMessage(result.round.channelId, roundSummaryMessage(result)),

    async postNotes(result, channelId, threadTs) {
      for (const message of roundNotesMessages(result)) {
        const posted = await notifier.postMessage(channelId, { ...message, thread_ts: threadTs });
        if (!posted.ok) {
          logger.warn('round notes could not be posted in the summary thread', {
            roundId: result.round.id,
            error: posted.detail,
          });
          return false;
        }
      }
      return true;
    },

    async nudge(round, userId) {
      const result = await notifier.postMessage(userId, nudgeMessage(round));
      return result.ok;
    },
  };
}
