import type { SlackMessage } from '../../../slack/blocks.js';
import type { Listeners } from '../../../slack/listener-table.js';
import type { ChangeOutcome } from '../repository.js';
import { riskGoneMessage, riskSavedMessage } from './blocks/risk-messages.js';
import type { RiskListenerDeps } from './deps.js';
import { RISK_VIEW } from './ids.js';
import { blockErrors, decodeRiskMetadata, readCloseForm, readRescoreForm, readRiskForm } from './parse.js';

type Verb = 'updated' | 're-scored' | 'closed';

const outcomeMessage = (outcome: ChangeOutcome, verb: Verb, timeZone: string): SlackMessage | undefined => {
  if (outcome.kind === 'changed') return riskSavedMessage(outcome.risk, verb, timeZone);
  if (outcome.kind === 'duplicate') return undefined;
  return riskGoneMessage(outcome.kind);
};

/**
 * Risk modal submissions: validated (inline errors keyed by block id) and stored before the ack, so a crash after
 * the modal closes loses nothing; the confirmation goes out after.
 */
export function registerRiskViews(app: Listeners, deps: RiskListenerDeps): void {
  app.view(RISK_VIEW.add, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const origin = decodeRiskMetadata(view.private_metadata);
    const result = await deps.risks.add(teamId, body.user.id, readRiskForm(view.state.values), view.id);
    if (!result.ok) return ack({ response_action: 'errors', errors: blockErrors(result.errors) });
    await ack();
    if (!result.created) return;
    const audience = { userId: body.user.id, responseUrl: origin.responseUrl, channelId: origin.originChannelId };
    deps.inFlight.run(async () =>
      deps.notifier.tellUser(audience, riskSavedMessage(result.risk, 'added', await deps.risks.timeZone(teamId))),
    );
  });

  const change = (
    callbackId: string,
    verb: Verb,
    run: (
      teamId: string,
      riskId: number,
      userId: string,
      state: unknown,
      viewId: string,
    ) => Promise<{ ok: false; errors: Record<string, string | undefined> } | { ok: true; outcome: ChangeOutcome }>,
  ) =>
    app.view(callbackId, async ({ ack, body, view }) => {
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const origin = decodeRiskMetadata(view.private_metadata);
      const audience = { userId: body.user.id, responseUrl: origin.responseUrl, channelId: origin.originChannelId };
      if (origin.riskId === null) {
        await ack();
        deps.inFlight.run(() => deps.notifier.tellUser(audience, riskGoneMessage('not_found')));
        return;
      }
      const result = await run(teamId, origin.riskId, body.user.id, view.state.values, view.id);
      if (!result.ok)
        return ack({ response_action: 'errors', errors: blockErrors(result.errors as Record<string, string>) });
      await ack();
      const { outcome } = result;
      deps.inFlight.run(async () => {
        const message = outcomeMessage(outcome, verb, await deps.risks.timeZone(teamId));
        if (message) await deps.notifier.tellUser(audience, message);
      });
    });

  change(RISK_VIEW.edit, 'updated', (teamId, id, userId, state, viewId) =>
    deps.risks.edit(teamId, id, userId, readRiskForm(state), viewId),
  );
  change(RISK_VIEW.rescore, 're-scored', (teamId, id, userId, state, viewId) =>
    deps.risks.rescore(teamId, id, userId, readRescoreForm(state), viewId),
  );
  change(RISK_VIEW.close, 'closed', (teamId, id, userId, state, viewId) =>
    deps.risks.close(teamId, id, userId, readCloseForm(state), viewId),
  );
}
