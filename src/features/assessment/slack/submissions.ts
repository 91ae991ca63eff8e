import type { Listeners } from '../../../slack/listener-table.js';
import { decodeOrigin } from '../../../slack/parse/private-metadata.js';
import { viewStateSchema } from '../../../slack/parse/view-state.js';
import { postFailureMessage } from './blocks/post-failure.js';
import type { AssessmentListenerDeps } from './deps.js';
import { ASSESS_VIEW } from './ids.js';
import { parseAssessSubmission } from './parse.js';

export function registerAssessSubmission(app: Listeners, deps: AssessmentListenerDeps): void {
  app.view(ASSESS_VIEW.modal, async ({ ack, body, view }) => {
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

    // If the process dies before this runs, the stored post is pending and the scheduler posts it.
    deps.inFlight.run(async () => {
      const outcome = await deps.assessments.publish(assessment);
      if (outcome.state !== 'failed' || outcome.told) return;
      const { failure } = outcome;
      await deps.notifier.tellUser(
        { userId: body.user.id, responseUrl: origin.responseUrl, channelId: origin.originChannelId },
        postFailureMessage(assessment.id, failure.channelId, failure.reason, failure.detail),
      );
    });
  });
}
