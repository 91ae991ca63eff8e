import type { Notifier } from '../../../slack/notifier.js';
import type { AssessmentPoster } from '../service.js';
import { onItsWayMessage, postedMessage, postFailureMessage } from './blocks/post-failure.js';
import { assessmentSummaryMessage } from './blocks/summary.js';

/** Metadata on every summary, so an attempt that died mid-post can be found in the channel instead of posted twice. */
export const ASSESSMENT_SUMMARY_EVENT = 'loopkeeper_assessment_summary';

export function createAssessmentPoster(notifier: Notifier): AssessmentPoster {
  return {
    postSummary(channelId, summary) {
      const message = {
        ...assessmentSummaryMessage(summary),
        metadata: { event_type: ASSESSMENT_SUMMARY_EVENT, event_payload: { assessment_id: summary.assessment.id } },
      };
      return notifier.postMessage(channelId, message);
    },

    findPosted: (channelId, assessmentId) =>
      notifier.findByMetadata(
        channelId,
        ASSESSMENT_SUMMARY_EVENT,
        (payload) => Number(payload.assessment_id) === assessmentId,
      ),

    // A DM, not an ephemeral: only a real message can be replaced later with chat.update.
    async tellOnItsWay(userId, note) {
      const posted = await notifier.postMessage(userId, onItsWayMessage(note.assessmentId, note.channelId, note.retry));
      return posted.ok ? { channelId: posted.channelId, ts: posted.ts } : undefined;
    },

    async updateNotice(notice, assessmentId, outcome) {
      const message = outcome.ok
        ? postedMessage(assessmentId, outcome.channelId, await notifier.permalink(outcome.channelId, outcome.ts))
        : postFailureMessage(assessmentId, outcome.channelId, outcome.reason, outcome.detail);
      return notifier.updateMessage(notice.channelId, notice.ts, message);
    },

    async tellRefused(userId, assessmentId, failure) {
      return (
        await notifier.postMessage(
          userId,
          postFailureMessage(assessmentId, failure.channelId, failure.reason, failure.detail),
        )
      ).ok;
    },
  };
}
