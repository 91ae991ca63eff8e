import type { Logger } from '../../../logging/logger.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { RoundPoster } from '../ports.js';
import { invitationMessage, nudgeMessage } from './blocks/invitation.js';
import { roundNotesMessages } from './blocks/round-notes.js';
import { roundSummaryMessage } from './blocks/round-summary.js';

/** Metadata on every round summary, so an attempt that died mid-post can be found instead of posted twice. */
export const ROUND_SUMMARY_EVENT = 'loopkeeper_round_summary';

/**
 * The rounds feature's Slack side: invitation, its answered count (chat.update), summary, nudges. Every call goes
 * through the notifier, so a 429 waits in its own lane instead of pausing the app's other Slack calls.
 */
export function createRoundPoster(notifier: Notifier, logger: Logger): RoundPoster {
  return {
    postInvitation: (round, answered) => notifier.postMessage(round.channelId, invitationMessage(round, answered)),

    async updateInvitation(round, answered) {
      if (!round.invitationTs) return;
      // Slack's error code is in the notifier's own warning.
      const updated = await notifier.updateMessage(
        round.channelId,
        round.invitationTs,
        invitationMessage(round, answered),
      );
      if (!updated) logger.warn('round invitation update failed', { roundId: round.id });
    },

    postSummary(result) {
      const message = {
        ...roundSummaryMessage(result),
        metadata: { event_type: ROUND_SUMMARY_EVENT, event_payload: { round_id: result.round.id } },
      };
      return notifier.postMessage(result.round.channelId, message);
    },

    findSummary: (round) =>
      notifier.findByMetadata(round.channelId, ROUND_SUMMARY_EVENT, (payload) => Number(payload.round_id) === round.id),

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
