import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION } from '../../ids.js';
import { postFailureMessage, postedMessage } from '../../views/post-failure.js';
import type { ListenerDeps } from '../deps.js';

/** "Post again" on the ephemeral failure notice: retries the post of a stored assessment. */
export function registerAssessmentRepost(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ACTION.assessmentRepost, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const id = Number(action.value);
    const summary = Number.isInteger(id) ? await deps.assessments.summarize(teamId, id) : undefined;
    if (!summary) {
      await respond({ response_type: 'ephemeral', replace_original: true, text: "I can't find that assessment any more." });
      return;
    }
    const result = await deps.assessments.publish(teamId, id);
    const message = result.ok ? postedMessage(id, result.channelId) : postFailureMessage(id, result.channelId, result.reason, result.detail);
    await respond({ response_type: 'ephemeral', replace_original: true, ...message });
  });
}
