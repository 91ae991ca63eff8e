import type { App } from '@slack/bolt';
import { VIEW } from '../../ids.js';
import { parseAssessSubmission } from '../../parse/assess-submission.js';
import { decodeOrigin } from '../../parse/private-metadata.js';
import { viewStateSchema } from '../../parse/view-state.js';
import { postFailureMessage } from '../../views/post-failure.js';
import type { ListenerDeps } from '../deps.js';

export function registerAssessSubmission(app: App, deps: ListenerDeps): void {
  app.view(VIEW.assess, async ({ ack, body, view }) => {
    const parsed = parseAssessSubmission(viewStateSchema.parse(view.state.values));
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });

    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const origin = decodeOrigin(view.private_metadata);
    // Stored before ack so a crash after closing the modal loses nothing; posting waits until after ack.
    const { channelId, ...answers } = parsed.value;
    const { assessment, created } = await deps.assessments.submit({
      teamId,
      userId: body.user.id,
      ...answers,
      targetChannelId: channelId,
      originChannelId: origin.originChannelId,
      sourceViewId: view.id,
    });
    await ack();
    if (!created) return;

    deps.inFlight.run(async () => {
      const result = await deps.assessments.publish(teamId, assessment.id);
      if (result.ok) return;
      await deps.notifier.tellUser(
        { userId: body.user.id, responseUrl: origin.responseUrl, channelId: origin.originChannelId },
        postFailureMessage(assessment.id, result.channelId, result.reason, result.detail),
      );
    });
  });
}
