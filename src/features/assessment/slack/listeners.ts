import type { BlockButtonAction } from '@slack/bolt';
import type { Listeners } from '../../../slack/listener-table.js';
import { modalRequestFromHomeButton } from '../../../slack/modal-request.js';
import { registerAssessmentRepost } from './actions.js';
import { openAssessModal } from './commands.js';
import type { AssessmentListenerDeps } from './deps.js';
import { ASSESS_ACTION } from './ids.js';
import { registerAssessSubmission } from './submissions.js';

/** The assessment modal's submission, **Post again**, and App Home's "Take the assessment". */
export function registerAssessmentListeners(app: Listeners, deps: AssessmentListenerDeps): void {
  registerAssessSubmission(app, deps);
  registerAssessmentRepost(app, deps);
  app.action<BlockButtonAction>(ASSESS_ACTION.open, async ({ ack, body, client }) => {
    await ack();
    await openAssessModal(deps, client, modalRequestFromHomeButton(body));
  });
}
