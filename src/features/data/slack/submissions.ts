import { notAdminMessage } from '../../../slack/admin-refusal.js';
import type { Listeners } from '../../../slack/listener-table.js';
import { decodeOrigin } from '../../../slack/parse/private-metadata.js';
import { readState, viewStateSchema } from '../../../slack/parse/view-state.js';
import { confirmationProblem } from '../domain/confirmation.js';
import { deletedMessage, deleteFailedMessage } from './blocks/messages.js';
import { DELETE_REFUSED } from './commands.js';
import type { DataListenerDeps } from './deps.js';
import { DATA_BLOCK, DATA_VIEW } from './ids.js';

/**
 * The delete modal's submission: anything but DELETE stays open with the error under the input; DELETE closes it,
 * and the team's data is deleted (the admin check runs again) and the counts are told to the person.
 */
export function registerDeleteSubmission(app: Listeners, deps: DataListenerDeps): void {
  app.view(DATA_VIEW.delete, async ({ ack, body, view }) => {
    const state = readState(viewStateSchema.parse(view.state.values));
    const problem = confirmationProblem(state.text(DATA_BLOCK.confirm));
    if (problem) return ack({ response_action: 'errors', errors: { [DATA_BLOCK.confirm]: problem } });
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const origin = decodeOrigin(view.private_metadata);
    const audience = { userId: body.user.id, responseUrl: origin.responseUrl, channelId: origin.originChannelId };
    deps.inFlight.run(async () => {
      let result: Awaited<ReturnType<typeof deps.data.deleteTeam>>;
      try {
        result = await deps.data.deleteTeam(teamId, body.user.id, view.id);
      } catch (error) {
        deps.logger.error('deleting the workspace data failed; the transaction rolled back', { teamId, error });
        await deps.notifier.tellUser(audience, deleteFailedMessage());
        return;
      }
      if (!result.ok) return deps.notifier.tellUser(audience, notAdminMessage(DELETE_REFUSED));
      if (result.repeated) return;
      return deps.notifier.tellUser(audience, deletedMessage(result.counts));
    });
  });
}
