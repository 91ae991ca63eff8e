import type { BlockButtonAction } from '@slack/bolt';
import type { InFlight } from '../../../kernel/in-flight.js';
import { notAdminMessage } from '../../../slack/admin-refusal.js';
import type { Listeners } from '../../../slack/listener-table.js';
import type { Notifier } from '../../../slack/notifier.js';
import { readState, viewStateSchema } from '../../../slack/parse/view-state.js';
import type { ControlPlaneService } from '../service.js';
import { setupBrokeMessage, setupModal, setupResultMessage } from './blocks/setup.js';
import { CONTROL_PLANE_ACTION, CONTROL_PLANE_BLOCK, CONTROL_PLANE_VIEW } from './ids.js';

export interface ControlPlaneListenerDeps {
  controlPlane: ControlPlaneService;
  isAdmin(teamId: string, userId: string): Promise<boolean>;
  notifier: Notifier;
  inFlight: InFlight;
}

/** "Only Loopkeeper admins can …" */
const REFUSED = 'set up the GTM Control Plane';

const teamOf = (body: { team?: { id: string } | null; user: { id: string; team_id?: string } }) =>
  body.team?.id ?? body.user.team_id ?? '';

/** The button (App Home or the settings modal) opens the setup modal; its submission creates the canvas. */
export function registerControlPlaneListeners(app: Listeners, deps: ControlPlaneListenerDeps): void {
  app.action<BlockButtonAction>(CONTROL_PLANE_ACTION.open, async ({ ack, body, client }) => {
    await ack();
    const teamId = teamOf(body);
    if (!(await deps.isAdmin(teamId, body.user.id))) {
      await deps.notifier.tellUser({ userId: body.user.id }, notAdminMessage(REFUSED));
      return;
    }
    const view = setupModal(teamId, await deps.controlPlane.find(teamId));
    // From the settings modal it goes on top of it; from App Home it opens alone.
    if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
    else await client.views.open({ trigger_id: body.trigger_id, view });
  });

  app.view(CONTROL_PLANE_VIEW.setup, async ({ ack, body, view }) => {
    const channelId = readState(viewStateSchema.parse(view.state.values)).conversation(CONTROL_PLANE_BLOCK.channel);
    if (!channelId)
      return ack({ response_action: 'errors', errors: { [CONTROL_PLANE_BLOCK.channel]: 'Pick a channel.' } });
    // Closes every modal: the settings modal under it has nothing left to show about this.
    await ack({ response_action: 'clear' });
    const teamId = teamOf(body);
    const userId = body.user.id;
    deps.inFlight.run(async () => {
      const result = await deps.controlPlane.setUp(teamId, userId, channelId).catch(async (error: unknown) => {
        await deps.notifier.tellUser({ userId }, setupBrokeMessage());
        throw error;
      });
      await deps.notifier.tellUser({ userId }, setupResultMessage(teamId, result, notAdminMessage(REFUSED)));
    });
  });
}
