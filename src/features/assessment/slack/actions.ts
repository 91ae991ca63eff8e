import type { BlockButtonAction } from '@slack/bolt';
import type { Listeners } from '../../../slack/listener-table.js';
import { inProgressMessage, postedMessage, postFailureMessage } from './blocks/post-failure.js';
import type { AssessmentListenerDeps } from './deps.js';
import { ASSESS_ACTION } from './ids.js';

/** "Post again" on the private failure notice: tries the post of a stored assessment again, at once. */
export function registerAssessmentRepost(app: Listeners, deps: AssessmentListenerDeps): void {
  app.action<BlockButtonAction>(ASSESS_ACTION.repost, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const id = Number(action.value);
    const outcome = Number.isInteger(id) ? await deps.assessments.repost(teamId, id) : undefined;
    if (!outcome) {
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: "I can't find that assessment any more.",
      });
      return;
    }
    const message =
      outcome.state === 'posted'
        ? postedMessage(id, outcome.channelId, await deps.notifier.permalink(outcome.channelId, outcome.ts))
        : outcome.state === 'in_progress'
          ? inProgressMessage(id, outcome.channelId)
          : postFailureMessage(id, outcome.failure.channelId, outcome.failure.reason, outcome.failure.detail);
    await respond({ response_type: 'ephemeral', replace_original: true, ...message });
  });
}
